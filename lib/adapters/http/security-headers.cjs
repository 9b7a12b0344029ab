// @ts-check
// The security headers of every response, for next.config.js (a CommonJS file, loaded by
// Next.js before any TypeScript is compiled); tested in security-headers.test.ts.

// Content-Security-Policy. Next.js writes its React Server Components payload as inline
// <script> tags (self.__next_f.push(…)), so scripts need either a per-request nonce or
// 'unsafe-inline'. We chose 'unsafe-inline' for now: a nonce needs a proxy (proxy.ts) in
// front of every page request to mint it and pass it to the renderer — feasible, as every
// page already renders per request, and the stronger option for later — while the XSS it
// would contain has no way in today: pages are React-escaped, nothing renders user HTML,
// there is no dangerouslySetInnerHTML. What the policy does enforce: no framing
// (clickjacking), no plugins, no <base> hijack, forms post only to us, fetches only to us,
// scripts only from us (no CDN), so injected markup could neither load nor send anything
// elsewhere. A few components use inline style attributes. tests/e2e/security.spec.ts
// walks the pages in Chromium and fails on any violation.
/** @param {boolean} dev */
function contentSecurityPolicy(dev) {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** @param {boolean} dev */
function securityHeaders(dev) {
  return [
    {
      // Every page. Not the file downloads (browsers' PDF viewers are plugins that object-src
      // 'none' would block), nor the JSON API (no documents to protect).
      source: '/((?!api/|_next/|reports/[^/]+/[^/]+$|snapshots/[^/]+/pdf$|runs/[^/]+/zip$).*)',
      headers: [
        { key: 'Content-Security-Policy', value: contentSecurityPolicy(dev) },
        { key: 'X-Frame-Options', value: 'DENY' },
      ],
    },
    {
      source: '/(.*)',
      headers: [
        { key: 'X-Content-Type-Options', value: 'nosniff' },
        // URLs name organizations and reports: never send them to another site.
        { key: 'Referrer-Policy', value: 'same-origin' },
      ],
    },
    {
      // An invitation link's path is its secret: no Referer at all, not even to our own pages
      // (where it would reach access logs). Later rules override earlier ones for the same key.
      source: '/invitations/:token*',
      headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }],
    },
  ];
}

module.exports = { securityHeaders };
