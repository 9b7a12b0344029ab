'use client';

import { ActionForm, fieldError } from '@/app/components/action-form';
import { startRunAction } from './actions';

interface Option {
  id: string;
  name: string;
  role: string;
}

const TYPES = [
  ['trial-balance', 'Trial balance'],
  ['balance-sheet', 'Balance sheet'],
  ['income-statement', 'Income statement'],
  ['general-ledger', 'General ledger'],
] as const;

/** Period, organizations (all ticked), report types (all ticked), optionally close the period first. */
export function NewRunForm(props: { organizations: Option[]; defaultPeriod: string }) {
  return (
    <ActionForm action={startRunAction} label="Start a report run">
      {(state, pending) => {
        // After a refused submission, the choices as submitted; before, the defaults.
        const chosen = (name: 'organizationIds' | 'types') => (state.values ? new Set(state.values[name]?.split(',')) : null);
        const organizations = chosen('organizationIds');
        const types = chosen('types');
        return (
          <>
            <div className="field">
              <label htmlFor="run-period">Period</label>
              <input
                id="run-period"
                name="period"
                type="month"
                defaultValue={state.values?.period ?? props.defaultPeriod}
                aria-invalid={Boolean(fieldError(state, 'period'))}
                required
              />
              {fieldError(state, 'period') && <div className="error">{fieldError(state, 'period')}</div>}
            </div>
            <fieldset className="field">
              <legend>Organizations</legend>
              <div className="checkbox-grid">
                {props.organizations.map((organization) => (
                  <label key={organization.id}>
                    <input
                      type="checkbox"
                      name="organizationIds"
                      value={organization.id}
                      defaultChecked={organizations ? organizations.has(organization.id) : organization.role !== 'viewer'}
                      disabled={organization.role === 'viewer'}
                    />{' '}
                    {organization.name}
                    {organization.role === 'viewer' && <span className="muted"> (you are a viewer here)</span>}
                  </label>
                ))}
              </div>
              {fieldError(state, 'organizationIds') && <div className="error">{fieldError(state, 'organizationIds')}</div>}
            </fieldset>
            <fieldset className="field">
              <legend>Reports</legend>
              <div className="checkbox-grid">
                {TYPES.map(([type, title]) => (
                  <label key={type}>
                    <input type="checkbox" name="types" value={type} defaultChecked={types ? types.has(type) : true} /> {title}
                  </label>
                ))}
              </div>
              {fieldError(state, 'types') && <div className="error">{fieldError(state, 'types')}</div>}
            </fieldset>
            <div className="field">
              <label>
                <input type="checkbox" name="closePeriod" defaultChecked={state.values?.closePeriod === 'on'} /> Close the period in each
                organization first (admins only)
              </label>
              {fieldError(state, 'closePeriod') && <div className="error">{fieldError(state, 'closePeriod')}</div>}
            </div>
            <button type="submit" disabled={pending}>
              {pending ? 'Starting…' : 'Start run'}
            </button>
          </>
        );
      }}
    </ActionForm>
  );
}
