import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { TX_OPTIONS } from '../../../adapters/db/prisma';
import { scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { parseInput } from '../../../validation';
import { DEFAULT_CHART } from '../default-chart';
import { periodOfInstant } from '../../accounting/periods';
import { appendLedgerEvent } from './ledger-transaction';

export const organizationInput = z.object({
  name: z.string().trim().min(1, 'A name is required').max(200),
  baseCurrency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, 'Use a 3-letter ISO 4217 code, e.g. EUR'),
  fiscalYearStartMonth: z.number().int().min(1).max(12).default(1),
});

export interface CreatedOrganization {
  id: string;
  name: string;
  baseCurrency: string;
  fiscalYearStartMonth: number;
  sequence: bigint;
}

/** Creates an organization with a default chart of accounts; the creator becomes its admin. */
export async function createOrganization(options: {
  prisma: PrismaClient;
  actor: Actor;
  input: unknown;
  now: Date;
}): Promise<CreatedOrganization> {
  const { prisma, actor, now } = options;
  const input = parseInput(organizationInput, options.input);
  const id = randomUUID();
  return prisma.$transaction(async (tx) => {
    await tx.organization.create({
      data: { id, name: input.name, baseCurrency: input.baseCurrency, fiscalYearStartMonth: input.fiscalYearStartMonth, createdAt: now },
    });
    await tx.membership.create({ data: { organizationId: id, userId: actor.userId, role: 'admin', createdAt: now } });
    await tx.account.createMany({
      data: DEFAULT_CHART.map((account) => ({
        organizationId: id,
        code: account.code,
        name: account.name,
        type: account.type,
        subtype: account.subtype,
        isRetainedEarnings: account.isRetainedEarnings ?? false,
        createdAt: now,
      })),
    });
    const sequence = await appendLedgerEvent(tx, {
      organizationId: id,
      type: 'organization.created',
      payload: { name: input.name, baseCurrency: input.baseCurrency, fiscalYearStartMonth: input.fiscalYearStartMonth },
      actorId: actor.userId,
      now,
    });
    // Reports of the current month exist from day one, even before any entry.
    await scheduleReportRebuilds(tx, { organizationId: id, periods: [periodOfInstant(now)], sequence });
    return { id, name: input.name, baseCurrency: input.baseCurrency, fiscalYearStartMonth: input.fiscalYearStartMonth, sequence };
  }, TX_OPTIONS);
}
