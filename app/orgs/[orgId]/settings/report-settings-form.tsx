'use client';

import { useState } from 'react';
import { ActionForm } from '@/app/components/action-form';
import { updateReportSettingsAction } from '../actions';

export interface NumberFormatChoice {
  value: string;
  label: string;
}

export function ReportSettingsForm(props: {
  organizationId: string;
  settings: { numberFormat: string; paperSize: string };
  choices: NumberFormatChoice[];
}) {
  // Controlled: React resets a form after its action, and the saved choice must stay shown.
  const [numberFormat, setNumberFormat] = useState(props.settings.numberFormat);
  const [paperSize, setPaperSize] = useState(props.settings.paperSize);
  return (
    <ActionForm action={updateReportSettingsAction.bind(null, props.organizationId)} label="Report settings" className="row">
      {(state, pending) => (
        <>
          <div className="field" style={{ maxWidth: 260 }}>
            <label htmlFor="settings-number-format">Number format</label>
            <select
              id="settings-number-format"
              name="numberFormat"
              value={numberFormat}
              onChange={(event) => setNumberFormat(event.target.value)}
            >
              {props.choices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field" style={{ maxWidth: 200 }}>
            <label htmlFor="settings-paper">Paper for PDFs</label>
            <select id="settings-paper" name="paperSize" value={paperSize} onChange={(event) => setPaperSize(event.target.value)}>
              <option value="A4">A4</option>
              <option value="LETTER">US Letter</option>
            </select>
          </div>
          <div className="field" style={{ flex: 0 }}>
            <button type="submit" disabled={pending}>
              Save
            </button>
          </div>
          {state.ok === true && (
            <p role="status" className="muted">
              Saved.
            </p>
          )}
        </>
      )}
    </ActionForm>
  );
}
