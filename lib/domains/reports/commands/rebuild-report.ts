// Rebuilding one report: load a consistent snapshot from PostgreSQL, run the pure
// builder, save to MongoDB if newer. Idempotent: running it twice changes nothing.
import type { Db } from 'mongodb';
import { Prisma, TX_OPTIONS, type PrismaClient } from '../../../adapters/db/prisma';
import type { AccountSubtype } from '../../accounting/account-types';
import { comparativePeriods, fiscalYearStart } from '../../accounting/periods';
import type { ReportDocument } from '../documents';
import { buildBalanceSheet } from '../projections/balance-sheet';
import { buildGeneralLedger } from '../projections/general-ledger';
import { buildIncomeStatement } from '../projections/income-statement';
import type { AccountActivity, PeriodLine, ReportInputs } from '../projections/inputs';
import { buildTrialBalance } from '../projections/trial-balance';
import { saveReportIfNewer, saveReportsIfNewer, type SaveOutcome } from '../store';
import { REPORT_TYPES, type ReportType } from '../types';
import { notifyInvalidation, notifyInvalidations } from '../../../adapters/cache/invalidation';

export interface RebuildTarget {
  organizationId: string;
  type: ReportType;
  period: string;
}

/** Inputs for several report types of one (organization, period) at once (report runs). */
export interface InputsScope {
  organizationId: string;
  period: string;
  /** The general ledger needs the period's journal lines; the other reports do not. */
  withLines: boolean;
}

const BUILDERS: Record<ReportType, (inputs: ReportInputs) => ReportDocument> = {
  'trial-balance': buildTrialBalance,
  'income-statement': buildIncomeStatement,
  'balance-sheet': buildBalanceSheet,
  'general-ledger': buildGeneralLedger,
};

export function buildReport(type: ReportType, inputs: ReportInputs): ReportDocument {
  return BUILDERS[type](inputs);
}

/**
 * Loads everything a builder needs in one REPEATABLE READ snapshot, so the balances, the
 * lines and `asOfSequence` describe the same instant. Writes of one organization are
 * serialised (see inOrganizationTransaction), so the organization's highest committed
 * sequence in the snapshot covers every event before it.
 *
 * Cost: per-account sums over the period balances (one row per account and month, summed
 * in PostgreSQL, one row per account returned) plus, for the general ledger, the lines
 * dated inside the period. Nothing here reads the journal lines of earlier periods.
 */
