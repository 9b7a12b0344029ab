// A fresh deployment (DATABASE_URL set, so no demo seed) must be able to get its first
// user: the first-run setup (only while there is no user at all) and `npm run user:create`.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { needsFirstAdmin, setUpFirstAdmin } from '../../lib/domains/organizations/setup-first-admin';
import { verifyCredentials } from '../../lib/domains/auth/users';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-30T10:00:00Z');
const admin = (email: string) => ({
  user: { name: 'Ada Admin', email, password: 'a long enough password' },
  organization: { name: 'First Client Ltd', baseCurrency: 'GBP' },
});

let ctx: TestContext;
let empty: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
  empty = await createTestContext();
});

afterAll(async () => {
  await ctx.close();
  await empty.close();
});

describe('first-run setup', () => {
  it('creates the first admin and organization on an empty database, and only then', async () => {
    expect(await needsFirstAdmin(ctx.prisma)).toBe(true);
    const { userId, organizationId } = await setUpFirstAdmin({ prisma: ctx.prisma, input: admin('ada@example.test'), now: NOW });
    expect(await needsFirstAdmin(ctx.prisma)).toBe(false);
    expect(await ctx.prisma.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } })).toMatchObject({
      role: 'admin',
    });
    expect(
      await verifyCredentials({
        prisma: ctx.prisma,
        input: { email: 'ada@example.test', password: 'a long enough password' },
        address: null,
        now: NOW,
      }),
    ).toMatchObject({
      id: userId,
    });
    await expect(setUpFirstAdmin({ prisma: ctx.prisma, input: admin('eve@example.test'), now: NOW })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await ctx.prisma.user.count()).toBe(1);
  });

  it('lets exactly one of several simultaneous submissions be the first admin', async () => {
    const results = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((who) => setUpFirstAdmin({ prisma: empty.prisma, input: admin(`${who}@example.test`), now: NOW })),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(await empty.prisma.user.count()).toBe(1);
    expect(await empty.prisma.organization.count()).toBe(1);
  });

  it('names the field of each problem as the form does, and creates nothing', async () => {
    const fresh = await createTestContext();
    try {
      const input = { user: { name: '', email: 'x', password: 'short' }, organization: { name: '', baseCurrency: 'euro' } };
      await expect(setUpFirstAdmin({ prisma: fresh.prisma, input, now: NOW })).rejects.toMatchObject({
        code: 'validation_failed',
        fieldErrors: [{ field: 'email' }, { field: 'name' }, { field: 'password' }],
      });
      const badOrganization = { ...admin('ok@example.test'), organization: { name: '', baseCurrency: 'euro' } };
      await expect(setUpFirstAdmin({ prisma: fresh.prisma, input: badOrganization, now: NOW })).rejects.toMatchObject({
        fieldErrors: [{ field: 'organizationName' }, { field: 'baseCurrency' }],
      });
      expect(await fresh.prisma.user.count()).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});

function userCreate(args: string[], stdin: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/user-create.ts', ...args], {
      env: { ...process.env, DATABASE_URL: ctx.databaseUrl, MONGODB_URI: inject('mongoUri') },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data.toString()));
    child.stderr.on('data', (data: Buffer) => (output += data.toString()));
    child.on('exit', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}

describe('npm run user:create', () => {
  it('creates an account with the password read twice from stdin', async () => {
    const created = await userCreate(['--email', 'Bob@Example.test', '--name', 'Bob'], 'correct horse battery\ncorrect horse battery\n');
    expect(created).toMatchObject({ code: 0 });
    expect(created.output).toMatch(/created user bob@example\.test/);
    expect(
      await verifyCredentials({
        prisma: ctx.prisma,
        input: { email: 'bob@example.test', password: 'correct horse battery' },
        address: null,
        now: NOW,
      }),
    ).toMatchObject({
      email: 'bob@example.test',
    });
  }, 60_000);

  it('refuses differing passwords, a taken e-mail and a password on the command line, creating nothing', async () => {
    const before = await ctx.prisma.user.count();
    const differing = await userCreate(
      ['--email', 'carol@example.test', '--name', 'Carol'],
      'correct horse battery\nsomething else entirely\n',
    );
    expect(differing.code).toBe(2);
    expect(differing.output).toMatch(/passwords differ/);
    const taken = await userCreate(
      ['--email', 'bob@example.test', '--name', 'Bob again'],
      'another good password\nanother good password\n',
    );
    expect(taken.code).toBe(2);
    expect(taken.output).toMatch(/conflict: An account with this e-mail address exists/);
    const argv = await userCreate(['--email', 'dan@example.test', '--name', 'Dan', '--password', 'in the shell history'], '');
    expect(argv.code).not.toBe(0);
    expect(await ctx.prisma.user.count()).toBe(before);
  }, 60_000);
});
