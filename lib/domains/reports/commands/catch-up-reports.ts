// The catch-up of one organization's stale reports: those a write marked stale
// (required_sequence raised) without queueing their own rebuild, because one write
// registers and queues at most MAX_REPORTS_PER_SCHEDULE reports (lib/adapters/queue/report-jobs.ts).
//
// One job per organization (coalesced by key) visits the registered reports inside the
// ledger window newest period first, rebuilds those whose document is missing or older
// than required, and stops after a bounded batch, queueing its continuation ("go on
// below this report"). A write that marks more reports stale meanwhile queues a "from the
// newest" request that merges with the continuation, so nothing it marked is skipped.
import type { Db } from 'mongodb';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { queueCatchUp, type CatchUpCursor } from '../../../adapters/queue/report-jobs';
import { ledgerWindow } from '../../accounting/window';
import { reportObjectId } from '../ids';
import { rebuildReport } from './rebuild-report';
import { findReportSequences } from '../store';
import type { ReportType } from '../types';

/** Rebuilds per job: each is a snapshot read and a document write. */
export const CATCH_UP_BATCH = 24;
/** Registered reports examined per job (read in pages, one MongoDB read per page). */
export const CATCH_UP_SCAN = 1000;
const PAGE = 200;

export interface CatchUpResult {
  examined: number;
  rebuilt: number;
  /** Where the queued continuation starts; null when every report was examined. */
  continueBefore: CatchUpCursor | null;
}

export async function catchUpReports(options: {
  prisma: PrismaClient;
  db: Db;
  organizationId: string;
  before: CatchUpCursor | null;
  now: Date;
}): Promise<CatchUpResult> {
  const { prisma, db, organizationId, now } = options;
  // Reports registered outside the window (left from before it existed) are never
  // rebuilt: nobody can look them up, and catching them up would be the flood again.
  const window = ledgerWindow(now);
  let cursor = options.before;
  let examined = 0;
  let rebuilt = 0;
  for (;;) {
    const page = await prisma.$queryRaw<{ type: ReportType; period: string; requiredSequence: bigint }[]>`
      SELECT report_type AS type, period::text AS period, required_sequence AS "requiredSequence"
        FROM report_targets
       WHERE organization_id = ${organizationId}::uuid
         AND period::text COLLATE "C" BETWEEN ${window.firstPeriod}::text AND ${window.lastPeriod}::text
         AND (${cursor?.period ?? null}::text IS NULL
              OR (period::text COLLATE "C", report_type COLLATE "C") < (${cursor?.period ?? null}::text, ${cursor?.type ?? null}::text))
       ORDER BY period::text COLLATE "C" DESC, report_type COLLATE "C" DESC
       LIMIT ${PAGE}`;
    const built = await findReportSequences(
      db,
      page.map((target) => reportObjectId(organizationId, target.type, target.period)),
    );
    for (const target of page) {
      examined += 1;
      cursor = { period: target.period, type: target.type };
      const asOf = built.get(reportObjectId(organizationId, target.type, target.period).toHexString());
      if (asOf === undefined || BigInt(asOf) < target.requiredSequence) {
        await rebuildReport({ prisma, db, target: { organizationId, type: target.type, period: target.period }, now });
        rebuilt += 1;
      }
      if (rebuilt >= CATCH_UP_BATCH || examined >= CATCH_UP_SCAN) {
        await queueCatchUp(prisma, organizationId, cursor);
        return { examined, rebuilt, continueBefore: cursor };
      }
    }
    if (page.length < PAGE) return { examined, rebuilt, continueBefore: null };
  }
}
