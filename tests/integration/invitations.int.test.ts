// Invitations (issue 11, item 2): an admin invites an e-mail with a role through the API;
// the link works once, expires, can be revoked, and is e-mailed through a real SMTP peer.
// Accepting creates the account (or adds the membership to a signed-in one) and signs in.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../lib/adapters/mail/mailer';
import { sessionActor } from '../../lib/domains/auth/sessions';
import { verifyCredentials } from '../../lib/domains/auth/users';
import { acceptInvitation, lookUpInvitation } from '../../lib/domains/organizations/invitations/accept-invitation';
import { inviteMember, type InvitationMailer } from '../../lib/domains/organizations/invitations/invite-member';
import { UNUSABLE_MESSAGES } from '../../lib/domains/organizations/invitations/invitation-link';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

const PASSWORD = 'a long enough password';
const DAY_MS = 86_400_000;

let ctx: TestContext;
let api: ApiClient;
let adminToken: string;
let org: string;
let otherToken: string;
let otherOrg: string;
let adminId: string;

const invitationsUrl = (organization: string) => `/api/v1/organizations/${organization}/invitations`;
const tokenOf = (url: string) => decodeURIComponent(url.split('/invitations/')[1] ?? '');

async function invite(email: string, role = 'accountant', token = adminToken, organization = org) {
  return api.call('POST', invitationsUrl(organization), { token, body: { email, role } });
}

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  adminToken = await api.tokenFor('inv-admin');
  otherToken = await api.tokenFor('inv-other');
  org = (await api.call('POST', '/api/v1/organizations', { token: adminToken, body: { name: 'Inviting Ltd', baseCurrency: 'EUR' } })).json
    .id as string;
  otherOrg = (await api.call('POST', '/api/v1/organizations', { token: otherToken, body: { name: 'Other Ltd', baseCurrency: 'EUR' } })).json
    .id as string;
  adminId = (await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'inv-admin@example.test' } })).id;
}, 60_000);

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('the invitations API', () => {
  it('creates (201 with a single-use link, 7 days), lists and revokes; the database keeps no token', async () => {
    const created = await invite('  New.Person@Example.TEST ', 'viewer');
    expect(created.status).toBe(201);
    const { id, url, expiresAt, email, role, mail } = created.json as {
      id: string;
      url: string;
      expiresAt: string;
      email: string;
      role: string;
      mail: unknown;
    };
    expect({ email, role, mail }).toEqual({ email: 'new.person@example.test', role: 'viewer', mail: { status: 'not_configured' } });
    expect(url).toMatch(/^http:\/\/closebook\.test\/invitations\/cbi_[\w-]{43}$/);
    const row = await ctx.prisma.invitation.findUniqueOrThrow({ where: { id } });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * DAY_MS);
    expect(new Date(expiresAt)).toEqual(row.expiresAt);
    expect(JSON.stringify(row)).not.toContain(tokenOf(url));

    const listed = await api.call('GET', invitationsUrl(org), { token: adminToken });
    expect(listed.status).toBe(200);
    expect(listed.json.invitations).toEqual([
      {
        id,
        email: 'new.person@example.test',
        role: 'viewer',
        invitedBy: { name: 'inv-admin', email: 'inv-admin@example.test' },
        createdAt: row.createdAt.toISOString(),
        expiresAt,
      },
    ]);

    expect((await api.call('DELETE', `${invitationsUrl(org)}/${id}`, { token: adminToken })).status).toBe(204);
    expect((await api.call('GET', invitationsUrl(org), { token: adminToken })).json.invitations).toEqual([]);
    expect((await api.call('DELETE', `${invitationsUrl(org)}/${id}`, { token: adminToken })).status).toBe(404);
    await expect(
      acceptInvitation({ prisma: ctx.prisma, token: tokenOf(url), actor: null, input: {}, now: new Date() }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: UNUSABLE_MESSAGES.revoked,
    });
  });

  it('answers 409 already_member for a member, and replaces a pending invitation of the same address', async () => {
    const member = await invite('inv-admin@example.test');
    expect(member.status).toBe(409);
    expect(member.json).toMatchObject({ code: 'already_member', errors: [{ field: 'email', message: 'Already a member (admin)' }] });

    const first = await invite('twice@example.test', 'viewer');
    const second = await invite('twice@example.test', 'accountant');
    expect([first.status, second.status]).toEqual([201, 201]);
    const listed = (await api.call('GET', invitationsUrl(org), { token: adminToken })).json.invitations as { id: string; role: string }[];
    expect(listed.map((invitation) => [invitation.id, invitation.role])).toEqual([[second.json.id, 'accountant']]);
    const old = await lookUpInvitation({ prisma: ctx.prisma, token: tokenOf(first.json.url as string), now: new Date() });
    expect(old.status).toBe('revoked');
  });

  it("refuses another organization's invitation: 404 by either organization's URL, and a non-member 404", async () => {
    const foreign = await invite('foreign@example.test', 'viewer', otherToken, otherOrg);
    expect(foreign.status).toBe(201);
    const id = foreign.json.id as string;
    const viaOwnOrg = await api.call('DELETE', `${invitationsUrl(org)}/${id}`, { token: adminToken });
    expect([viaOwnOrg.status, viaOwnOrg.json.code]).toEqual([404, 'not_found']);
    const viaTheirOrg = await api.call('DELETE', `${invitationsUrl(otherOrg)}/${id}`, { token: adminToken });
    expect([viaTheirOrg.status, viaTheirOrg.json.code]).toEqual([404, 'not_found']);
    expect((await api.call('GET', invitationsUrl(otherOrg), { token: adminToken })).status).toBe(404);
    expect((await api.call('DELETE', `${invitationsUrl(org)}/not-a-uuid`, { token: adminToken })).status).toBe(404);
    expect((await api.call('GET', invitationsUrl(otherOrg), { token: otherToken })).json.invitations).toHaveLength(1);
  });

  it('validates the body after the tenancy check', async () => {
    const bad = await invite('not an address', 'owner');
    expect(bad.status).toBe(422);
    expect((bad.json.errors as { field: string }[]).map((error) => error.field)).toEqual(['email', 'role']);
    expect((await invite('not an address', 'owner', otherToken)).status).toBe(404);
  });
});

