import Link from 'next/link';
import { notFound } from 'next/navigation';
import { roleAllows } from '@/lib/domains/auth/access';
import { isAppError } from '@/lib/errors';
import { getJournalEntry } from '@/lib/domains/ledger/queries/journal-entry';
import { getOrganization } from '@/lib/domains/ledger/queries/organizations';
import { formatForReport } from '@/lib/domains/money/money';
import { getReportSettings } from '@/lib/domains/organizations/report-settings';
import { monthName } from '@/lib/domains/accounting/periods';
import { parseReportPlace, reportHref } from '@/lib/domains/reports/drill-down';
import { REPORT_TITLES } from '@/lib/domains/reports/types';
import { requireUser } from '@/lib/adapters/web/session';
import { ReverseForm } from './reverse-form';
import { webContext } from '@/lib/adapters/web/context';

export const dynamic = 'force-dynamic';

export default async function EntryPage(props: {
  params: Promise<{ orgId: string; entryId: string }>;
  /** `period`, `view`, `account`, `origin`: the report this entry was opened from (drill-down). */
  searchParams: Promise<{ posted?: string; period?: string; view?: string; account?: string; origin?: string }>;
}) {
  const ctx = webContext();
  const user = await requireUser(ctx);
  const { orgId, entryId } = await props.params;
  const search = await props.searchParams;
  const { posted } = search;
  const from = parseReportPlace(search);
  const prisma = ctx.prisma;
  const entry = await getJournalEntry({ prisma, actor: user, organizationId: orgId, entryId }).catch((error: unknown) => {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  });
  const { role } = await getOrganization({ prisma, actor: user, organizationId: orgId });
  const { numberFormat } = await getReportSettings({ prisma, actor: user, organizationId: orgId });
  const canReverse = roleAllows(role, 'post') && !entry.reversedById && !entry.reversesEntryId;
  return (
    <>
      <p className="row drill-nav">
        {from && (
          <Link href={reportHref(orgId, from)} className="back-link">
            ← Back to {REPORT_TITLES[from.view].toLowerCase()}
            {from.account ? ` of account ${from.account}` : ''}, {monthName(from.period)}
          </Link>
        )}
        <Link href={`/orgs/${orgId}/entries`}>{from ? 'All entries' : '← All entries'}</Link>
      </p>
      {posted && (
        <p className="notice" role="status">
          Entry posted as ledger sequence {entry.sequence}.
        </p>
      )}
      <h1>
        Journal entry <span data-testid="entry-sequence">#{entry.sequence}</span>
      </h1>
      <section className="panel">
        <p>
          <strong>{entry.date}</strong> · {entry.memo}
          {entry.reference ? ` · ref. ${entry.reference}` : ''}
          {entry.reversesEntryId && (
            <>
              {' '}
              · reverses <Link href={`/orgs/${orgId}/entries/${entry.reversesEntryId}`}>this entry</Link>
            </>
          )}
          {entry.reversedById && (
            <>
              {' '}
              · reversed by <Link href={`/orgs/${orgId}/entries/${entry.reversedById}`}>this entry</Link>
            </>
          )}
        </p>
        <table>
          <thead>
            <tr>
              <th>Account</th>
              <th>Description</th>
              <th className="num">Debit</th>
              <th className="num">Credit</th>
            </tr>
          </thead>
          <tbody>
            {entry.lines.map((line) => (
              <tr key={line.lineNo}>
                <td>
                  {line.accountCode} {line.accountName}
                </td>
                <td>{line.description}</td>
                <td className="num">{formatForReport(line.debitMinor, { blankZero: true, numberFormat })}</td>
                <td className="num">{formatForReport(line.creditMinor, { blankZero: true, numberFormat })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {canReverse && (
        <section className="panel" aria-labelledby="reverse-heading">
          <h2 id="reverse-heading">Reverse this entry</h2>
          <p className="muted">Posts a new entry with every debit and credit swapped, dated in an open period on or after {entry.date}.</p>
          <ReverseForm organizationId={orgId} entryId={entry.id} today={ctx.now().toISOString().slice(0, 10)} />
        </section>
      )}
    </>
  );
}
