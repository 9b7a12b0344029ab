// The month-end close board: one row per client company the user is a member of, for one
// period — its status, earlier months still open, the last issued pack and whether the books
// changed since, and readiness warnings. A firm has hundreds of clients, so every figure is
// loaded for all of them at once: five statements whatever the number of organizations.
import { z } from 'zod';
import type { Actor, Role } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { addMonths, PERIOD_PATTERN } from '../../accounting/periods';
import { openMonthsThrough } from '../../ledger/queries/open-periods';
import { parseInput } from '../../../validation';
import { readinessWarnings, type ReadinessWarning } from '../close-readiness';

/**
 * Accounts whose balance must be cleared before the pack goes out (by name: charts differ
 * between firms, and "Suspense" / "Uncategorised" is what accountants call them).
 */
const SUSPENSE_NAME_PATTERNS = ['%suspense%', '%uncategori%'];

export const closeBoardInput = z.object({ period: z.string().regex(PERIOD_PATTERN, 'Use YYYY-MM, e.g. 2026-10') }).strict();

/**
 * none: no report run has issued a snapshot of this period; issued: one has, and no entry
 * dated in or before the period was posted after it; changed: one was (the pack is out of
 * date). `building`: a run for this period still has pending snapshots of the organization.
 */
export type PackStatus = 'none' | 'issued' | 'changed';

export interface CloseBoardRow {
  organizationId: string;
  name: string;
  role: Role;
  status: 'open' | 'closed';
  changedAt: string | null;
  changedBy: string | null;
  earlierOpen: string[];
  entriesInPeriod: number;
  pack: {
    status: PackStatus;
    building: boolean;
    runId: string | null;
    issuedAt: string | null;
    asOfSequence: number | null;
    /** Entries posted after the pack's snapshot (any date). */
    postingsSince: number;
    /** Of those, dated in or before the period: they change the pack's figures. */
    changesSince: number;
  };
  warnings: ReadinessWarning[];
}

