// A user's own API tokens: make a named one, list them, revoke one. Revoking deletes the
// row; the credential trigger (migration cache_invalidation) tells every web process, so
// the token stops working at once, the download hot path included.
import { z } from 'zod';
import type { Actor } from './access';
import { notFound } from '../../errors';
import type { PrismaClient } from '../../adapters/db/prisma';
import { isUuid, parseInput } from '../../validation';
import { API_TOKEN_TTL_DAYS, authenticateBearer, createApiToken, issueApiToken, type IssuedToken } from './api-tokens';

export const MAX_TOKEN_DAYS = 366;

export const namedTokenInput = z.object({
  name: z.string().trim().min(1, 'Name the token').max(100),
  expiresInDays: z
    .number()
    .int('Whole days')
    .min(1, 'At least 1 day')
    .max(MAX_TOKEN_DAYS, `At most ${MAX_TOKEN_DAYS} days`)
    .default(API_TOKEN_TTL_DAYS),
});

export interface TokenSummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  current: boolean;
}

/**
 * POST /api/v1/tokens. `{email, password}` (or anything naming neither a token name nor
 * a bearer's wish) is the sign-in exchange, exactly as before; `{name, expiresInDays?}`
 * without e-mail and password asks for another token for the bearer's user, so a script can
 * get a narrower-lived, named token without handling the password.
 */
export async function issueToken(options: {
  prisma: PrismaClient;
  input: unknown;
  authorization: string | null;
  address: string | null;
  now: Date;
}): Promise<IssuedToken> {
  const { input } = options;
  const named = typeof input === 'object' && input !== null && 'name' in input && !('email' in input) && !('password' in input);
  if (!named) return issueApiToken(options);
  const actor = await authenticateBearer(options);
  return createNamedApiToken({ prisma: options.prisma, actor, input, now: options.now });
}

/** `{name, expiresInDays}` from a bearer: another token for the caller. */
export async function createNamedApiToken(options: {
  prisma: PrismaClient;
  actor: Actor;
  input: unknown;
  now: Date;
}): Promise<IssuedToken> {
  const input = parseInput(namedTokenInput, options.input);
  return createApiToken({ prisma: options.prisma, userId: options.actor.userId, ...input, now: options.now });
}

/** The caller's tokens that still work, newest first; the one this request came with is `current`. */
export async function listApiTokens(options: { prisma: PrismaClient; actor: Actor; now: Date }): Promise<TokenSummary[]> {
  const tokens = await options.prisma.apiToken.findMany({
    where: { userId: options.actor.userId, expiresAt: { gt: options.now } },
    select: { id: true, name: true, createdAt: true, lastUsedAt: true, expiresAt: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  return tokens.map((token) => ({ ...token, current: token.id === options.actor.tokenId }));
}

/** Deletes one of the caller's tokens; anybody else's is "not found", like one that never existed. */
export async function revokeApiToken(options: { prisma: PrismaClient; actor: Actor; tokenId: string }): Promise<void> {
  if (!isUuid(options.tokenId)) throw notFound('Token');
  const { count } = await options.prisma.apiToken.deleteMany({ where: { id: options.tokenId, userId: options.actor.userId } });
  if (count === 0) throw notFound('Token');
}
