'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';
import { resolveAccountCode, type AccountChoice } from '@/lib/domains/ledger/account-search';
import {
  formatAmountInput,
  formatMinor,
  numberFormatExample,
  readAmountInput,
  type AmountInput,
  type Minor,
  type NumberFormat,
} from '@/lib/domains/money/money';
import { AccountCombobox } from './account-combobox';
import { postEntryAction } from './actions';

type Side = 'debit' | 'credit';
const SIDES: readonly Side[] = ['debit', 'credit'];

interface Line {
  key: number;
  accountCode: string;
  debit: string;
  credit: string;
  description: string;
}

const emptyLine = (key: number): Line => ({ key, accountCode: '', debit: '', credit: '', description: '' });
const fieldId = (key: number, field: 'account' | Side) => `line-${key}-${field}`;

/**
 * Exact totals in the browser too: BigInt minor units, never floats. An amount that cannot be
 * read is not left out quietly: the side's total is unknown and the form names the field.
 */
function totalOf(readings: AmountInput[]): Minor | null {
  let sum = 0n;
  for (const reading of readings) {
    if (reading.status === 'invalid') return null;
    if (reading.status === 'valid') sum += reading.minor;
  }
  return sum;
}

/** What the server is sent for an amount field: the exact decimal, or the text itself for the use case to refuse. */
function wireAmount(text: string, reading: AmountInput): string | undefined {
  if (reading.status === 'blank') return undefined;
  return reading.status === 'valid' ? formatMinor(reading.minor) : text;
}

