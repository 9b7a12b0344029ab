// Who is asking, from the web process's caches (lib/adapters/cache/read-caches.ts), for the
// hot paths that answer before Next.js (downloads, postings). A miss loads the row once and
// caches it; PostgreSQL notifications drop entries the moment a token, session or
// membership changes, so these answers are the database's answers.
import type { IncomingMessage } from 'node:http';
import type { Actor, Role } from '../../domains/auth/access';
import { tokenCredentialKey } from '../../domains/auth/api-tokens';
import { hashSecret } from '../../domains/auth/secrets';
import { sessionCookieName, sessionCredentialKey } from '../../domains/auth/sessions';
import { membershipKey, type CachedCredential } from '../cache/read-caches';
import type { AppContext } from '../../context';
import { countDownloadCache } from '../observability/metrics';

// The credential key of an Authorization or Cookie header, remembered by the header's text:
// hashing the secret (SHA-256) was the largest single cost of a warm download after writing
// its bytes, and on reporting day the same few thousand credentials ask all day. Bounded
// (cleared when full); the key says nothing about whether the credential is still valid —
// that is the credential cache's answer, which notifications keep exact.
const REMEMBERED_HEADERS = 10_000;
const bearerKeys = new Map<string, string | null>();
const sessionKeys = new Map<string, string | null>();

function remembered(memo: Map<string, string | null>, header: string, derive: (header: string) => string | null): string | null {
  let key = memo.get(header);
  if (key === undefined) {
    key = derive(header);
    if (memo.size >= REMEMBERED_HEADERS) memo.clear();
    memo.set(header, key);
  }
  return key;
}

export function bearerKey(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  return header ? remembered(bearerKeys, header, bearerKeyOf) : null;
}

function bearerKeyOf(header: string): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ? tokenCredentialKey(hashSecret(match[1])) : null;
}

export function sessionKey(request: IncomingMessage): string | null {
  const header = request.headers.cookie;
  return header ? remembered(sessionKeys, header, sessionKeyOf) : null;
}

function sessionKeyOf(header: string): string | null {
  const name = sessionCookieName();
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      let secret: string;
      try {
        secret = decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return null; // malformed percent-encoding: no session here (the route answers as signed out)
      }
      return secret ? sessionCredentialKey(hashSecret(secret)) : null;
    }
  }
  return null;
}

export async function credentialOwner(ctx: AppContext, key: string | null, now: number): Promise<Actor | null> {
  if (!key) return null;
  const cache = ctx.caches.credentials;
  let credential = cache.get(key);
  countDownloadCache('credential', credential !== undefined);
  if (credential === undefined) {
    const begunAt = cache.begin();
    credential = await loadCredential(ctx, key);
    cache.set(key, credential, begunAt);
  }
  return credential && credential.expiresAt > now ? { userId: credential.userId } : null;
}

async function loadCredential(ctx: AppContext, key: string): Promise<CachedCredential> {
  const [kind, tokenHash = ''] = key.split(':', 2);
  const select = { userId: true, expiresAt: true } as const;
  const row =
    kind === 'token'
      ? await ctx.prisma.apiToken.findUnique({ where: { tokenHash }, select })
      : await ctx.prisma.session.findUnique({ where: { tokenHash }, select });
  return row ? { userId: row.userId, expiresAt: row.expiresAt.getTime() } : null;
}

/** The actor's role in the organization (null: not a member), from the membership cache. */
export async function cachedRole(ctx: AppContext, actor: Actor, organizationId: string): Promise<Role | null> {
  const cache = ctx.caches.memberships;
  const key = membershipKey(actor.userId, organizationId);
  let role = cache.get(key);
  countDownloadCache('membership', role !== undefined);
  if (role === undefined) {
    const begunAt = cache.begin();
    const membership = await ctx.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId, userId: actor.userId } },
      select: { role: true },
    });
    role = membership?.role ?? null;
    cache.set(key, role, begunAt);
  }
  return role;
}
