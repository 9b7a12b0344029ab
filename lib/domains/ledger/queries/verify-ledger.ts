// Verifying an organization's tamper-evident ledger: PostgreSQL recomputes the hash chain
// from ledger_events + journal_entries + journal_lines with the same canonical form the
// commit-time trigger used (migration 20261202120000_ledger_hash_chain) and compares it
// with the stored chain. Doing it in SQL keeps one definition of the canonical form: the
// writer and the verifier cannot drift apart.
import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';

export interface LedgerVerification {
  organizationId: string;
  ok: boolean;
  /** Events of the organization found in the log. */
  events: number;
  /** The stored chain head (null: no event hashed). */
  headSequence: number | null;
  headHash: string | null;
  /** The first sequence whose event or journal rows no longer match the stored chain. */
  firstBrokenSequence?: number;
}

interface VerifyRow {
  events: bigint;
  headSequence: bigint | null;
  headHash: string | null;
  firstBrokenSequence: bigint | null;
}

/** Any member may check the books they can read; a non-member gets 404. */
export async function verifyLedger(options: { prisma: PrismaClient; actor: Actor; organizationId: string }): Promise<LedgerVerification> {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  return verifyOrganizationLedger(options.prisma, options.organizationId);
}

/** For operators (`npm run ledger:verify`): one organization, or every one in ID order. No access check. */
export async function verifyLedgers(options: { prisma: PrismaClient; organizationId?: string }): Promise<LedgerVerification[]> {
  const organizations = await options.prisma.organization.findMany({
    where: options.organizationId ? { id: options.organizationId } : {},
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const results: LedgerVerification[] = [];
  // One at a time: each verification reads an organization's whole journal.
  for (const organization of organizations) results.push(await verifyOrganizationLedger(options.prisma, organization.id));
  return results;
}

async function verifyOrganizationLedger(prisma: PrismaClient, organizationId: string): Promise<LedgerVerification> {
  const [row] = await prisma.$queryRaw<VerifyRow[]>`
    SELECT events, head_sequence AS "headSequence", head_hash AS "headHash", first_broken_sequence AS "firstBrokenSequence"
      FROM closebook_ledger_verify(${organizationId}::uuid)`;
  if (!row) throw new Error('closebook_ledger_verify returned no row');
  const broken = row.firstBrokenSequence;
  return {
    organizationId,
    ok: broken === null,
    events: Number(row.events),
    headSequence: row.headSequence === null ? null : Number(row.headSequence),
    headHash: row.headHash,
    ...(broken === null ? {} : { firstBrokenSequence: Number(broken) }),
  };
}
