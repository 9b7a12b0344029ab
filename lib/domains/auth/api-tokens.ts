import type { Actor } from './access';
import { AppError } from '../../errors';
import type { PrismaClient } from '../../adapters/db/prisma';
import { hashSecret, newSecret } from './secrets';
import { verifyCredentials } from './users';

export const API_TOKEN_TTL_DAYS = 30;
/** Name of a token made from e-mail and password (a named token is made by POST /api/v1/tokens with a bearer). */
export const DEFAULT_TOKEN_NAME = 'api';
/**
 * last_used_at is written at most this often per token: "used in the last minute" is all a
 * person reviewing tokens needs, and a write per request would put the database on every
 * call. The download hot path (lib/web/download-hot-path.ts) answers from memory and does
 * not write it at all; the request that filled its cache did.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The credential cache's key of an API token (lib/adapters/cache/read-caches.ts). */
export const tokenCredentialKey = (tokenHash: string): string => `token:${tokenHash}`;

export interface IssuedToken {
  id: string;
  name: string;
  token: string;
  createdAt: Date;
  expiresAt: Date;
}

/** Stores a new token for `userId`; the secret is returned here once and never again (only its hash is kept). */
export async function createApiToken(options: {
  prisma: PrismaClient;
  userId: string;
  name: string;
  expiresInDays: number;
  now: Date;
}): Promise<IssuedToken> {
  const token = newSecret('cbk');
  const expiresAt = new Date(options.now.getTime() + options.expiresInDays * 86_400_000);
  const row = await options.prisma.apiToken.create({
    data: { userId: options.userId, name: options.name, tokenHash: hashSecret(token), createdAt: options.now, expiresAt },
    select: { id: true, name: true, createdAt: true, expiresAt: true },
  });
  return { ...row, token };
}

/** POST /api/v1/tokens with {email, password}: exchanges them for a bearer token (throttled, see verifyCredentials). */
export async function issueApiToken(options: {
  prisma: PrismaClient;
  input: unknown;
  address: string | null;
  now: Date;
}): Promise<IssuedToken> {
  const user = await verifyCredentials(options);
  return createApiToken({
    prisma: options.prisma,
    userId: user.id,
    name: DEFAULT_TOKEN_NAME,
    expiresInDays: API_TOKEN_TTL_DAYS,
    now: options.now,
  });
}

/** Resolves `Authorization: Bearer <token>` to the acting user, or fails with 401. */
export async function authenticateBearer(options: { prisma: PrismaClient; authorization: string | null; now: Date }): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(options.authorization ?? '');
  if (!match?.[1]) throw new AppError('unauthorized', 'Send Authorization: Bearer <token> (get one from POST /api/v1/tokens)');
  const { prisma, now } = options;
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash: hashSecret(match[1]) },
    select: { id: true, userId: true, expiresAt: true, lastUsedAt: true },
  });
  if (!token || token.expiresAt <= now) throw new AppError('unauthorized', 'The token is invalid or expired');
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (!token.lastUsedAt || token.lastUsedAt <= stale) {
    // Conditional, so concurrent requests (any process) write it once. The trigger that
    // invalidates credential caches ignores this column (migration 20261201100000_access).
    await prisma.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
      data: { lastUsedAt: now },
    });
  }
  return { userId: token.userId, tokenId: token.id };
}
