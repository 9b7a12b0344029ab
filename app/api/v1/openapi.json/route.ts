import { openApiDocument } from '@/lib/adapters/http/openapi';

// Generated from the operation contracts (lib/adapters/http/operations), not from the route modules.
export function GET(): Response {
  return Response.json(openApiDocument());
}