export function EntryForm(props: { organizationId: string; accounts: AccountChoice[]; today: string; numberFormat: NumberFormat }) {
  const { numberFormat } = props;
  const router = useRouter();
  const [date, setDate] = useState(props.today);
  const [memo, setMemo] = useState('');
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<Line[]>([emptyLine(1), emptyLine(2)]);
  const [nextKey, setNextKey] = useState(3);
  const [activeKey, setActiveKey] = useState<number | null>(null);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set()); // amount fields the user has left: their errors show
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [posted, setPosted] = useState<{ id: string; sequence: number } | null>(null);
  const [pending, startTransition] = useTransition();
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const formRef = useRef<HTMLFormElement>(null);
  const postAndNewRef = useRef<HTMLButtonElement>(null);

  const readings = lines.map((line) => ({
    debit: readAmountInput(line.debit, numberFormat),
    credit: readAmountInput(line.credit, numberFormat),
  }));
  const debits = totalOf(readings.map((reading) => reading.debit));
  const credits = totalOf(readings.map((reading) => reading.credit));
  const unreadable = lines.flatMap((line, index) =>
    SIDES.filter((side) => readings[index]?.[side].status === 'invalid').map((side) => `Line ${index + 1} ${side}`),
  );
  const difference = debits !== null && credits !== null ? debits - credits : null;

  // The amount that balances the entry, offered on the line being edited (or the last line)
  // when both of its amounts are still empty.
  const isOpen = (line: Line) => line.debit.trim() === '' && line.credit.trim() === '';
  const activeLine = lines.find((line) => line.key === activeKey);
  const lastLine = lines[lines.length - 1];
  const target = activeLine && isOpen(activeLine) ? activeLine : lastLine && isOpen(lastLine) ? lastLine : undefined;
  const balancing: { key: number; side: Side; minor: Minor } | null =
    difference !== null && difference !== 0n && target
      ? { key: target.key, side: difference > 0n ? 'credit' : 'debit', minor: difference > 0n ? difference : -difference }
      : null;

  const update = (key: number, patch: Partial<Line>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...patch } : line)));
  const focusId = useRef<string | null>(null);
  useEffect(() => {
    if (focusId.current === null) return;
    document.getElementById(focusId.current)?.focus();
    focusId.current = null;
  }, [lines]);
  const addLine = () => {
    focusId.current = fieldId(nextKey, 'account');
    setLines((current) => [...current, emptyLine(nextKey)]);
    setNextKey((key) => key + 1);
  };
  const removeLine = (key: number) =>
    setLines((current) => {
      if (current.length <= 2) return current;
      const index = current.findIndex((line) => line.key === key);
      const neighbour = current[index + 1]?.key ?? current[index - 1]?.key;
      focusId.current = neighbour === undefined ? null : fieldId(neighbour, 'account');
      return current.filter((line) => line.key !== key);
    });
  const fillBalance = () => {
    if (!balancing) return;
    focusId.current = fieldId(balancing.key, balancing.side);
    update(balancing.key, { [balancing.side]: formatAmountInput(balancing.minor, numberFormat) });
  };

  // Shortcuts that mean the same on macOS (Cmd) as elsewhere (Ctrl); Alt+letter types
  // characters with macOS's Option key, so none is used.
  const onKeyDown = (event: React.KeyboardEvent<HTMLFormElement>) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      formRef.current?.requestSubmit(event.shiftKey ? postAndNewRef.current : null);
    }
  };

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const andNew = (event.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'new';
    setMessage(null);
    setPosted(null);
    setErrors({});
    const input = {
      date,
      memo,
      reference: reference || undefined,
      lines: lines.map((line, index) => ({
        accountCode: resolveAccountCode(props.accounts, line.accountCode),
        debit: wireAmount(line.debit, readings[index]?.debit ?? { status: 'blank' }),
        credit: wireAmount(line.credit, readings[index]?.credit ?? { status: 'blank' }),
        description: line.description || undefined,
      })),
    };
    startTransition(async () => {
      // The same use case as the API decides; the checks above only help while typing.
      const result = await postEntryAction(props.organizationId, input, idempotencyKey);
      if (!result.ok) {
        setMessage(result.message);
        setErrors(Object.fromEntries(result.fieldErrors.map((error) => [error.field, error.message])));
        return;
      }
      if (!andNew) {
        router.push(`/orgs/${props.organizationId}/entries/${result.id}?posted=1`);
        return;
      }
      // Post & new: a fresh entry on the same date, with a new idempotency key (the old one
      // now names the entry just posted).
      setPosted({ id: result.id, sequence: result.sequence });
      setMemo('');
      setReference('');
      setLeft(new Set());
      setActiveKey(null);
      setLines([emptyLine(nextKey), emptyLine(nextKey + 1)]);
      setNextKey((key) => key + 2);
      setIdempotencyKey(crypto.randomUUID());
      document.getElementById('entry-memo')?.focus();
    });
  };

  const fieldError = (field: string, text = errors[field]) =>
    text ? (
      <div className="error" id={`${field}-error`}>
        {text}
      </div>
    ) : null;

  return (
    <form ref={formRef} onSubmit={submit} onKeyDown={onKeyDown} aria-label="Journal entry" noValidate>
      {message && (
        <p className="alert" role="alert">
          {message}
        </p>
      )}
      {posted && (
        <p className="notice" role="status">
          Entry posted as ledger sequence {posted.sequence}.{' '}
          <Link href={`/orgs/${props.organizationId}/entries/${posted.id}`}>View the entry</Link>
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
      <table className="entry-lines">
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
            <tr key={line.key} data-line-key={line.key} onFocus={() => setActiveKey(line.key)}>
              <td>
                <AccountCombobox
                  id={fieldId(line.key, 'account')}
                  label={`Line ${index + 1} account`}
                  accounts={props.accounts}
                  value={line.accountCode}
                  onChange={(accountCode) => update(line.key, { accountCode })}
                  invalid={Boolean(errors[`lines.${index}.accountCode`])}
                  describedBy={`lines.${index}.accountCode-error`}
                />
                {fieldError(`lines.${index}.accountCode`)}
                {fieldError(`lines.${index}`)}
              </td>
              {SIDES.map((side) => {
                const field = `lines.${index}.${side}`;
                const unread = readings[index]?.[side].status === 'invalid' && left.has(fieldId(line.key, side));
                const offered = balancing?.key === line.key && balancing.side === side;
                return (
                  <td className="num" key={side}>
                    <input
                      id={fieldId(line.key, side)}
                      aria-label={`Line ${index + 1} ${side}`}
                      inputMode="decimal"
                      autoComplete="off"
                      style={{ textAlign: 'right' }}
                      value={line[side]}
                      placeholder={offered ? formatAmountInput(balancing.minor, numberFormat) : undefined}
                      onChange={(e) => update(line.key, { [side]: e.target.value })}
                      onKeyDown={(e) => {
                        // "=" in an empty amount of an empty line: the amount that balances the entry.
                        if (e.key === '=' && balancing?.key === line.key) {
                          e.preventDefault();
                          fillBalance();
                        }
                      }}
                      onBlur={(e) => {
                        const reading = readAmountInput(e.target.value, numberFormat);
                        if (reading.status === 'valid') update(line.key, { [side]: formatAmountInput(reading.minor, numberFormat) });
                        setLeft((current) => new Set(current).add(fieldId(line.key, side)));
                      }}
                      aria-invalid={unread || Boolean(errors[field])}
                      aria-describedby={`${field}-error`}
                    />
                    {fieldError(field, unread ? `Not an amount: write it like ${numberFormatExample(numberFormat)}` : errors[field])}
                  </td>
                );
              })}
              <td>
                <input
                  aria-label={`Line ${index + 1} description`}
                  value={line.description}
                  onChange={(e) => update(line.key, { description: e.target.value })}
                  onKeyDown={(e) => {
                    // Tab past the last line's last field adds a line, unless that line is still
                    // empty: then Tab leaves the lines for the buttons.
                    const filled = line.accountCode.trim() !== '' || !isOpen(line);
                    if (e.key === 'Tab' && !e.shiftKey && index === lines.length - 1 && filled) {
                      e.preventDefault();
                      addLine();
                    }
                  }}
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
              {debits === null ? '—' : formatAmountInput(debits, numberFormat)}
            </td>
            <td className="num" data-testid="total-credit">
              {credits === null ? '—' : formatAmountInput(credits, numberFormat)}
            </td>
            <td colSpan={2}>
              <span role="status" className={difference === 0n ? 'balanced' : 'out-of-balance'}>
                {difference === null
                  ? `Not totalled: ${unreadable.join(', ')} ${unreadable.length === 1 ? 'is not an amount' : 'are not amounts'}`
                  : difference === 0n
                    ? 'Balanced'
                    : `Out of balance by ${formatAmountInput(difference > 0n ? difference : -difference, numberFormat)}`}
              </span>
              {balancing && (
                <button type="button" className="secondary balance" onClick={fillBalance}>
                  Balance: {balancing.side} {formatAmountInput(balancing.minor, numberFormat)} on line{' '}
                  {lines.findIndex((line) => line.key === balancing.key) + 1}
                </button>
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
        <button type="submit" name="then" value="view" disabled={pending}>
          {pending ? 'Posting…' : 'Post entry'}
        </button>
        <button type="submit" name="then" value="new" className="secondary" ref={postAndNewRef} disabled={pending}>
          Post &amp; new
        </button>
      </div>
    </form>
  );
}