describe('accepting', () => {
  it('creates the account (Argon2id, the rules of register-user) and the membership, and starts a session', async () => {
    const { url } = (await invite('fresh@example.test', 'accountant')).json as { url: string };
    const token = tokenOf(url);
    await expect(
      acceptInvitation({ prisma: ctx.prisma, token, actor: null, input: { name: 'Fresh', password: 'short' }, now: new Date() }),
    ).rejects.toMatchObject({ code: 'validation_failed', fieldErrors: [{ field: 'password' }] });
    const accepted = await acceptInvitation({
      prisma: ctx.prisma,
      token,
      actor: null,
      input: { name: 'Fresh', password: PASSWORD },
      now: new Date(),
    });
    expect(accepted).toMatchObject({ organizationId: org, role: 'accountant' });
    const user = await verifyCredentials({
      prisma: ctx.prisma,
      input: { email: 'fresh@example.test', password: PASSWORD },
      address: null,
      now: new Date(),
    });
    expect(user).toMatchObject({ id: accepted.userId, name: 'Fresh' });
    expect((await ctx.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toMatch(/^\$argon2id\$/);
    expect(await sessionActor({ prisma: ctx.prisma, secret: accepted.session?.secret, now: new Date() })).toMatchObject({
      userId: user.id,
    });
    const memberships = await api.call('GET', `/api/v1/organizations/${org}`, { token: await bearerFor('fresh@example.test') });
    expect(memberships.json.role).toBe('accountant');

    await expect(
      acceptInvitation({ prisma: ctx.prisma, token, actor: null, input: { name: 'Again', password: PASSWORD }, now: new Date() }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: UNUSABLE_MESSAGES.accepted,
    });
  });

  it('for an existing account: asks to sign in, refuses another account, and adds the membership to the right one', async () => {
    const existingToken = await api.tokenFor('inv-existing');
    const existing = await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'inv-existing@example.test' } });
    const { url } = (await invite('inv-existing@example.test', 'viewer')).json as { url: string };
    const token = tokenOf(url);
    expect(await lookUpInvitation({ prisma: ctx.prisma, token, now: new Date() })).toMatchObject({
      status: 'pending',
      hasAccount: true,
      organization: { id: org, name: 'Inviting Ltd' },
      invitedBy: 'inv-admin',
      role: 'viewer',
    });
    await expect(
      acceptInvitation({ prisma: ctx.prisma, token, actor: null, input: { name: 'X', password: PASSWORD }, now: new Date() }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'An account with inv-existing@example.test exists: sign in to accept the invitation',
    });
    await expect(acceptInvitation({ prisma: ctx.prisma, token, actor: { userId: adminId }, now: new Date() })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const accepted = await acceptInvitation({ prisma: ctx.prisma, token, actor: { userId: existing.id }, now: new Date() });
    expect(accepted).toEqual({ organizationId: org, userId: existing.id, role: 'viewer', session: null });
    expect((await api.call('GET', `/api/v1/organizations/${org}`, { token: existingToken })).json.role).toBe('viewer');
  });

  it('expires after the TTL (clock injected): the link then says so and nothing is created', async () => {
    const now = new Date('2026-11-02T09:00:00Z');
    const created = await inviteDirectly('late@example.test', 'viewer', { mailer: null, now });
    expect(created.expiresAt).toEqual(new Date('2026-11-09T09:00:00Z'));
    const token = tokenOf(created.url);
    const justBefore = new Date(created.expiresAt.getTime() - 1);
    expect((await lookUpInvitation({ prisma: ctx.prisma, token, now: justBefore })).status).toBe('pending');
    const input = { name: 'Late', password: PASSWORD };
    await expect(acceptInvitation({ prisma: ctx.prisma, token, actor: null, input, now: created.expiresAt })).rejects.toMatchObject({
      code: 'conflict',
      message: UNUSABLE_MESSAGES.expired,
    });
    expect(await ctx.prisma.user.count({ where: { email: 'late@example.test' } })).toBe(0);
    expect(await acceptInvitation({ prisma: ctx.prisma, token, actor: null, input, now: justBefore })).toMatchObject({
      organizationId: org,
    });
  });

  it('an unknown link is "not valid"', async () => {
    expect(await lookUpInvitation({ prisma: ctx.prisma, token: 'cbi_nope', now: new Date() })).toEqual({ status: 'unknown' });
    await expect(
      acceptInvitation({ prisma: ctx.prisma, token: 'cbi_nope', actor: null, input: {}, now: new Date() }),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: UNUSABLE_MESSAGES.unknown,
    });
  });

  it('is single use under concurrency: of simultaneous accepts exactly one wins, every round', async () => {
    for (let round = 0; round < 5; round += 1) {
      const email = `race${round}@example.test`;
      const token = tokenOf((await invite(email, 'viewer')).json.url as string);
      const results = await Promise.allSettled(
        ['a', 'b', 'c'].map((who) =>
          acceptInvitation({
            prisma: ctx.prisma,
            token,
            actor: null,
            input: { name: `Racer ${who}`, password: PASSWORD },
            now: new Date(),
          }),
        ),
      );
      const won = results.filter((result) => result.status === 'fulfilled');
      expect(won, `round ${round}`).toHaveLength(1);
      for (const result of results) {
        if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: expect.stringMatching(/^conflict$/) as unknown });
      }
      expect(await ctx.prisma.user.count({ where: { email } })).toBe(1);
      expect(await ctx.prisma.membership.count({ where: { organizationId: org, user: { email } } })).toBe(1);
    }
  });
});

