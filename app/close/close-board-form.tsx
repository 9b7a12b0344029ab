'use client';

import Link from 'next/link';
import { useState } from 'react';
import { ActionForm } from '@/app/components/action-form';
import type { CloseBoardRow } from '@/lib/domains/report-runs/queries/close-board';
import { closeAndBuildAction } from './actions';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ') + ' UTC';

function PeriodStatus({ row }: { row: CloseBoardRow }) {
  if (row.status === 'closed') {
    return (
      <>
        <span className="badge ok">Closed</span>
        <div className="muted small">
          {row.changedBy ?? 'unknown'}
          {row.changedAt && `, ${when(row.changedAt)}`}
        </div>
      </>
    );
  }
  return <span className="badge pending">Open</span>;
}

function Pack({ row }: { row: CloseBoardRow }) {
  const { pack } = row;
  const building = pack.building && <div className="muted small">Building…</div>;
  if (pack.status === 'none') {
    return (
      <>
        <span className="muted">None</span>
        {building}
      </>
    );
  }
  const link = pack.runId && <Link href={`/runs/${pack.runId}`}>{pack.issuedAt ? `issued ${when(pack.issuedAt)}` : 'issued'}</Link>;
  return (
    <>
      {pack.status === 'changed' ? <span className="badge bad">Changed since issued</span> : <span className="badge ok">Issued</span>}
      <div className="small">{link}</div>
      {pack.status === 'changed' && (
        <div className="small">{pack.changesSince === 1 ? '1 entry' : `${pack.changesSince} entries`} in or before the period since</div>
      )}
      {building}
    </>
  );
}

/**
 * The board as one form: a real table, a labelled checkbox per client (admins only: closing
 * the period is theirs), and one submit button that closes the period and builds the pack.
 */
export function CloseBoardForm(props: { period: string; rows: CloseBoardRow[] }) {
  const selectable = props.rows.filter((row) => row.role === 'admin');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const allSelected = selectable.length > 0 && selectable.every((row) => selected.has(row.organizationId));
  return (
    <ActionForm action={closeAndBuildAction.bind(null, props.period)} label="Close and build the pack">
      {(_state, pending) => (
        <>
          <div className="table-scroll">
            <table aria-label={`Clients for ${props.period}`} className="close-board">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      id="select-all-clients"
                      aria-label="Select every client shown"
                      checked={allSelected}
                      disabled={selectable.length === 0}
                      onChange={(event) =>
                        setSelected(event.target.checked ? new Set(selectable.map((row) => row.organizationId)) : new Set())
                      }
                    />
                  </th>
                  <th scope="col">Client</th>
                  <th scope="col">{props.period}</th>
                  <th scope="col">Earlier months open</th>
                  <th scope="col" className="num">
                    Entries in {props.period}
                  </th>
                  <th scope="col" className="num">
                    Postings since pack
                  </th>
                  <th scope="col">Pack</th>
                  <th scope="col">Readiness</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((row) => {
                  const id = `select-${row.organizationId}`;
                  const admin = row.role === 'admin';
                  return (
                    <tr key={row.organizationId}>
                      <td>
                        <input
                          type="checkbox"
                          id={id}
                          name="organizationIds"
                          value={row.organizationId}
                          checked={selected.has(row.organizationId)}
                          disabled={!admin}
                          onChange={(event) => toggle(row.organizationId, event.target.checked)}
                          aria-label={admin ? `Select ${row.name}` : `Select ${row.name} (closing needs the admin role)`}
                        />
                      </td>
                      <th scope="row">
                        <Link href={`/orgs/${row.organizationId}/periods?year=${props.period}`}>{row.name}</Link>
                        {!admin && <div className="muted small">{row.role}</div>}
                      </th>
                      <td>
                        <PeriodStatus row={row} />
                      </td>
                      <td>{row.earlierOpen.length === 0 ? <span className="muted">None</span> : row.earlierOpen.join(', ')}</td>
                      <td className="num">{row.entriesInPeriod}</td>
                      <td className="num">{row.pack.status === 'none' ? '—' : row.pack.postingsSince}</td>
                      <td>
                        <Pack row={row} />
                      </td>
                      <td>
                        {row.warnings.length === 0 ? (
                          <span className="badge ok">Ready</span>
                        ) : (
                          <ul className="warnings">
                            {row.warnings.map((warning) => (
                              <li key={warning.code + warning.message}>{warning.message}</li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <p className="actions-row">
            <button type="submit" disabled={pending}>
              {pending ? 'Starting…' : 'Close and build the pack'}
            </button>{' '}
            <span className="muted" aria-live="polite">
              {selected.size === 0 ? 'No client selected' : `${selected.size} selected`} — closes {props.period} in each and builds its four
              reports as a pack
            </span>
          </p>
        </>
      )}
    </ActionForm>
  );
}
