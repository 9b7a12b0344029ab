// A client that goes away mid-request (closed tab, cancelled upload, timeout on its side)
// is not a server error: nobody is left to answer, and logging it as "[api] unexpected
// error Error: aborted" buries real failures. Node's HTTP server reports it as the request
// stream failing with `Error: aborted` (code ECONNRESET) and Next.js aborts request.signal.

export function isClientAbort(request: Request, error: unknown): boolean {
  if (request.signal.aborted) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return error.name === 'AbortError' || (error.message === 'aborted' && code === 'ECONNRESET');
}

/**
 * What an aborted request gets: an empty 499 (nginx's "client closed request"), logged at
 * debug level only — with the error, in case something else failed while the client left.
 */
export function clientClosedResponse(path: string, error: unknown): Response {
  console.debug('[api] client closed the request', path, error instanceof Error ? error.message : error);
  return new Response(null, { status: 499, headers: { 'cache-control': 'no-store' } });
}
