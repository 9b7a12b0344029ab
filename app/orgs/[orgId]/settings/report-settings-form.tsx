'use client';

import { startTransition, useActionState } from 'react';
import { updateReportSettingsAction } from '../actions';

export interface NumberFormatChoice {
  value: string;
  label: string;
}

/**
 * The admin's report settings. Submitted through onSubmit rather than the form's `action`
 * prop: React resets a form after an `action` submission, which would show the old choice
 * again next to "Saved." (a select's default is the value it was rendered with).
 */
export function ReportSettingsForm(props: {
  organizationId: string;
  settings: { numberFormat: string; paperSize: string };
  choices: NumberFormatChoice[];
}) {
  const [state, dispatch, pending] = useActionState(updateReportSettingsAction.bind(null, props.organizationId), {});
  return (
    <form
      aria-label="Report settings"
      className="row"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => dispatch(data));
      }}
    >
      <div className="field" style={{ maxWidth: 260 }}>
        <label htmlFor="settings-number-format">Number format</label>
        <select id="settings-number-format" name="numberFormat" defaultValue={props.settings.numberFormat}>
          {props.choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field" style={{ maxWidth: 200 }}>
        <label htmlFor="settings-paper">Paper for PDFs</label>
        <select id="settings-paper" name="paperSize" defaultValue={props.settings.paperSize}>
          <option value="A4">A4</option>
          <option value="LETTER">US Letter</option>
        </select>
      </div>
      <div className="field" style={{ flex: 0 }}>
        <button type="submit" disabled={pending}>
          Save
        </button>
      </div>
      {state.ok === true && !pending && (
        <p role="status" className="muted">
          Saved.
        </p>
      )}
      {state.ok === false && state.message && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
