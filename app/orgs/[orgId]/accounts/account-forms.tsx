'use client';

import { useEffect, useRef, useState } from 'react';
import { ActionForm, fieldError, TextField } from '@/app/components/action-form';
import { createAccountAction, updateAccountAction } from '../actions';

export function CreateAccountForm(props: { organizationId: string }) {
  return (
    <ActionForm action={createAccountAction.bind(null, props.organizationId)} label="New account" className="row">
      {(state, pending) => (
        <>
          <TextField state={state} id="account-code" name="code" label="Code" defaultValue={state.values?.code} style={{ maxWidth: 140 }} />
          <TextField state={state} id="account-name" name="name" label="Name" defaultValue={state.values?.name} style={{ flex: 2 }} />
          <div className="field" style={{ maxWidth: 180 }}>
            <label htmlFor="account-type">Type</label>
            <select id="account-type" name="type" defaultValue={state.values?.type ?? 'expense'}>
              <option value="asset">Asset</option>
              <option value="liability">Liability</option>
              <option value="equity">Equity</option>
              <option value="revenue">Revenue</option>
              <option value="expense">Expense</option>
            </select>
          </div>
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

interface Account {
  id: string;
  code: string;
  name: string;
  isActive: boolean;
  isRetainedEarnings: boolean;
  postings: number;
}

type RowMode = 'idle' | 'menu' | 'rename' | 'delete';

/**
 * One account: its figures, and behind an "Actions" button (a disclosure, not 27 open
 * inputs) rename, deactivate / reactivate and delete. Delete asks once more; rename opens
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
