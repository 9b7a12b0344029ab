import { CURRENT_YEAR_EARNINGS, type ReportChanges } from '@/lib/domains/reports';

/** The accounts whose figure moved since the snapshot was issued, each with the postings that moved it. */
export function ChangesTable(props: { changes: ReportChanges }) {
  const { changes } = props;
  if (changes.accounts.length === 0) return <p>No figure of this report has changed since it was issued.</p>;
  return (
    <table aria-label="Changes since issued">
      <thead>
        <tr>
          <th>Account</th>
          <th className="num">Issued ({changes.currency})</th>
          <th className="num">Now</th>
          <th className="num">Difference</th>
          <th>Postings since issued</th>
        </tr>
      </thead>
      <tbody>
        {changes.accounts.map((account) => (
          <tr key={account.accountCode}>
            <td>{account.accountCode === CURRENT_YEAR_EARNINGS ? account.accountName : `${account.accountCode} ${account.accountName}`}</td>
            <td className="num">{account.snapshot}</td>
            <td className="num">{account.live}</td>
            <td className="num">{account.difference}</td>
            <td>
              <ul className="plain">
                {account.entries.map((entry) => (
                  <li key={entry.id}>
                    <a href={`/orgs/${changes.organizationId}/entries/${entry.id}`}>
                      #{entry.sequence} · {entry.date} · {entry.memo}
                    </a>{' '}
                    <span className="muted">posted {entry.createdAt.slice(0, 16).replace('T', ' ')} UTC</span>
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Changed since issued" or "Unchanged since issued". */
export function ChangedBadge(props: { changes: ReportChanges }) {
  const changed = props.changes.accounts.length > 0;
  return <span className={`badge ${changed ? 'pending' : 'ok'}`}>{changed ? 'Changed since issued' : 'Unchanged since issued'}</span>;
}
