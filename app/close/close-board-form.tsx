'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
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
  // Uncontrolled checkboxes: a box ticked before the page has hydrated stays ticked (a
  // controlled one would be reset by hydration). The count and "select all" follow the DOM.
  const table = useRef<HTMLDivElement>(null);
  const selectAll = useRef<HTMLInputElement>(null);
  const [count, setCount] = useState(0);
  const boxes = () => [...(table.current?.querySelectorAll<HTMLInputElement>('input[name="organizationIds"]:not(:disabled)') ?? [])];
  const recount = () => {
    const all = boxes();
    const checked = all.filter((box) => box.checked).length;
    setCount(checked);
    if (selectAll.current) selectAll.current.checked = all.length > 0 && checked === all.length;
  };
  useEffect(recount, []);
  return (
    <ActionForm action={closeAndBuildAction.bind(null, props.period)} label="Close and build the pack">
      {(_state, pending) => (
        <>
          <div className="table-scroll" ref={table} onChange={recount}>
            <table aria-label={`Clients for ${props.period}`} className="close-board">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      ref={selectAll}
                      type="checkbox"
                      id="select-all-clients"
                      aria-label="Select every client shown"
                      disabled={selectable.length === 0}
                      onChange={(event) => {
                        for (const box of boxes()) box.checked = event.target.checked;
                      }}
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
                          disabled={!admin}
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
              {count === 0 ? 'No client selected' : `${count} selected`} — closes {props.period} in each and builds its four reports as a
              pack
            </span>
          </p>
        </>
      )}
    </ActionForm>
  );
}
