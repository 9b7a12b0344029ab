import { HISTORY, inputsFor } from '../lib/domains/reports/projections/fixtures';
import { buildReport } from '../lib/domains/reports/commands/rebuild-report';
import { renderReportFile } from '../lib/adapters/pdf/render-file';
async function main() {
  const inputs = { ...inputsFor({ history: HISTORY, period: '2026-02', fiscalYearStartMonth: 1 }), lines: [] };
  const doc = buildReport('trial-balance', inputs as never);
  for (let i = 0; i < 200; i++) await renderReportFile(doc, 'pdf');
}
void main();
