import { openApiDocument } from '@/lib/http/openapi';

// Generated from the operation contracts (lib/http/operations), not from the route modules.
export function GET(): Response {
  return Response.json(openApiDocument());
}