export async function loadReportInputs(
  prisma: PrismaClient,
  target: RebuildTarget | InputsScope,
  now: Date,
  /** 'journal' recomputes the activity from every journal line (reports:verify); slow, independent of the balances table. */
  source: 'balances' | 'journal' = 'balances',
): Promise<ReportInputs | null> {
  const { organizationId, period } = target;
  const withLines = 'withLines' in target ? target.withLines : target.type === 'general-ledger';
  return prisma.$transaction(
    async (tx) => {
      const organization = await tx.organization.findUnique({
        where: { id: organizationId },
        select: { id: true, name: true, baseCurrency: true, fiscalYearStartMonth: true },
      });
      if (!organization) return null;
      const accounts = await tx.account.findMany({
        where: { organizationId },
        select: { id: true, code: true, name: true, type: true, subtype: true, isRetainedEarnings: true },
      });
      // The activity of P and of the two comparative periods (issue 13 item 4: the same month a
      // year earlier, the last month of the previous fiscal year), each split relative to its
      // own period and fiscal year, in one statement of this snapshot: the comparatives can
      // never disagree with the main figures about which postings exist. All three are ≤ P,
      // so the rows read are those the main figures read; each is summed once per target.
      const targets = comparativePeriods(period, organization.fiscalYearStartMonth);
      const periods = [period, targets.samePeriodLastYear, targets.priorYearEnd];
      const fyStarts = periods.map((each) => fiscalYearStart(each, organization.fiscalYearStartMonth));
      const indexes = [0, 1, 2];
      // Sums come back as text (NUMERIC can exceed BIGINT) and become BigInt minor units.
      const sums =
        source === 'journal'
          ? await tx.$queryRaw<(ActivitySums & { target: number })[]>`
        SELECT t.idx AS target, l.account_id::text AS "accountId",
               coalesce(sum(l.debit_minor - l.credit_minor) FILTER (WHERE e.period < t.fy_start), 0)::text AS "beforeFiscalYear",
               coalesce(sum(l.debit_minor - l.credit_minor) FILTER (WHERE e.period >= t.fy_start AND e.period < t.period), 0)::text AS "fiscalYearBeforePeriod",
               coalesce(sum(l.debit_minor) FILTER (WHERE e.period = t.period), 0)::text AS "periodDebit",
               coalesce(sum(l.credit_minor) FILTER (WHERE e.period = t.period), 0)::text AS "periodCredit"
          FROM unnest(${indexes}::int[], ${fyStarts}::text[], ${periods}::text[]) AS t(idx, fy_start, period)
          JOIN journal_entries e ON e.organization_id = ${organizationId}::uuid AND e.period <= t.period
          JOIN journal_lines l ON l.entry_id = e.id
         GROUP BY t.idx, l.account_id`
          : await tx.$queryRaw<(ActivitySums & { target: number })[]>`
        SELECT t.idx AS target, b.account_id::text AS "accountId",
               coalesce(sum(b.debit_minor - b.credit_minor) FILTER (WHERE b.period < t.fy_start), 0)::text AS "beforeFiscalYear",
               coalesce(sum(b.debit_minor - b.credit_minor) FILTER (WHERE b.period >= t.fy_start AND b.period < t.period), 0)::text AS "fiscalYearBeforePeriod",
               coalesce(sum(b.debit_minor) FILTER (WHERE b.period = t.period), 0)::text AS "periodDebit",
               coalesce(sum(b.credit_minor) FILTER (WHERE b.period = t.period), 0)::text AS "periodCredit"
          FROM unnest(${indexes}::int[], ${fyStarts}::text[], ${periods}::text[]) AS t(idx, fy_start, period)
          JOIN account_period_balances b ON b.organization_id = ${organizationId}::uuid AND b.period <= t.period
         GROUP BY t.idx, b.account_id`;
      const activityOf = (target: number) => sums.filter((row) => Number(row.target) === target).map(toAccountActivity);
      const activity = activityOf(0);
      const lines = withLines
        ? await tx.$queryRaw<PeriodLine[]>`
              SELECT l.account_id::text AS "accountId", to_char(e.date, 'YYYY-MM-DD') AS date, e.sequence, e.id::text AS "entryId",
                     l.line_no::int AS "lineNo", e.memo, e.reference, l.description, l.debit_minor AS "debitMinor", l.credit_minor AS "creditMinor"
                FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
               WHERE e.organization_id = ${organizationId}::uuid AND e.period = ${period}
               ORDER BY e.date, e.sequence, l.line_no`
        : undefined;
      // The chain head is written in the same transaction as its event, so in this snapshot
      // the newest hash is at the newest event: the head gives lastSequence and the hash
      // (adapters/db/last-sequence.ts says why not max(sequence)).
      const [meta] = await tx.$queryRaw<{ closed: boolean; lastSequence: bigint | null; ledgerHash: string | null }[]>`
        SELECT coalesce((SELECT status = 'closed' FROM periods WHERE organization_id = ${organizationId}::uuid AND period = ${period}), false) AS closed,
               head.sequence AS "lastSequence", encode(head.hash, 'hex') AS "ledgerHash"
          FROM (SELECT 1) AS one
          LEFT JOIN LATERAL (SELECT sequence, hash FROM ledger_event_hashes WHERE organization_id = ${organizationId}::uuid
                              ORDER BY sequence DESC LIMIT 1) AS head ON true`;
      return {
        organization,
        period,
        periodClosed: meta?.closed ?? false,
        accounts: accounts.map((account) => ({ ...account, subtype: account.subtype as AccountSubtype })),
        activity,
        comparatives: {
          samePeriodLastYear: { period: targets.samePeriodLastYear, activity: activityOf(1) },
          priorYearEnd: { period: targets.priorYearEnd, activity: activityOf(2) },
        },
        ...(lines ? { lines } : {}),
        asOfSequence: meta?.lastSequence ?? 0n,
        ledgerHash: meta?.ledgerHash ?? null,
        builtAt: now,
      };
    },
    { ...TX_OPTIONS, isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}

export async function rebuildReport(options: {
  prisma: PrismaClient;
  db: Db;
  target: RebuildTarget;
  now: Date;
}): Promise<{ outcome: SaveOutcome | 'organization-missing'; asOfSequence: number }> {
  const inputs = await loadReportInputs(options.prisma, options.target, options.now);
  if (!inputs) return { outcome: 'organization-missing', asOfSequence: 0 };
  const document = buildReport(options.target.type, inputs);
  const outcome = await saveReportIfNewer(options.db, document);
  // Web processes cache report headers: tell them this one changed (after the save, so a
  // process that reloads on the notification reads the new document).
  if (outcome !== 'stale') await notifyInvalidation(options.prisma, 'report', document.id);
  return { outcome, asOfSequence: document.asOfSequence };
}

/**
 * The job of a write: the four reports of one (organization, period) from ONE snapshot of
 * the books (so they agree with each other), saved in one bulkWrite, and one notification
 * for the web processes' header caches. Under a stream of postings the worker leaves the
 * general ledger out of most of these (`types`) and rebuilds it on its own a little later
 * (workers/tasks.ts): then the statements agree with each other, and the ledger says its
 * own asOfSequence.
 */
export async function rebuildPeriod(options: {
  prisma: PrismaClient;
  db: Db;
  organizationId: string;
  period: string;
  now: Date;
  /** Default all four; without the general ledger no journal line is read. */
  types?: readonly ReportType[];
}): Promise<{ outcomes: Partial<Record<ReportType, SaveOutcome>> | 'organization-missing'; asOfSequence: number }> {
  const { prisma, db, organizationId, period, now } = options;
  const types = options.types ?? REPORT_TYPES;
  const inputs = await loadReportInputs(prisma, { organizationId, period, withLines: types.includes('general-ledger') }, now);
  if (!inputs) return { outcomes: 'organization-missing', asOfSequence: 0 };
  const documents = types.map((type) => buildReport(type, inputs));
  const saved = await saveReportsIfNewer(db, documents);
  const outcomes: Partial<Record<ReportType, SaveOutcome>> = {};
  documents.forEach((document, index) => (outcomes[document.type] = saved[index] ?? 'stale'));
  await notifyInvalidations(
    prisma,
    'report',
    documents.filter((_, index) => saved[index] !== 'stale').map((document) => document.id),
  );
  return { outcomes, asOfSequence: Number(inputs.asOfSequence) };
}

type ActivitySums = { [K in keyof AccountActivity]: string };

function toAccountActivity(row: ActivitySums): AccountActivity {
  return {
    accountId: row.accountId,
    beforeFiscalYear: BigInt(row.beforeFiscalYear),
    fiscalYearBeforePeriod: BigInt(row.fiscalYearBeforePeriod),
    periodDebit: BigInt(row.periodDebit),
    periodCredit: BigInt(row.periodCredit),
  };
}
