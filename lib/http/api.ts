// What every /api/v1 handler shares, and nothing more: the bearer-token actor, and errors
// turned into problem+json. Each route stays ~20 lines: authenticate, parse, one lib call.
import type { Actor } from '../auth/access';
import { authenticateBearer } from '../auth/api-tokens';
import type { AppContext } from '../context';
import { problemResponse } from './problem';

export function apiActor(context: AppContext, request: Request): Promise<Actor> {
  return authenticateBearer({ prisma: context.prisma, authorization: request.headers.get('authorization'), now: context.now() });
}

export async function handleApi(request: Request, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    return problemResponse(error, new URL(request.url).pathname);
  }
}
