// Which months of an organization are still open, for many organizations in one statement
// (the month-end board shows 200 clients; the organizations list, the periods page and
// "close through" ask the same question). A month without a `periods` row is open, so the
// months are generated in SQL from the organization's first month: its first entry's month
// or the month it was created in, whichever is earlier.
import type { PrismaClient, Tx } from '../../../adapters/db/prisma';

/**
 * For each organization, its open months from its first month through `through`, oldest
 * first (organizations with none are absent). `includeThrough`: `through` itself counts
 * even when it lies before the organization's first month ("close through" a month that
 * has no entries yet).
 */
export async function openMonthsThrough(
  db: PrismaClient | Tx,
  organizationIds: readonly string[],
  through: string,
  options: { includeThrough?: boolean } = {},
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (organizationIds.length === 0) return result;
  const rows = await db.$queryRaw<{ organizationId: string; period: string }[]>`
    WITH firsts AS (
      SELECT o.id,
             least((SELECT min(je.period) FROM journal_entries je WHERE je.organization_id = o.id),
                   to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM'),
                   CASE WHEN ${options.includeThrough ?? false} THEN ${through}::text END) AS first_period
        FROM organizations o
       WHERE o.id = ANY(${[...organizationIds]}::uuid[])
    )
    SELECT f.id::text AS "organizationId", to_char(m, 'YYYY-MM') AS period
      FROM firsts f
     CROSS JOIN LATERAL generate_series(to_date(f.first_period, 'YYYY-MM'), to_date(${through}, 'YYYY-MM'), interval '1 month') AS m
     WHERE NOT EXISTS (SELECT 1 FROM periods p
                        WHERE p.organization_id = f.id AND p.period = to_char(m, 'YYYY-MM') AND p.status = 'closed')
     ORDER BY 1, 2`;
  for (const row of rows) {
    const months = result.get(row.organizationId) ?? [];
    months.push(row.period);
    result.set(row.organizationId, months);
  }
  return result;
}
