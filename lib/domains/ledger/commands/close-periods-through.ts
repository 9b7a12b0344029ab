import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import { AppError } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { PERIOD_PATTERN } from '../../accounting/periods';
import { assertPeriodInWindow, ledgerWindow } from '../../accounting/window';
import { parseInput } from '../../../validation';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';
import { openMonthsThrough } from '../queries/open-periods';
import { writePeriodStatus } from './change-period-status';

/**
 * One "close through" rebuilds every report of every month it closes: beyond ten years of
 * open months at once, close in steps (nobody leaves that much open by intent).
 */
export const MAX_CLOSE_THROUGH_MONTHS = 120;

export const closeThroughInput = z.object({ through: z.string().regex(PERIOD_PATTERN, 'Use YYYY-MM, e.g. 2026-10') }).strict();

export interface ClosedThrough {
  through: string;
  /** The months this call closed, oldest first. */
  closed: string[];
  sequence: bigint;
}

/**
 * Closes every open month of the organization from its first month through `through`
 * (month-end usually finds a few earlier months left open): one transaction under the
 * organization lock, one audited `period.closed` event per month, their reports rebuilt.
 */
export async function closePeriodsThrough(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  input: unknown;
  now: Date;
}): Promise<ClosedThrough> {
  const { prisma, actor, organizationId, now } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-periods');
  const { through } = parseInput(closeThroughInput, options.input);
  assertPeriodInWindow(through, ledgerWindow(now), 'through');
  return inOrganizationTransaction(prisma, organizationId, async (tx) => {
    // Read under the lock: a concurrent close or reopen of one of these months has committed.
    const months = (await openMonthsThrough(tx, [organizationId], through, { includeThrough: true })).get(organizationId) ?? [];
    if (months.length === 0) throw new AppError('conflict', `Every month through ${through} is already closed`);
    if (months.length > MAX_CLOSE_THROUGH_MONTHS) {
      throw new AppError(
        'validation_failed',
        `${months.length} months are open through ${through}; close at most ${MAX_CLOSE_THROUGH_MONTHS} at once`,
        [{ field: 'through', message: `Choose an earlier month (the first open one is ${months[0]})` }],
      );
    }
    let sequence = 0n;
    for (const period of months) {
      sequence = await writePeriodStatus(tx, { organizationId, period, status: 'closed', actorId: actor.userId, reason: undefined, now });
    }
    await scheduleReportRebuilds(tx, { organizationId, periods: months, sequence });
    return { through, closed: months, sequence };
  });
}
