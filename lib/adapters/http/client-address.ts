// The client's network address, for the per-address sign-in limit. Next.js's Request has
// none, so the web process (web/main.ts) works it out from the socket and hands it on in
// CLIENT_ADDRESS_HEADER, replacing any such header the client sent. Behind a reverse proxy
// every connection comes from the proxy: with TRUSTED_PROXIES set, a request from one of
// those addresses is attributed to the right-most X-Forwarded-For entry that is not itself
// a trusted proxy (entries to its left were written by the client and prove nothing).

/** Set by web/main.ts only; a value from the client never gets through. */
export const CLIENT_ADDRESS_HEADER = 'x-closebook-client-address';

/** "::ffff:10.0.0.1" (IPv4 on an IPv6 socket) → "10.0.0.1", so one client has one spelling. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim().toLowerCase();
  return trimmed.startsWith('::ffff:') && trimmed.includes('.') ? trimmed.slice('::ffff:'.length) : trimmed;
}

export function clientAddress(options: {
  peer: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustedProxies: readonly string[];
}): string | null {
  if (!options.peer) return null;
  const peer = normalizeAddress(options.peer);
  const trusted = new Set(options.trustedProxies.map(normalizeAddress));
  if (!trusted.has(peer)) return peer;
  const header = Array.isArray(options.forwardedFor) ? options.forwardedFor.join(',') : (options.forwardedFor ?? '');
  const hops = header
    .split(',')
    .map(normalizeAddress)
    .filter((hop) => hop !== '');
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const hop = hops[index] as string;
    if (!trusted.has(hop)) return hop;
  }
  // Only proxies all the way: the left-most is the closest to the client we know of.
  return hops[0] ?? peer;
}
