import { createHash, randomBytes } from 'node:crypto';

/** A random bearer secret; only its SHA-256 is stored, so a database leak leaks no tokens. */
export function newSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
