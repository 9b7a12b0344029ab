import { MongoClient } from 'mongodb';
import { startWireCompatibleServer } from '../lib/adapters/infra/embedded-mongo';
import { longGeneralLedgerInputs } from '../lib/domains/reports/projections/fixtures';
import { buildGeneralLedger } from '../lib/domains/reports/projections/general-ledger';
import { saveReportIfNewer, findReport, findReportHeader } from '../lib/domains/reports/store';
import { reportObjectId } from '../lib/domains/reports/ids';
import { reportTable } from '../lib/domains/reports/table';
import { createPdfRenderer } from '../lib/adapters/pdf/render-pool';
async function main() {

const mongo = await startWireCompatibleServer();
const client = await MongoClient.connect(mongo.uri);
const db = client.db('probe');
const doc = buildGeneralLedger(longGeneralLedgerInputs(45000));
const t = (label: string, start: number) => console.log(label, (performance.now() - start).toFixed(1), 'ms');
let s = performance.now();
await saveReportIfNewer(db, doc);
t('save', s);
const id = reportObjectId(doc.organizationId, doc.type, doc.period);
for (let i = 0; i < 3; i++) {
  s = performance.now(); await findReportHeader(db, id); t('header', s);
  s = performance.now(); const found = await findReport(db, id); t('findReport', s);
  s = performance.now(); structuredClone(found); t('structuredClone', s);
  s = performance.now(); reportTable(found!); t('reportTable', s);
}
const pool = createPdfRenderer({ threads: 1 });
await pool.render(buildGeneralLedger(longGeneralLedgerInputs(20)));
for (let i = 0; i < 2; i++) {
  s = performance.now();
  let first = 0;
  const found = await findReport(db, id);
  t('findReport', s);
  await pool.renderPdfStream(found!, {}, () => { if (!first) { first = performance.now(); t('first chunk', s); } });
  t('whole', s);
}
await pool.close(); await client.close(); await mongo.stop();

}
void main();
