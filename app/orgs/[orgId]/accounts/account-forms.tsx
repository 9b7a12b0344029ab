'use client';

import { ActionForm, fieldError } from '@/app/components/action-form';
import { createAccountAction, updateAccountAction } from '../actions';

export function CreateAccountForm(props: { organizationId: string }) {
  return (
    <ActionForm action={createAccountAction.bind(null, props.organizationId)} label="New account" className="row">
      {(state, pending) => (
        <>
          <div className="field" style={{ maxWidth: 140 }}>
            <label htmlFor="account-code">Code</label>
            <input id="account-code" name="code" defaultValue={state.values?.code} aria-invalid={Boolean(fieldError(state, 'code'))} />
            {fieldError(state, 'code') && <div className="error">{fieldError(state, 'code')}</div>}
          </div>
          <div className="field" style={{ flex: 2 }}>
            <label htmlFor="account-name">Name</label>
            <input id="account-name" name="name" defaultValue={state.values?.name} aria-invalid={Boolean(fieldError(state, 'name'))} />
            {fieldError(state, 'name') && <div className="error">{fieldError(state, 'name')}</div>}
          </div>
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

export function AccountRow(props: { organizationId: string; account: Account; canManage: boolean }) {
  const { account } = props;
  const action = updateAccountAction.bind(null, props.organizationId, account.id);
  return (
    <tr>
      <td>{account.code}</td>
      <td>
        {account.name}
        {account.isRetainedEarnings && <span className="muted"> (retained-earnings account)</span>}
      </td>
      <td>{account.isActive ? 'Active' : <span className="badge pending">Inactive</span>}</td>
      <td className="num">{account.postings}</td>
      {props.canManage && (
        <td className="actions">
          <ActionForm action={action} label={`Rename account ${account.code}`} className="inline-form">
            {(state, pending) => (
              <>
                <input type="hidden" name="action" value="rename" />
                <input
                  name="name"
                  defaultValue={account.name}
                  aria-label={`New name for account ${account.code}`}
                  size={22}
                  aria-invalid={Boolean(fieldError(state, 'name'))}
                />
                <button type="submit" className="secondary" disabled={pending}>
                  Rename
                </button>
              </>
            )}
          </ActionForm>{' '}
          {!account.isRetainedEarnings && (
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
          )}{' '}
          {account.postings === 0 && !account.isRetainedEarnings && (
            <ActionForm action={action} label={`Delete account ${account.code}`} className="inline-form">
              {(_state, pending) => (
                <>
                  <input type="hidden" name="action" value="delete" />
                  <button type="submit" className="secondary" disabled={pending}>
                    Delete
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
