'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { formatMinor, isAmount, parseAmount } from '@/lib/domains/money/money';
import { postEntryAction } from './actions';

interface Line {
  key: number;
  accountCode: string;
  debit: string;
  credit: string;
  description: string;
}

const emptyLine = (key: number): Line => ({ key, accountCode: '', debit: '', credit: '', description: '' });

/** Exact totals in the browser too: BigInt minor units, never floats. */
function total(lines: Line[], side: 'debit' | 'credit'): bigint {
  return lines.reduce((sum, line) => (isAmount(line[side]) ? sum + parseAmount(line[side]) : sum), 0n);
}

export function EntryForm(props: { organizationId: string; accounts: { code: string; name: string }[]; today: string }) {
  const router = useRouter();
  const [date, setDate] = useState(props.today);
  const [memo, setMemo] = useState('');
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<Line[]>([emptyLine(1), emptyLine(2)]);
  const [nextKey, setNextKey] = useState(3);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [idempotencyKey] = useState(() => crypto.randomUUID());

  const debits = useMemo(() => total(lines, 'debit'), [lines]);
  const credits = useMemo(() => total(lines, 'credit'), [lines]);
  const difference = debits > credits ? debits - credits : credits - debits;

  const update = (key: number, patch: Partial<Line>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  const focusKey = useRef<number | null>(null);
  useEffect(() => {
    if (focusKey.current === null) return;
    document.getElementById(`line-${focusKey.current}-account`)?.focus();
    focusKey.current = null;
  }, [lines]);
  const addLine = () => {
    focusKey.current = nextKey;
    setLines((current) => [...current, emptyLine(nextKey)]);
    setNextKey((key) => key + 1);
  };
  const removeLine = (key: number) =>
    setLines((current) => {
      if (current.length <= 2) return current;
      const index = current.findIndex((line) => line.key === key);
      focusKey.current = current[index + 1]?.key ?? current[index - 1]?.key ?? null;
      return current.filter((line) => line.key !== key);
    });
  const formRef = useRef<HTMLFormElement>(null);
  // Keyboard: Alt+N adds a line, Alt+Backspace removes the line with the focus, Ctrl+Enter posts.
  const onKeyDown = (event: React.KeyboardEvent<HTMLFormElement>) => {
    if (event.altKey && (event.key === 'n' || event.key === 'N')) {
      event.preventDefault();
      addLine();
    } else if (event.altKey && event.key === 'Backspace') {
      const key = Number((event.target as HTMLElement).closest('tr')?.dataset.lineKey);
      if (Number.isInteger(key)) {
        event.preventDefault();
        removeLine(key);
      }
    } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      formRef.current?.requestSubmit();
    }
  };

  // "1100 Accounts receivable" (picked from the list), "1100" or an exact account name.
  const resolveCode = (text: string): string => {
    const typed = text.trim();
    const byName = props.accounts.find((account) => account.name.toLowerCase() === typed.toLowerCase());
    return byName?.code ?? typed.split(' ')[0] ?? '';
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    setErrors({});
    const input = {
      date,
      memo,
      reference: reference || undefined,
      lines: lines.map((line) => ({
        accountCode: resolveCode(line.accountCode),
        debit: line.debit || undefined,
        credit: line.credit || undefined,
        description: line.description || undefined,
      })),
    };
    startTransition(async () => {
      const result = await postEntryAction(props.organizationId, input, idempotencyKey);
      if (result.ok) {
        router.push(`/orgs/${props.organizationId}/entries/${result.id}?posted=1`);
        return;
      }
      setMessage(result.message);
      setErrors(Object.fromEntries(result.fieldErrors.map((error) => [error.field, error.message])));
    });
  };

  const fieldError = (field: string) =>
    errors[field] ? (
      <div className="error" id={`${field}-error`}>
        {errors[field]}
      </div>
    ) : null;

  return (
    <form ref={formRef} onSubmit={submit} onKeyDown={onKeyDown} aria-label="Journal entry" noValidate>
      {message && (
        <p className="alert" role="alert">
          {message}
        </p>
      )}
      <div className="row">
        <div className="field" style={{ maxWidth: 170 }}>
          <label htmlFor="entry-date">Date</label>
          <input
            id="entry-date"
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            aria-invalid={Boolean(errors.date)}
            aria-describedby="date-error"
            required
          />
          {fieldError('date')}
        </div>
        <div className="field">
          <label htmlFor="entry-memo">Memo</label>
          <input
            id="entry-memo"
            value={memo}
            onChange={(e) => setMemo(e.target.value)}
            aria-invalid={Boolean(errors.memo)}
            aria-describedby="memo-error"
            required
          />
          {fieldError('memo')}
        </div>
        <div className="field" style={{ maxWidth: 180 }}>
          <label htmlFor="entry-reference">Reference</label>
          <input id="entry-reference" value={reference} onChange={(e) => setReference(e.target.value)} />
        </div>
      </div>
      <datalist id="account-options">
        {props.accounts.map((account) => (
          <option key={account.code} value={`${account.code} ${account.name}`} />
        ))}
      </datalist>
      <table>
        <thead>
          <tr>
            <th style={{ width: '34%' }}>Account</th>
            <th className="num" style={{ width: '15%' }}>
              Debit
            </th>
            <th className="num" style={{ width: '15%' }}>
              Credit
            </th>
            <th>Description</th>
            <th aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {lines.map((line, index) => (
            <tr key={line.key} data-line-key={line.key}>
              <td>
                <input
                  id={`line-${line.key}-account`}
                  aria-label={`Line ${index + 1} account`}
                  list="account-options"
                  value={line.accountCode}
                  onChange={(e) => update(line.key, { accountCode: e.target.value })}
                  aria-invalid={Boolean(errors[`lines.${index}.accountCode`])}
                />
                {fieldError(`lines.${index}.accountCode`)}
                {fieldError(`lines.${index}`)}
              </td>
              {(['debit', 'credit'] as const).map((side) => (
                <td className="num" key={side}>
                  <input
                    aria-label={`Line ${index + 1} ${side}`}
                    inputMode="decimal"
                    style={{ textAlign: 'right' }}
                    value={line[side]}
                    onChange={(e) => update(line.key, { [side]: e.target.value })}
                    aria-invalid={Boolean(errors[`lines.${index}.${side}`])}
                  />
                  {fieldError(`lines.${index}.${side}`)}
                </td>
              ))}
              <td>
                <input
                  aria-label={`Line ${index + 1} description`}
                  value={line.description}
                  onChange={(e) => update(line.key, { description: e.target.value })}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => removeLine(line.key)}
                  aria-label={`Remove line ${index + 1}`}
                  disabled={lines.length <= 2}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
          <tr className="totals">
            <td>Totals</td>
            <td className="num" data-testid="total-debit">
              {formatMinor(debits)}
            </td>
            <td className="num" data-testid="total-credit">
              {formatMinor(credits)}
            </td>
            <td colSpan={2}>
              {difference === 0n ? (
                <span className="balanced">Balanced</span>
              ) : (
                <span className="out-of-balance" role="status">
                  Out of balance by {formatMinor(difference)}
                </span>
              )}
            </td>
          </tr>
        </tbody>
      </table>
      {fieldError('lines')}
      <div className="row" style={{ marginTop: 12 }}>
        <button type="button" className="secondary" onClick={addLine}>
          Add line
        </button>
        <button type="submit" disabled={pending}>
          {pending ? 'Posting…' : 'Post entry'}
        </button>
      </div>
    </form>
  );
}
