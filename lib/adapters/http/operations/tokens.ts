// Contracts of /api/v1/tokens: get a token (with e-mail and password, or another named one
// with a bearer), list your tokens, revoke one.
import { z } from 'zod';
import { namedTokenInput } from '../../../domains/auth/manage-api-tokens';
import { credentialsInput } from '../../../domains/auth/users';
import { defineOperation } from '../operation';
import { dateTime, idParam, uuid } from './schemas';

const tokenFields = { id: uuid, name: z.string(), createdAt: dateTime, expiresAt: dateTime };

export const issueToken = defineOperation({
  method: 'POST',
  path: '/api/v1/tokens',
  summary: 'Get a bearer token: for e-mail and password, or another named one for the bearer of a token',
  description:
    'With `{email, password}` (no token needed): a token named "api" valid for 30 days. Failed attempts are throttled: ' +
    'after 10 for one e-mail, or 50 from one client address, within 15 minutes, the answer is 429 with `Retry-After` ' +
    'until the oldest of them is 15 minutes old; a success resets the e-mail. With `{name, expiresInDays}` and ' +
    '`Authorization: Bearer <token>`: a new token for the same user. The secret is shown only in this answer.',
  auth: 'none',
  body: { kind: 'json', schema: z.union([credentialsInput, namedTokenInput]) },
  responses: { 201: { description: 'The token (its secret is never shown again)', json: z.object({ ...tokenFields, token: z.string() }) } },
  errors: ['unauthorized', 'rate_limited'],
  public: true,
});

export const listTokens = defineOperation({
  method: 'GET',
  path: '/api/v1/tokens',
  summary: 'Your API tokens that still work, newest first; `current` marks the one this request came with',
  description: '`lastUsedAt` is recorded at most once a minute per token.',
  auth: 'bearer',
  responses: {
    200: {
      description: 'Your tokens (never their secrets)',
      json: z.object({
        tokens: z.array(z.object({ ...tokenFields, lastUsedAt: dateTime.nullable(), current: z.boolean() })),
      }),
    },
  },
  public: true,
});

export const revokeToken = defineOperation({
  method: 'DELETE',
  path: '/api/v1/tokens/{id}',
  summary: 'Revoke one of your tokens; it answers 401 from the next request on (the current one too)',
  auth: 'bearer',
  params: z.object({ id: idParam('Token ID (UUID)') }),
  responses: { 204: { description: 'Revoked' } },
  errors: ['not_found'],
  public: true,
});
