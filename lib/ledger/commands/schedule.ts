import type { Tx } from '../../db/prisma';
import { scheduleReportRebuilds } from '../../jobs/report-jobs';
import { comparePeriods, periodOfInstant, periodRange } from '../periods';
import { latestEntryPeriod } from './ledger-transaction';

/**
 * An entry dated in period P changes the reports of P and of every later period
 * (cumulative balances, year-to-date figures), up to the current month or the latest
 * period anything is dated in, whichever is later.
 */
export async function scheduleFromPeriod(
  tx: Tx,
  args: { organizationId: string; fromPeriod: string; sequence: bigint; now: Date },
): Promise<void> {
  const candidates = [periodOfInstant(args.now), args.fromPeriod, (await latestEntryPeriod(tx, args.organizationId)) ?? args.fromPeriod];
  const horizon = candidates.reduce((latest, period) => (comparePeriods(period, latest) > 0 ? period : latest));
  await scheduleReportRebuilds(tx, {
    organizationId: args.organizationId,
    periods: periodRange(args.fromPeriod, horizon),
    sequence: args.sequence,
  });
}
