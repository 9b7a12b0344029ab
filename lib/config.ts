// Configuration comes from the environment only, so production points at managed
// services (DATABASE_URL, MONGODB_URI) without code changes. Read lazily: `next build`
// imports modules without any of these set.

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (see README.md, "Configuration")`);
  return value;
}

export function databaseUrl(): string {
  return required('DATABASE_URL');
}

export function mongoUri(): string {
  return required('MONGODB_URI');
}

export function mongoDbName(): string {
  return process.env.MONGODB_DB ?? 'closebook';
}

export function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number.parseInt(raw, 10);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/**
 * Session cookies are Secure, and named with the __Host- prefix (Secure, Path=/, no Domain:
 * a sibling subdomain cannot plant or overwrite one), whenever the app runs in production —
 * unless CLOSEBOOK_INSECURE_COOKIES=1, which exists only for the plain-http e2e stack on
 * 127.0.0.1 (a browser drops Secure cookies over http).
 */
export function secureCookies(): boolean {
  return process.env.NODE_ENV === 'production' && process.env.CLOSEBOOK_INSECURE_COOKIES !== '1';
}

/** The warning the web process prints at start when production runs with insecure cookies. */
export function insecureCookiesWarning(): string | null {
  if (process.env.NODE_ENV !== 'production' || process.env.CLOSEBOOK_INSECURE_COOKIES !== '1') return null;
  const line = '!'.repeat(78);
  return [
    line,
    '!! CLOSEBOOK_INSECURE_COOKIES=1 in production: session cookies are sent without Secure and',
    '!! without the __Host- prefix, so they travel over plain http. This is for local e2e tests',
    '!! on http://127.0.0.1 only. Unset it for any deployment reachable by anyone.',
    line,
  ].join('\n');
}

/**
 * Addresses of reverse proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES, comma
 * separated). Only a request whose peer is one of them is attributed to a forwarded
 * address; any other client could write whatever it likes into that header.
 */
export function trustedProxies(): string[] {
  return (process.env.TRUSTED_PROXIES ?? '')
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address !== '');
}

/** SMTP server for outgoing mail (invitations), e.g. smtp://user:pass@mail.example:587; unset: no mail is sent. */
export function smtpUrl(): string | null {
  return process.env.SMTP_URL || null;
}

/** The From address of outgoing mail. */
export function mailFrom(): string {
  return process.env.MAIL_FROM || 'Closebook <closebook@localhost>';
}

/** How long an invitation link works (INVITATION_TTL_DAYS, default 7, at least 1). */
export function invitationTtlDays(): number {
  return Math.max(1, intFromEnv('INVITATION_TTL_DAYS', 7));
}
