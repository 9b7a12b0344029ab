// Sign-in throttling (lib/auth/sign-in-throttle.ts) through POST /api/v1/tokens and the
// browser's sign-in use case: 429 problem+json with Retry-After after 10 failures for one
// e-mail or 50 from one client address within 15 minutes, counted in PostgreSQL (so
// concurrent attempts cannot slip past it), reset by a success, alike for unknown e-mails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../lib/domains/auth/sessions';
import { SIGN_IN_LIMITS } from '../../lib/domains/auth/sign-in-throttle';
import { createUser } from '../../lib/domains/auth/users';
import { isAppError } from '../../lib/errors';
import { CLIENT_ADDRESS_HEADER } from '../../lib/adapters/http/client-address';
import { createApiClient, type ApiClient, type ApiResult } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

const PASSWORD = 'a long password';
let ctx: TestContext;
let api: ApiClient;
let users = 0;

async function knownEmail(): Promise<string> {
  users += 1;
  const email = `throttled${users}@example.test`;
  await createUser({ prisma: ctx.prisma, email, name: `Throttled ${users}`, password: PASSWORD });
  return email;
}

function attempt(email: string, password: string, address?: string): Promise<ApiResult> {
  return api.call('POST', '/api/v1/tokens', {
    body: { email, password },
    ...(address ? { headers: { [CLIENT_ADDRESS_HEADER]: address } } : {}),
  });
}

async function fail(email: string, times: number, address?: string): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < times; i += 1) statuses.push((await attempt(email, 'wrong password', address)).status);
  return statuses;
}

const tenTimes = (status: number) => Array.from({ length: SIGN_IN_LIMITS.email }, () => status);

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
});

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('per e-mail', () => {
  it('answers 429 problem+json with Retry-After after 10 failures, even to the right password', async () => {
    const email = await knownEmail();
    expect(await fail(email, SIGN_IN_LIMITS.email)).toEqual(tenTimes(401));
    for (const password of ['wrong password', PASSWORD]) {
      const refused = await attempt(email, password);
      expect(refused.status).toBe(429);
      expect(refused.type).toBe('application/problem+json');
      expect(refused.json).toMatchObject({ code: 'rate_limited', status: 429 });
      expect(refused.json.title).toMatch(/try again in 15 minutes/);
      const retryAfter = Number(refused.response.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(SIGN_IN_LIMITS.windowMs / 1000 - 60);
      expect(retryAfter).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowMs / 1000);
    }
    // Refused attempts are not counted (nor hashed): the count stays at the limit.
    expect(await ctx.prisma.signInAttempt.count({ where: { email } })).toBe(SIGN_IN_LIMITS.email);
  });

  it('treats an e-mail nobody has exactly like a known one', async () => {
    const known = await knownEmail();
    const unknown = 'nobody-here@example.test';
    const answers = async (email: string) => {
      const results = [];
      for (let i = 0; i <= SIGN_IN_LIMITS.email; i += 1) {
        const result = await attempt(email, 'wrong password');
        results.push([result.status, result.json.code, result.json.title]);
      }
      return results;
    };
    expect(await answers(unknown)).toEqual(await answers(known));
  });

  it('forgives the failures after a success', async () => {
    const email = await knownEmail();
    expect(await fail(email, SIGN_IN_LIMITS.email - 1)).toEqual(tenTimes(401).slice(1));
    expect((await attempt(email, PASSWORD)).status).toBe(201);
    expect(await fail(email, SIGN_IN_LIMITS.email)).toEqual(tenTimes(401));
    expect((await attempt(email, PASSWORD)).status).toBe(429);
  });

  it('lets attempts in again once the oldest counted failure leaves the 15-minute window', async () => {
    const email = await knownEmail();
    const start = new Date('2026-11-20T10:00:00Z');
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const browserSignIn = (now: Date, password = 'wrong password') =>
      signIn({ prisma: ctx.prisma, input: { email, password }, address: null, now }).then(
        () => 'signed in',
        (error: unknown) => (isAppError(error) ? `${error.code} ${error.retryAfterSeconds ?? ''}`.trim() : 'broken'),
      );
    for (let minute = 0; minute < SIGN_IN_LIMITS.email; minute += 1) expect(await browserSignIn(at(minute))).toBe('unauthorized');
    // The browser sign-in gets the same refusal (the form shows its message).
    expect(await browserSignIn(at(10), PASSWORD)).toBe(`rate_limited ${5 * 60}`);
    expect(await browserSignIn(at(14.5), PASSWORD)).toBe(`rate_limited ${30}`);
    expect(await browserSignIn(at(15.5), PASSWORD)).toBe('signed in');
  });

  it('holds across concurrent attempts: of 20 at once, exactly 10 are checked', async () => {
    const email = await knownEmail();
    const results = await Promise.all(Array.from({ length: 20 }, () => attempt(email, 'wrong password')));
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([...tenTimes(401), ...tenTimes(429)]);
  });
});

describe('per client address', () => {
  it('answers 429 after 50 failures from one address, whatever the e-mail; other addresses go on', async () => {
    const address = '198.51.100.7';
    const emails = await Promise.all(Array.from({ length: 6 }, () => knownEmail()));
    let failures = 0;
    for (const email of emails) {
      const times = Math.min(SIGN_IN_LIMITS.email - 1, SIGN_IN_LIMITS.address - failures);
      expect(await fail(email, times, address)).toEqual(Array.from({ length: times }, () => 401));
      failures += times;
    }
    expect(failures).toBe(SIGN_IN_LIMITS.address);
    const fresh = await knownEmail();
    const refused = await attempt(fresh, PASSWORD, address);
    expect(refused.status).toBe(429);
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same e-mail from another address, and the address's neighbours, are not refused.
    expect((await attempt(fresh, PASSWORD, '198.51.100.8')).status).toBe(201);
    expect((await attempt(fresh, 'wrong password', '2001:db8::7')).status).toBe(401);
  });
});