export async function getCloseBoard(options: { prisma: PrismaClient; actor: Actor; input: unknown }): Promise<CloseBoardRow[]> {
  const { prisma, actor } = options;
  const { period } = parseInput(closeBoardInput, options.input);
  // 1. The organizations: the actor's memberships (nobody else's books appear).
  const memberships = await prisma.membership.findMany({
    where: { userId: actor.userId },
    select: { role: true, organization: { select: { id: true, name: true } } },
    orderBy: [{ organization: { name: 'asc' } }, { organizationId: 'asc' }],
  });
  const ids = memberships.map((membership) => membership.organization.id);
  if (ids.length === 0) return [];

  const [statuses, earlierOpen, packs, suspense] = await Promise.all([
    // 2. The period's status row and who changed it.
    prisma.$queryRaw<{ organizationId: string; status: 'open' | 'closed'; changedAt: Date; changedBy: string | null }[]>`
      SELECT p.organization_id::text AS "organizationId", p.status::text AS status, p.changed_at AS "changedAt", u.name AS "changedBy"
        FROM periods p LEFT JOIN users u ON u.id = p.changed_by_id
       WHERE p.organization_id = ANY(${ids}::uuid[]) AND p.period = ${period}`,
    // 3. Earlier months still open.
    openMonthsThrough(prisma, ids, addMonths(period, -1)),
    // 4. Entries in the period, the latest issued pack, postings since it, a run still building.
    prisma.$queryRaw<
      {
        organizationId: string;
        entriesInPeriod: number;
        runId: string | null;
        issuedAt: Date | null;
        asOfSequence: bigint | null;
        postingsSince: number;
        changesSince: number;
        building: boolean;
      }[]
    >`
      WITH orgs AS (SELECT unnest(${ids}::uuid[]) AS id),
      packs AS (
        SELECT DISTINCT ON (i.organization_id) i.organization_id, i.run_id, i.finished_at, i.as_of_sequence
          FROM report_run_items i JOIN report_runs r ON r.id = i.run_id
         WHERE r.period = ${period} AND i.organization_id = ANY(${ids}::uuid[]) AND i.status = 'done'
         ORDER BY i.organization_id, i.as_of_sequence DESC, i.finished_at DESC
      )
      SELECT o.id::text AS "organizationId",
             (SELECT count(*)::int FROM journal_entries je WHERE je.organization_id = o.id AND je.period = ${period}) AS "entriesInPeriod",
             pk.run_id::text AS "runId", pk.finished_at AS "issuedAt", pk.as_of_sequence AS "asOfSequence",
             coalesce(since.postings, 0)::int AS "postingsSince", coalesce(since.changes, 0)::int AS "changesSince",
             EXISTS (SELECT 1 FROM report_run_items i JOIN report_runs r ON r.id = i.run_id
                      WHERE i.organization_id = o.id AND i.status = 'pending' AND r.period = ${period}) AS building
        FROM orgs o
        LEFT JOIN packs pk ON pk.organization_id = o.id
        LEFT JOIN LATERAL (
          SELECT count(*) AS postings, count(*) FILTER (WHERE je.period <= ${period}) AS changes
            FROM journal_entries je
           WHERE je.organization_id = o.id AND je.sequence > pk.as_of_sequence
        ) since ON pk.as_of_sequence IS NOT NULL`,
    // 5. Suspense / uncategorised balances at the end of the period (NUMERIC minor units as text).
    prisma.$queryRaw<{ organizationId: string; code: string; name: string; balance: string }[]>`
      SELECT a.organization_id::text AS "organizationId", a.code, a.name, sum(b.debit_minor - b.credit_minor)::text AS balance
        FROM accounts a
        JOIN account_period_balances b ON b.organization_id = a.organization_id AND b.account_id = a.id AND b.period <= ${period}
       WHERE a.organization_id = ANY(${ids}::uuid[]) AND a.name ILIKE ANY(${SUSPENSE_NAME_PATTERNS}::text[])
       GROUP BY a.organization_id, a.code, a.name
      HAVING sum(b.debit_minor - b.credit_minor) <> 0
       ORDER BY a.organization_id, a.code`,
  ]);

  const statusOf = new Map(statuses.map((row) => [row.organizationId, row]));
  const packOf = new Map(packs.map((row) => [row.organizationId, row]));
  const suspenseOf = new Map<string, { code: string; name: string; balanceMinor: bigint }[]>();
  for (const row of suspense) {
    const list = suspenseOf.get(row.organizationId) ?? [];
    list.push({ code: row.code, name: row.name, balanceMinor: BigInt(row.balance) });
    suspenseOf.set(row.organizationId, list);
  }
  return memberships.map(({ role, organization }) => {
    const status = statusOf.get(organization.id);
    const pack = packOf.get(organization.id);
    const earlier = earlierOpen.get(organization.id) ?? [];
    const entriesInPeriod = pack?.entriesInPeriod ?? 0;
    const issued = pack?.asOfSequence !== null && pack?.asOfSequence !== undefined;
    return {
      organizationId: organization.id,
      name: organization.name,
      role,
      status: status?.status ?? 'open',
      changedAt: status ? status.changedAt.toISOString() : null,
      changedBy: status?.changedBy ?? null,
      earlierOpen: earlier,
      entriesInPeriod,
      pack: {
        status: !issued ? 'none' : (pack.changesSince ?? 0) > 0 ? 'changed' : 'issued',
        building: pack?.building ?? false,
        runId: pack?.runId ?? null,
        issuedAt: pack?.issuedAt ? pack.issuedAt.toISOString() : null,
        asOfSequence: issued ? Number(pack.asOfSequence) : null,
        postingsSince: pack?.postingsSince ?? 0,
        changesSince: pack?.changesSince ?? 0,
      },
      warnings: readinessWarnings({
        period,
        earlierOpen: earlier,
        entriesInPeriod,
        suspenseBalances: suspenseOf.get(organization.id) ?? [],
      }),
    };
  });
}

export const BOARD_FILTERS = {
  all: 'All clients',
  open: 'Period open',
  closed: 'Period closed',
  ready: 'Open and ready',
  attention: 'Needs attention',
  'no-pack': 'No pack issued',
  changed: 'Pack changed since issued',
} as const;
export type BoardFilter = keyof typeof BOARD_FILTERS;

export function isBoardFilter(value: string): value is BoardFilter {
  return Object.hasOwn(BOARD_FILTERS, value);
}

/** The rows a search (name, case-insensitive) and a status filter leave (pure). */
export function filterCloseBoard(rows: readonly CloseBoardRow[], search: string, filter: BoardFilter): CloseBoardRow[] {
  const needle = search.trim().toLocaleLowerCase();
  const matches: Record<BoardFilter, (row: CloseBoardRow) => boolean> = {
    all: () => true,
    open: (row) => row.status === 'open',
    closed: (row) => row.status === 'closed',
    ready: (row) => row.status === 'open' && row.warnings.length === 0,
    attention: (row) => row.warnings.length > 0,
    'no-pack': (row) => row.pack.status === 'none',
    changed: (row) => row.pack.status === 'changed',
  };
  return rows.filter((row) => (needle === '' || row.name.toLocaleLowerCase().includes(needle)) && matches[filter](row));
}
