import type { Db } from 'mongodb';
import { requirePermission, type Actor } from '../../auth/access';
import { notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import type { GeneralLedgerDocument } from '../documents';
import { isAccountCode } from '../drill-down';
import { parseReportId } from '../ids';
import { findGeneralLedgerAccount } from '../store';

export interface AccountLedger {
  /**
   * The general ledger of one account: `accounts` holds its section, or is empty when the
   * account had no postings in the period; `totals` are that account's own.
   */
  document: GeneralLedgerDocument;
  account: { code: string; name: string };
}

/**
 * The general ledger `id` filtered to one account (the drill-down from a statement row),
 * if the actor is a member of its organization. An account the organization does not have
 * is "not found" like a missing report; one without activity in the period is an empty
 * ledger that names it.
 */
export async function getAccountLedger(options: {
  prisma: PrismaClient;
  db: Db;
  actor: Actor;
  id: string;
  accountCode: string;
}): Promise<AccountLedger> {
  const _id = parseReportId(options.id);
  if (!_id || !isAccountCode(options.accountCode)) throw notFound('Report');
  const document = await findGeneralLedgerAccount(options.db, _id, options.accountCode);
  if (!document) throw notFound('Report');
  // Not a member → the same 404 as a missing report: IDs of other tenants reveal nothing.
  await requirePermission(options.prisma, options.actor, document.organizationId, 'read', 'Report');
  const section = document.accounts[0];
  const account = section
    ? { code: section.accountCode, name: section.accountName }
    : await options.prisma.account.findUnique({
        where: { organizationId_code: { organizationId: document.organizationId, code: options.accountCode } },
        select: { code: true, name: true },
      });
  if (!account) throw notFound('Account');
  return {
    document: { ...document, totals: section ? section.totals : { debit: '0.00', credit: '0.00' } },
    account,
  };
}
