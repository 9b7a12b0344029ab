'use client';

import { useState, type ReactNode } from 'react';

/**
 * Chart or table of the same figures: two toggle buttons (aria-pressed). The table is the
 * accessible, exact view; the chart is the default for a glance.
 */
export function ResultsView(props: { chart: ReactNode; table: ReactNode }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <>
      <div className="view-toggle" role="group" aria-label="Show the results as">
        <button type="button" className="secondary" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
          Chart
        </button>
        <button type="button" className="secondary" aria-pressed={view === 'table'} onClick={() => setView('table')}>
          Table view
        </button>
      </div>
      {view === 'chart' ? props.chart : props.table}
    </>
  );
}
