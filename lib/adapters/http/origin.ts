// Cross-site request forgery defence for cookie-authenticated routes. Next.js checks the
// Origin of server actions, not of route handlers, and SameSite=Lax still lets a top-level
// cross-site form POST carry nothing — but a same-site attacker (a sibling subdomain) or an
// older browser could. So every state-changing request authenticated by the session cookie
// must come from this site's own pages: an Origin header that names another host (or the
// opaque "null" of a sandboxed frame or a redirect) is refused. Browsers send Origin on
// every POST; a request without one is not from a browser form and carries the cookie
// only if its sender already holds it.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host the client addressed: the proxy's X-Forwarded-Host, else Host, else the URL's (as Next.js compares for server actions). */
function requestHost(request: Request): string {
  return addressedHost(request.headers, request.url);
}

function addressedHost(headers: Headers, url: string | undefined): string {
  const forwarded = headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  return (forwarded || headers.get('host') || (url ? new URL(url).host : 'localhost')).toLowerCase();
}

/**
 * The origin the client addressed (scheme, host, port), for links handed to people (an
 * invitation): the same host as above, the proxy's X-Forwarded-Proto else the URL's scheme
 * (else http). A server action passes its request headers and no URL.
 */
export function addressedOrigin(headers: Headers, url?: string): string {
  const forwardedProto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  const scheme =
    forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : url ? new URL(url).protocol.slice(0, -1) : 'http';
  return `${scheme}://${addressedHost(headers, url)}`;
}

/** True when a state-changing request names an Origin other than the host it was sent to. */
export function isCrossOriginWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const origin = request.headers.get('origin');
  if (origin === null) return request.headers.get('sec-fetch-site') === 'cross-site';
  try {
    return new URL(origin).host.toLowerCase() !== requestHost(request);
  } catch {
    return true; // "null" or garbage: not one of our pages
  }
}
