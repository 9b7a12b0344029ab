'use client';

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
