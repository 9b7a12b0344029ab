// Starting an end-of-period report run: validate, resolve the organizations, and in one
// transaction create the run, one item per (organization, report type) and one queue job
// per organization. The same run (period, organizations, types) cannot be running twice:
// a partial unique index on the run's fingerprint makes a second start find the first.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { roleAllows, type Actor } from '../../auth/access';
import { organizationsOfActor, type OrganizationAccess } from '../../auth/organization-access';
import { Prisma, TX_OPTIONS, type PrismaClient } from '../../../adapters/db/prisma';
import { AppError } from '../../../errors';
import { enqueueReportRunJobs } from '../../../adapters/queue/report-run-jobs';
import { comparePeriods, PERIOD_PATTERN, periodOfInstant } from '../../accounting/periods';
import { assertPeriodInWindow, FIRST_LEDGER_PERIOD } from '../../accounting/window';
import { REPORT_TYPES, type ReportType } from '../../reports';
import { parseInput } from '../../../validation';

/** A run is one action for a whole firm; beyond this, split it (and tell us). */
export const MAX_RUN_ORGANIZATIONS = 5000;

export const startRunInput = z
  .object({
    period: z.string().regex(PERIOD_PATTERN, 'Use YYYY-MM, e.g. 2026-10'),
    organizationIds: z
      .array(z.uuid('Not an organization ID'))
      .min(1, 'Choose at least one organization')
      .max(MAX_RUN_ORGANIZATIONS)
      .optional(),
    types: z.array(z.enum(REPORT_TYPES)).min(1, 'Choose at least one report').optional(),
    closePeriod: z.boolean().optional(),
  })
  .strict();
export type StartRunInput = z.infer<typeof startRunInput>;

export interface StartedRun {
  id: string;
  /** false: the same run was already going, and this is it. */
  created: boolean;
}

/**
 * `actor` null is the operator (the CLI without --user): every organization, and no
 * period closing (closing is an audited act of a named admin).
 */
export async function startReportRun(options: {
  prisma: PrismaClient;
  actor: Actor | null;
  input: unknown;
  now: Date;
}): Promise<StartedRun> {
  const { prisma, actor, now } = options;
  const input = parseInput(startRunInput, options.input);
  if (comparePeriods(input.period, periodOfInstant(now)) > 0) {
    throw new AppError('validation_failed', `${input.period} has not started yet`, [
      { field: 'period', message: 'Choose the current month or an earlier one' },
    ]);
  }
  // A run may close the period: the same window as closing it by hand (from 1900-01).
  assertPeriodInWindow(input.period, { firstPeriod: FIRST_LEDGER_PERIOD, lastPeriod: periodOfInstant(now) });
  const types = REPORT_TYPES.filter((type) => !input.types || input.types.includes(type));
  // Default: every organization the actor may run reports for (viewer memberships are left out).
  const resolved = await organizationsOfActor(prisma, actor, input.organizationIds);
  const organizations = input.organizationIds ? resolved : resolved.filter((organization) => roleAllows(organization.role, 'post'));
  if (organizations.length === 0)
    throw new AppError('validation_failed', 'There are no organizations to report on', [
      { field: 'organizationIds', message: 'Choose at least one organization' },
    ]);
  // Snapshots are what gets sent to clients: accountants and admins create them.
  const readOnly = organizations.filter((organization) => !roleAllows(organization.role, 'post'));
  if (readOnly.length > 0) {
    throw new AppError('forbidden', `Your role does not allow report runs for ${names(readOnly)}`);
  }
  const closePeriod = input.closePeriod ?? false;
  if (closePeriod) {
    if (!actor)
      throw new AppError('validation_failed', 'Closing periods needs a named admin (--user)', [
        { field: 'closePeriod', message: 'Run as a user' },
      ]);
    const notAdmin = organizations.filter((organization) => !roleAllows(organization.role, 'manage-periods'));
    if (notAdmin.length > 0) throw new AppError('forbidden', `Closing ${input.period} needs the admin role in ${names(notAdmin)}`);
  }

  const organizationIds = organizations.map((organization) => organization.id);
  const fingerprint = runFingerprint(input.period, organizationIds, types, closePeriod);
  return prisma.$transaction(
    async (tx) => {
      const [inserted] = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO report_runs (id, period, organization_ids, report_types, close_period, fingerprint, created_by_id, created_at)
        VALUES (gen_random_uuid(), ${input.period}, ${organizationIds}::uuid[], ${types}::text[], ${closePeriod}, ${fingerprint},
                ${actor?.userId ?? null}::uuid, ${now})
        ON CONFLICT (fingerprint) WHERE status = 'running' DO NOTHING
        RETURNING id::text`;
      if (!inserted) {
        // The same run is going (committed before us, or its insert made us wait for it).
        const existing = await tx.reportRun.findFirst({ where: { fingerprint, status: 'running' }, select: { id: true } });
        if (existing) return { id: existing.id, created: false };
        // It finished between our insert and this read: let the caller try again.
        throw new AppError('conflict', 'An identical run just finished; start again to make a new one');
      }
      await tx.$executeRaw`
        INSERT INTO report_run_items (run_id, organization_id, report_type)
        SELECT ${inserted.id}::uuid, o, t FROM unnest(${organizationIds}::uuid[]) AS o CROSS JOIN unnest(${types}::text[]) AS t`;
      await enqueueReportRunJobs(tx, inserted.id, organizationIds);
      return { id: inserted.id, created: true };
    },
    { ...TX_OPTIONS, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
  );
}

/**
 * (period, organizations, types, close first), order-independent: what makes two runs "the
 * same run". A close-first run is never answered with a running run that does not close the
 * period. (Runs without it keep the fingerprint they always had.)
 */
export function runFingerprint(
  period: string,
  organizationIds: readonly string[],
  types: readonly ReportType[],
  closePeriod: boolean,
): string {
  const canonical = [period, [...organizationIds].sort().join(','), [...types].sort().join(','), ...(closePeriod ? ['close'] : [])].join(
    '|',
  );
  return createHash('sha256').update(canonical).digest('hex');
}

function names(organizations: readonly OrganizationAccess[]): string {
  const shown = organizations.slice(0, 5).map((organization) => organization.name);
  return organizations.length > 5 ? `${shown.join(', ')} and ${organizations.length - 5} more` : shown.join(', ');
}
