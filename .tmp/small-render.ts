import { HISTORY, inputsFor } from '../lib/domains/reports/projections/fixtures';
import { buildReport } from '../lib/domains/reports/commands/rebuild-report';
import { renderReportFile } from '../lib/adapters/pdf/render-file';
import { REPORT_TYPES } from '../lib/domains/reports/types';
async function main() {
  const inputs = { ...inputsFor({ history: HISTORY, period: '2026-02', fiscalYearStartMonth: 1 }), lines: [] };
  for (const format of ['pdf', 'csv', 'xlsx'] as const) {
    for (const type of REPORT_TYPES) {
      const doc = buildReport(type, inputs as never);
      for (let i = 0; i < 5; i++) await renderReportFile(doc, format);
      const n = 30; const s = performance.now();
      for (let i = 0; i < n; i++) await renderReportFile(doc, format);
      console.log(format, type, ((performance.now() - s) / n).toFixed(2), 'ms');
    }
  }
}
void main();
