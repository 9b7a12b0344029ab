'use client';

import { useEffect, useState, useTransition } from 'react';
import type { RunProgress } from '@/lib/domains/report-runs/types';
import { retryRunAction } from '../actions';
import { RUN_STATUS_LABELS } from '../run-status';

const POLL_MS = 1000;
const FULL_REFRESH_MS = 3000;

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * The run's progress, live: asks the server every second while the run is going and
 * re-renders the bar, the figures and the table (no page reload). Failed organizations
 * are listed with their error and a Retry button.
 */
export function RunProgressView(props: { initial: RunProgress }) {
  const [progress, setProgress] = useState(props.initial);
  const [message, setMessage] = useState<string | null>(null);
  const [retrying, startRetry] = useTransition();
  const running = progress.status === 'running';

  useEffect(() => {
    if (!running) return;
    let stopped = false;
    let lastFullAt = Date.now();
    let lastFinished = props.initial.done + props.initial.failed;
    const load = async (figuresOnly: boolean) => {
      const response = await fetch(`/runs/${progress.id}/progress${figuresOnly ? '?organizations=false' : ''}`, { cache: 'no-store' });
      return response.ok ? ((await response.json()) as RunProgress) : null;
    };
    // Every second the figures (one small query); the organizations' table when something
    // finished, at most every 3 s, and once more at the end.
    const poll = async () => {
      try {
        const figures = await load(true);
        if (!figures || stopped) return;
        const finished = figures.done + figures.failed;
        if (figures.status !== 'running' || (finished !== lastFinished && Date.now() - lastFullAt > FULL_REFRESH_MS)) {
          const full = await load(false);
          if (!full || stopped) return;
          lastFullAt = Date.now();
          lastFinished = full.done + full.failed;
          setProgress(full);
        } else {
          setProgress((previous) => ({ ...figures, organizations: previous.organizations }));
        }
      } finally {
        if (!stopped) timer = setTimeout(() => void poll(), POLL_MS);
      }
    };
    let timer = setTimeout(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, progress.id, props.initial.done, props.initial.failed]);

  const retry = (organizationId: string | null) =>
    startRetry(async () => {
      const result = await retryRunAction(progress.id, organizationId);
      setMessage(result.message ?? null);
      const response = await fetch(`/runs/${progress.id}/progress`, { cache: 'no-store' });
      if (response.ok) setProgress((await response.json()) as RunProgress);
    });

  const finished = progress.done + progress.failed;
  const percent = progress.total === 0 ? 100 : Math.floor((finished / progress.total) * 100);
  return (
    <>
      <section className="panel" aria-label="Progress">
        <p>
          <strong data-testid="run-status">{RUN_STATUS_LABELS[progress.status]}</strong>
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label="Run progress"
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={finished}
          aria-valuetext={`${percent} %`}
        >
          <div className="progress-done" style={{ width: `${(progress.done / Math.max(progress.total, 1)) * 100}%` }} />
          <div className="progress-failed" style={{ width: `${(progress.failed / Math.max(progress.total, 1)) * 100}%` }} />
        </div>
        <p aria-live="polite" data-testid="run-figures">
          <strong>{percent} %</strong> · {progress.done} of {progress.total} snapshots done
          {progress.failed > 0 && <span className="error"> · {progress.failed} failed</span>}
          {progress.ratePerSecond !== null && running && <> · {progress.ratePerSecond.toFixed(1)} per second</>}
          {running && progress.etaSeconds !== null && progress.etaSeconds > 0 && <> · about {duration(progress.etaSeconds)} left</>}
        </p>
        <p>
          <a className="button" href={`/runs/${progress.id}/zip`} download>
            {running ? 'Download what is ready (ZIP)' : 'Download ZIP'}
          </a>
          {progress.failed > 0 && (
            <button type="button" className="secondary" onClick={() => retry(null)} disabled={retrying} style={{ marginLeft: '0.5rem' }}>
              Retry all failed
            </button>
          )}
        </p>
        {message && (
          <p className="notice" role="status">
            {message}
          </p>
        )}
      </section>
      <section className="panel">
        <h2>Organizations</h2>
        <table aria-label="Organizations in this run">
          <thead>
            <tr>
              <th>Organization</th>
              <th>Status</th>
              <th>Snapshots</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {progress.organizations.map((organization) => (
              <tr key={organization.organizationId}>
                <td>{organization.name}</td>
                <td>
                  <span className={`badge ${organization.status === 'done' ? 'ok' : organization.status === 'failed' ? 'bad' : 'pending'}`}>
                    {organization.status === 'done' ? 'Done' : organization.status === 'failed' ? 'Failed' : 'Waiting'}
                  </span>
                  {organization.changedSinceIssued && firstSnapshotId(organization) && (
                    <a
                      className="badge pending"
                      href={`/snapshots/${firstSnapshotId(organization)}`}
                      title="Postings dated in or before this period were made after these reports were issued"
                      style={{ marginLeft: '0.5rem' }}
                    >
                      Changed since issued
                    </a>
                  )}
                </td>
                <td>
                  {organization.snapshots.map((snapshot) =>
                    snapshot.snapshotId ? (
                      <a
                        key={snapshot.type}
                        href={`/snapshots/${snapshot.snapshotId}/pdf`}
                        title={`${snapshot.pages ?? '?'} page(s), ledger sequence ${snapshot.asOfSequence ?? '?'}`}
                        style={{ marginRight: '0.75rem' }}
                      >
                        {snapshot.title}
                      </a>
                    ) : null,
                  )}
                </td>
                <td>
                  {organization.error && <span className={organization.status === 'failed' ? 'error' : 'muted'}>{organization.error}</span>}
                  {organization.status === 'failed' && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => retry(organization.organizationId)}
                      disabled={retrying}
                      aria-label={`Retry ${organization.name}`}
                      style={{ marginLeft: '0.5rem' }}
                    >
                      Retry
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function firstSnapshotId(organization: RunProgress['organizations'][number]): string | null {
  return organization.snapshots.find((snapshot) => snapshot.snapshotId)?.snapshotId ?? null;
}