describe('the invitation mail', () => {
  it('goes through a real SMTP server, with the link in it', async () => {
    const received: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    const { port } = smtp.server.address() as AddressInfo;
    try {
      const mailer = createMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Closebook <books@example.test>' });
      const created = await inviteDirectly('mailed@example.test', 'accountant', { mailer, now: new Date() });
      expect(created.mail).toEqual({ status: 'sent' });
      expect(received).toHaveLength(1);
      const message = received[0] ?? '';
      expect(message).toMatch(/^To: mailed@example\.test$/m);
      expect(message).toMatch(/^From: Closebook <books@example\.test>$/m);
      // Quoted-printable may fold long lines with "=\r\n": unfold before looking for the link.
      expect(message.replace(/=\r?\n/g, '')).toContain(created.url);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });

  it('a mail failure keeps the invitation: the link is returned with the reason', async () => {
    const closed = new SMTPServer({ logger: false });
    closed.listen(0, '127.0.0.1');
    await once(closed.server, 'listening');
    const { port } = closed.server.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const created = await inviteMember({
      prisma: ctx.prisma,
      actor: { userId: adminId },
      organizationId: org,
      input: { email: 'unmailed@example.test', role: 'viewer' },
      origin: 'https://books.example',
      mailer: createMailer({ url: `smtp://127.0.0.1:${port}`, from: 'books@example.test' }),
      now: new Date(),
    });
    expect(created.mail).toMatchObject({ status: 'failed', error: expect.stringContaining('ECONNREFUSED') as unknown });
    expect((await lookUpInvitation({ prisma: ctx.prisma, token: tokenOf(created.url), now: new Date() })).status).toBe('pending');
  });
});

/** Straight to the use case (a chosen clock or mailer; the API's context has neither). */
function inviteDirectly(email: string, role: string, options: { mailer: InvitationMailer | null; now: Date }) {
  return inviteMember({
    prisma: ctx.prisma,
    actor: { userId: adminId },
    organizationId: org,
    input: { email, role },
    origin: 'https://books.example',
    ...options,
  });
}

async function bearerFor(email: string): Promise<string> {
  const issued = await api.call('POST', '/api/v1/tokens', { body: { email, password: PASSWORD } });
  return issued.json.token as string;
}
