'use client';

import { useEffect, useRef, useState } from 'react';
import { ActionForm, fieldError, TextField } from '@/app/components/action-form';
import {
  ACCOUNT_SUBTYPES,
  ACCOUNT_TYPES,
  DEFAULT_SUBTYPE,
  SUBTYPE_LABELS,
  type AccountSubtype,
  type AccountType,
} from '@/lib/domains/accounting/account-types';
import { createAccountAction, updateAccountAction } from '../actions';

export function CreateAccountForm(props: { organizationId: string }) {
  return (
    <ActionForm action={createAccountAction.bind(null, props.organizationId)} label="New account" className="row">
      {(state, pending) => (
        <>
          <TextField state={state} id="account-code" name="code" label="Code" defaultValue={state.values?.code} style={{ maxWidth: 140 }} />
          <TextField state={state} id="account-name" name="name" label="Name" defaultValue={state.values?.name} style={{ flex: 2 }} />
          <TypeAndSubtypeFields state={state} />
          <div className="field" style={{ flex: 0 }}>
            <button type="submit" disabled={pending}>
              {pending ? 'Creating…' : 'Create account'}
            </button>
          </div>
          {state.ok && (
            <p className="notice" role="status" style={{ flexBasis: '100%' }}>
              Account created.
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}

const TYPE_LABELS: Record<AccountType, string> = {
  asset: 'Asset',
  liability: 'Liability',
  equity: 'Equity',
  revenue: 'Revenue',
  expense: 'Expense',
};

/** Type and sub-type: the sub-type list follows the chosen type and starts at its default. */
function TypeAndSubtypeFields(props: { state: Parameters<typeof fieldError>[0] }) {
  const { state } = props;
  const initial = (ACCOUNT_TYPES as readonly string[]).includes(state.values?.type ?? '') ? (state.values?.type as AccountType) : 'expense';
  const [type, setType] = useState<AccountType>(initial);
  // After a successful create the form resets its fields: the type must follow, or the
  // sub-type list would stay on the last type while the Type field shows the first one.
  const typeField = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    const form = typeField.current?.form;
    if (!form) return undefined;
    const reset = () => setType(initial);
    form.addEventListener('reset', reset);
    return () => form.removeEventListener('reset', reset);
  }, [initial]);
  const chosen = state.values?.subtype;
  const subtypes: readonly AccountSubtype[] = ACCOUNT_SUBTYPES[type];
  const subtypeError = fieldError(state, 'subtype');
  return (
    <>
      <div className="field" style={{ maxWidth: 180 }}>
        <label htmlFor="account-type">Type</label>
        <select
          ref={typeField}
          id="account-type"
          name="type"
          defaultValue={initial}
          onChange={(event) => setType(event.target.value as AccountType)}
        >
          {ACCOUNT_TYPES.map((value) => (
            <option key={value} value={value}>
              {TYPE_LABELS[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="field" style={{ maxWidth: 260 }}>
        <label htmlFor="account-subtype">Sub-type</label>
        <select
          id="account-subtype"
          name="subtype"
          key={type}
          defaultValue={chosen && (subtypes as readonly string[]).includes(chosen) ? chosen : DEFAULT_SUBTYPE[type]}
          aria-invalid={Boolean(subtypeError)}
        >
          {subtypes.map((value) => (
            <option key={value} value={value}>
              {SUBTYPE_LABELS[value]}
            </option>
          ))}
        </select>
        {subtypeError && <div className="error">{subtypeError}</div>}
      </div>
    </>
  );
}

interface Account {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  subtype: string;
  isActive: boolean;
  isRetainedEarnings: boolean;
  postings: number;
}

type RowMode = 'idle' | 'menu' | 'rename' | 'subtype' | 'delete';

/**
 * One account: its figures, and behind an "Actions" button (a disclosure, not 27 open
 * inputs) rename, change sub-type, deactivate / reactivate and delete. Delete asks once more; rename opens
 * its own small form and closes when the name is saved.
 */
export function AccountRow(props: { organizationId: string; account: Account; canManage: boolean; balance: string }) {
  const { account } = props;
  const [mode, setMode] = useState<RowMode>('idle');
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setMode('idle');
    toggle.current?.focus();
  };
  const action = updateAccountAction.bind(null, props.organizationId, account.id);
  const deletable = account.postings === 0 && !account.isRetainedEarnings;
  return (
    <tr>
      <td>{account.code}</td>
      <td>
        {account.name}
        {account.isRetainedEarnings && <span className="muted"> (retained-earnings account)</span>}
      </td>
      <td>{SUBTYPE_LABELS[account.subtype as AccountSubtype] ?? account.subtype}</td>
      <td>{account.isActive ? 'Active' : <span className="badge pending">Inactive</span>}</td>
      <td className="num">{account.postings}</td>
      <td className="num">{props.balance}</td>
      {props.canManage && (
        <td className="actions">
          <button
            type="button"
            ref={toggle}
            className="secondary"
            aria-expanded={mode !== 'idle'}
            aria-label={`Actions for account ${account.code}`}
            onClick={() => setMode(mode === 'idle' ? 'menu' : 'idle')}
          >
            Actions {mode === 'idle' ? '▾' : '▴'}
          </button>
          {mode === 'menu' && (
            <ul className="row-menu">
              <li>
                <button type="button" className="secondary" onClick={() => setMode('rename')}>
                  Rename
                </button>
              </li>
              {ACCOUNT_SUBTYPES[account.type].length > 1 && (
                <li>
                  <button type="button" className="secondary" onClick={() => setMode('subtype')}>
                    Change sub-type
                  </button>
                </li>
              )}
              {!account.isRetainedEarnings && (
                <li>
                  <ActionForm
                    action={action}
                    label={`${account.isActive ? 'Deactivate' : 'Reactivate'} account ${account.code}`}
                    className="inline-form"
                  >
                    {(_state, pending) => (
                      <>
                        <input type="hidden" name="action" value={account.isActive ? 'deactivate' : 'reactivate'} />
                        <button type="submit" className="secondary" disabled={pending}>
                          {account.isActive ? 'Deactivate' : 'Reactivate'}
                        </button>
                      </>
                    )}
                  </ActionForm>
                </li>
              )}
              {deletable && (
                <li>
                  <button type="button" className="secondary" onClick={() => setMode('delete')}>
                    Delete…
                  </button>
                </li>
              )}
            </ul>
          )}
          {mode === 'rename' && (
            <ActionForm action={action} label={`Rename account ${account.code}`} className="inline-form row-panel">
              {(state, pending) => (
                <>
                  <input type="hidden" name="action" value="rename" />
                  <input
                    name="name"
                    defaultValue={account.name}
                    aria-label={`New name for account ${account.code}`}
                    size={22}
                    autoFocus
                    aria-invalid={Boolean(fieldError(state, 'name'))}
                  />
                  <button type="submit" disabled={pending}>
                    Save
                  </button>
                  <button type="button" className="secondary" onClick={close}>
                    Cancel
                  </button>
                  {fieldError(state, 'name') && <div className="error">{fieldError(state, 'name')}</div>}
                  <CloseWhenSaved ok={state.ok === true} onSaved={close} />
                </>
              )}
            </ActionForm>
          )}
          {mode === 'subtype' && (
            <ActionForm action={action} label={`Change the sub-type of account ${account.code}`} className="inline-form row-panel">
              {(state, pending) => (
                <>
                  <input type="hidden" name="action" value="set-subtype" />
                  <select
                    name="subtype"
                    defaultValue={account.subtype}
                    aria-label={`Sub-type of account ${account.code}`}
                    autoFocus
                    aria-invalid={Boolean(fieldError(state, 'subtype'))}
                  >
                    {ACCOUNT_SUBTYPES[account.type].map((value) => (
                      <option key={value} value={value}>
                        {SUBTYPE_LABELS[value]}
                      </option>
                    ))}
                  </select>
                  <button type="submit" disabled={pending}>
                    Save
                  </button>
                  <button type="button" className="secondary" onClick={close}>
                    Cancel
                  </button>
                  {fieldError(state, 'subtype') && <div className="error">{fieldError(state, 'subtype')}</div>}
                  <CloseWhenSaved ok={state.ok === true} onSaved={close} />
                </>
              )}
            </ActionForm>
          )}
          {mode === 'delete' && (
            <ActionForm action={action} label={`Delete account ${account.code}`} className="inline-form row-panel">
              {(_state, pending) => (
                <>
                  <input type="hidden" name="action" value="delete" />
                  <span>
                    Delete {account.code} {account.name}? It has no postings; this cannot be undone.
                  </span>
                  <button type="submit" className="danger" disabled={pending} autoFocus>
                    Yes, delete
                  </button>
                  <button type="button" className="secondary" onClick={close}>
                    Cancel
                  </button>
                </>
              )}
            </ActionForm>
          )}
        </td>
      )}
    </tr>
  );
}

/** Closes the rename form once the action reports success (the page has the new name by then). */
function CloseWhenSaved(props: { ok: boolean; onSaved: () => void }) {
  const { ok, onSaved } = props;
  useEffect(() => {
    if (ok) onSaved();
  }, [ok, onSaved]);
  return null;
}
