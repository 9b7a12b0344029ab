// What every /api/v1 handler shares, and nothing more: the bearer-token actor, and errors
// turned into problem+json. Each route stays ~20 lines: authenticate, parse, one lib call.
import type { Actor } from '../auth/access';
import { authenticateBearer } from '../auth/api-tokens';
import { getPrisma } from '../db/prisma';
import { problemResponse } from './problem';

export function apiActor(request: Request): Promise<Actor> {
  return authenticateBearer({ prisma: getPrisma(), authorization: request.headers.get('authorization'), now: new Date() });
}

export async function handleApi(request: Request, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    return problemResponse(error, new URL(request.url).pathname);
  }
}
