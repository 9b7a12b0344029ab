import type { Actor } from './access';
import { AppError } from '../../errors';
import type { PrismaClient } from '../../adapters/db/prisma';
import { hashSecret, newSecret } from './secrets';
import { verifyCredentials } from './users';

export const API_TOKEN_TTL_DAYS = 30;

/** The credential cache's key of an API token (lib/adapters/cache/read-caches.ts). */
export const tokenCredentialKey = (tokenHash: string): string => `token:${tokenHash}`;

/** POST /api/v1/tokens: exchanges e-mail and password for a bearer token. */
export async function issueApiToken(options: {
  prisma: PrismaClient;
  input: unknown;
  now: Date;
}): Promise<{ token: string; expiresAt: Date }> {
  const user = await verifyCredentials(options);
  const token = newSecret('cbk');
  const expiresAt = new Date(options.now.getTime() + API_TOKEN_TTL_DAYS * 86_400_000);
  await options.prisma.apiToken.create({ data: { userId: user.id, tokenHash: hashSecret(token), createdAt: options.now, expiresAt } });
  return { token, expiresAt };
}

/** Resolves `Authorization: Bearer <token>` to the acting user, or fails with 401. */
export async function authenticateBearer(options: { prisma: PrismaClient; authorization: string | null; now: Date }): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(options.authorization ?? '');
  if (!match?.[1]) throw new AppError('unauthorized', 'Send Authorization: Bearer <token> (get one from POST /api/v1/tokens)');
  const token = await options.prisma.apiToken.findUnique({
    where: { tokenHash: hashSecret(match[1]) },
    select: { userId: true, expiresAt: true },
  });
  if (!token || token.expiresAt <= options.now) throw new AppError('unauthorized', 'The token is invalid or expired');
  return { userId: token.userId };
}
