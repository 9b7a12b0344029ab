// The security headers next.config.js sets, matched the way Next.js matches header sources.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

type Rule = { source: string; headers: { key: string; value: string }[] };
const require = createRequire(import.meta.url);
const { securityHeaders } = require('./security-headers.cjs') as { securityHeaders: (dev: boolean) => Rule[] };
const { pathToRegexp } = require('next/dist/compiled/path-to-regexp') as {
  pathToRegexp: (source: string, keys: unknown[], options: Record<string, unknown>) => RegExp;
};

function headersFor(path: string, dev = false): Record<string, string> {
  const matching = securityHeaders(dev).filter((rule) => pathToRegexp(rule.source, [], { strict: true, delimiter: '/' }).test(path));
  return Object.fromEntries(matching.flatMap((rule) => rule.headers.map((header) => [header.key, header.value])));
}

describe('security headers', () => {
  it.each(['/', '/login', '/orgs/x/reports', '/runs/x', '/orgs/x/import'])(
    '%s: a CSP that forbids framing, plugins and foreign hosts',
    (path) => {
      const headers = headersFor(path);
      const csp = headers['Content-Security-Policy'] ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("form-action 'self'");
      expect(csp).toContain("script-src 'self' 'unsafe-inline'");
      expect(csp).not.toContain('unsafe-eval');
      expect(headers).toMatchObject({ 'X-Frame-Options': 'DENY', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    },
  );

  it.each(['/api/v1/reports/x/pdf', '/reports/x/pdf', '/snapshots/x/pdf', '/runs/x/zip', '/_next/static/chunk.js'])(
    '%s: nosniff and no referrer, but no CSP (a PDF viewer is a plugin)',
    (path) => {
      const headers = headersFor(path);
      expect(headers['Content-Security-Policy']).toBeUndefined();
      expect(headers).toMatchObject({ 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'same-origin' });
    },
  );

  it('/invitations/{token}: no Referer at all (the path is the secret), and the usual CSP', () => {
    const headers = headersFor('/invitations/cbi_abc-DEF_123');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['Content-Security-Policy']).toContain("frame-ancestors 'none'");
    expect(headersFor('/invitationsx')['Referrer-Policy']).toBe('same-origin');
  });

  it('lets the dev server eval and open its HMR socket', () => {
    expect(headersFor('/', true)['Content-Security-Policy']).toMatch(
      /script-src 'self' 'unsafe-inline' 'unsafe-eval'.*connect-src 'self' ws: wss:/,
    );
  });
});
