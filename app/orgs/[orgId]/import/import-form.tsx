'use client';

import Link from 'next/link';
import { useState } from 'react';

interface Problem {
  row: number | null;
  entry: string | null;
  field: string;
  message: string;
}
interface Result {
  imported: boolean;
  entries: number;
  lines: number;
  problems: Problem[];
  firstSequence?: number;
  lastSequence?: number;
}
type Phase = { name: 'idle' } | { name: 'uploading'; percent: number; label: string } | { name: 'processing'; label: string };

/** XHR rather than fetch: it reports upload progress, which a 10,000-line file deserves. */
function send(
  url: string,
  file: File,
  onProgress: (percent: number) => void,
  onUploaded: () => void,
): Promise<{ status: number; problem: boolean; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('content-type', 'text/csv');
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(Math.round((event.loaded / event.total) * 100));
    request.upload.onload = onUploaded;
    // 201 imported, 200 a clean preview, 422 with a result listing the problems; an error
    // (bad file, no session) is application/problem+json.
    request.onload = () =>
      resolve({
        status: request.status,
        problem: request.status >= 400 && (request.getResponseHeader('content-type') ?? '').includes('problem+json'),
        body: JSON.parse(request.responseText || '{}') as unknown,
      });
    request.onerror = () => reject(new Error('The upload failed; check the connection and try again'));
    request.send(file);
  });
}

export function ImportForm(props: { organizationId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setError(null);
    if (dryRun) setResult(null);
    const label = dryRun ? 'Checking' : 'Importing';
    setPhase({ name: 'uploading', percent: 0, label });
    try {
      const { problem: failed, body } = await send(
        `/orgs/${props.organizationId}/import/upload?dryRun=${dryRun}`,
        file,
        (percent) => setPhase({ name: 'uploading', percent, label }),
        () => setPhase({ name: 'processing', label: dryRun ? 'Checking every row…' : 'Posting every entry in one transaction…' }),
      );
      if (failed) {
        const problem = body as { title?: string; errors?: { message: string }[] };
        setError([problem.title, ...(problem.errors ?? []).map((e) => e.message)].filter(Boolean).join(' — '));
      } else setResult(body as Result);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setPhase({ name: 'idle' });
    }
  };

  const busy = phase.name !== 'idle';
  return (
    <div>
      <div className="row">
        <div className="field">
          <label htmlFor="csv-file">CSV file</label>
          <input
            id="csv-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setResult(null);
              setError(null);
            }}
          />
        </div>
        <div className="field" style={{ flex: 0 }}>
          <button type="button" onClick={() => void run(true)} disabled={!file || busy}>
            Preview
          </button>
        </div>
      </div>
      {phase.name !== 'idle' && (
        <div role="status" aria-live="polite">
          <label htmlFor="import-progress">
            {phase.name === 'uploading' ? `${phase.label}: uploading ${phase.percent}%` : phase.label}
          </label>
          <progress
            id="import-progress"
            max={100}
            value={phase.name === 'uploading' ? phase.percent : undefined}
            style={{ width: '100%' }}
          />
        </div>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
      {result && result.imported && (
        <p className="notice" role="status">
          Imported {result.entries} entries ({result.lines} lines) as ledger sequences {result.firstSequence}–{result.lastSequence}.{' '}
          <Link href={`/orgs/${props.organizationId}/entries`}>See the entries</Link>
        </p>
      )}
      {result && !result.imported && (
        <>
          <p role="status">
            {result.entries} entries, {result.lines} lines:{' '}
            {result.problems.length === 0 ? (
              <strong className="balanced">no problems</strong>
            ) : (
              <strong className="out-of-balance">{result.problems.length} problem(s); nothing was imported</strong>
            )}
          </p>
          {result.problems.length > 0 && (
            <table aria-label="Problems">
              <thead>
                <tr>
                  <th className="num">Row</th>
                  <th>Entry</th>
                  <th>Field</th>
                  <th>Problem</th>
                </tr>
              </thead>
              <tbody>
                {result.problems.slice(0, 500).map((problem, index) => (
                  <tr key={index}>
                    <td className="num">{problem.row ?? ''}</td>
                    <td>{problem.entry ?? ''}</td>
                    <td>{problem.field}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.problems.length === 0 && (
            <button type="button" onClick={() => void run(false)} disabled={busy}>
              Import {result.entries} entries
            </button>
          )}
        </>
      )}
    </div>
  );
}
