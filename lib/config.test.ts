import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionCookieName } from './domains/auth/sessions';
import { insecureCookiesWarning, secureCookies } from './config';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('session cookies', () => {
  it('are secure, with the __Host- prefix, in production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('CLOSEBOOK_INSECURE_COOKIES', '');
    expect([secureCookies(), sessionCookieName(), insecureCookiesWarning()]).toEqual([true, '__Host-closebook_session', null]);
  });

  it('keep the plain name for the http e2e stack, and the web process says so loudly', () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('CLOSEBOOK_INSECURE_COOKIES', '1');
    expect([secureCookies(), sessionCookieName()]).toEqual([false, 'closebook_session']);
    expect(insecureCookiesWarning()).toMatch(/CLOSEBOOK_INSECURE_COOKIES=1 in production/);
  });

  it('are plain in development, without a warning', () => {
    vi.stubEnv('NODE_ENV', 'development');
    vi.stubEnv('CLOSEBOOK_INSECURE_COOKIES', '1');
    expect([secureCookies(), sessionCookieName(), insecureCookiesWarning()]).toEqual([false, 'closebook_session', null]);
  });
});
