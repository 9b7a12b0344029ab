// Baseline "compute on request", what the seed's original CRUD system did: per request,
// the trial balance is summed from the journal lines in SQL (GROUP BY account, via
// loadReportInputs(…, 'journal')), built and rendered to PDF with the real renderer, in
// this process. Run as a child process by bench-downloads with DATABASE_URL, BENCH_ORG
// and BENCH_PERIOD set. Prints "LISTENING <port>".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPrisma } from '../../lib/adapters/db/prisma';
import { renderReportPdfFile } from '../../lib/adapters/pdf/report-pdf';
import { buildReport, loadReportInputs } from '../../lib/domains/reports/commands/rebuild-report';

const prisma = createPrisma(process.env.DATABASE_URL ?? '', 10);
const target = { organizationId: process.env.BENCH_ORG ?? '', type: 'trial-balance' as const, period: process.env.BENCH_PERIOD ?? '' };

async function trialBalancePdf(): Promise<Buffer> {
  const inputs = await loadReportInputs(prisma, target, new Date(), 'journal');
  if (!inputs) throw new Error('organization not found');
  return (await renderReportPdfFile(buildReport('trial-balance', inputs))).bytes;
}

const server = http.createServer((_request, response) => {
  trialBalancePdf().then(
    (body) => response.writeHead(200, { 'content-type': 'application/pdf', 'content-length': body.length }).end(body),
    (error: unknown) => {
      console.error(error);
      response.writeHead(500).end();
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${(server.address() as AddressInfo).port}`));
process.on('SIGTERM', () => {
  server.close();
  void prisma.$disconnect().finally(() => process.exit(0));
});
