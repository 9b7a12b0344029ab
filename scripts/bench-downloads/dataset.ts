// The benchmark's data, set up through the real API: one big organization (≥ 1M journal
// lines by default, imported as CSV files of ≤ 50,000 lines), many small ones, and three
// users (the owner of everything, a non-member, a token probe with an organization of
// its own). Recorded in <data dir>/bench-downloads.json, so a later run with the same
// --data-dir and the same shape skips all of it.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createUser } from '../../lib/domains/auth/users';
import type { PrismaClient } from '../../lib/adapters/db/prisma';
import { MAX_IMPORT_LINES } from '../../lib/domains/ledger/import/journal-csv';
import { addMonths, periodOfInstant } from '../../lib/domains/accounting/periods';
import { Api, forEachLimited, issueToken } from './api';
import type { BenchOptions } from './options';

export interface Dataset {
  shape: { bigLines: number; bigMonths: number; smallOrgs: number; months: number; smallEntries: number };
  /** The month the data ends in (entries are dated in the months up to it). */
  lastPeriod: string;
  password: string;
  owner: string;
  outsider: string;
  probe: string;
  bigOrg: string;
  bigPeriods: string[];
  smallOrgs: string[];
  smallPeriods: string[];
  probeOrg: string;
  lines: number;
  setupSeconds: number;
}

const FILE = 'bench-downloads.json';
const PASSWORD = 'benchmark password';
/** [debit account, credit account] of the generated entries (codes of the default chart). */
const PAIRS: [string, string][] = [
  ['1100', '4000'],
  ['1000', '1100'],
  ['5000', '1000'],
  ['6000', '1000'],
  ['6100', '2000'],
  ['2000', '1000'],
  ['1200', '2000'],
  ['1100', '4100'],
  ['6200', '1000'],
  ['6400', '2000'],
];

function shapeOf(options: BenchOptions): Dataset['shape'] {
  const { bigLines, bigMonths, smallOrgs, months, smallEntries } = options;
  return { bigLines, bigMonths, smallOrgs, months, smallEntries };
}

export async function loadDataset(dataDir: string, options: BenchOptions): Promise<Dataset | null> {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) return null;
  const dataset = JSON.parse(await readFile(file, 'utf8')) as Dataset;
  if (JSON.stringify(dataset.shape) !== JSON.stringify(shapeOf(options))) {
    throw new Error(
      `${file} holds a data set of another shape (${JSON.stringify(dataset.shape)}); use another --data-dir or the same flags`,
    );
  }
  return dataset;
}

/** Two-line entries, dated evenly over `periods`, as CSV files of at most 50,000 lines. */
export function* journalCsvChunks(entries: number, periods: readonly string[], seed: number): Generator<string> {
  const perFile = Math.floor(MAX_IMPORT_LINES / 2);
  for (let first = 0; first < entries; first += perFile) {
    const rows = ['entry,date,memo,reference,account,debit,credit'];
    for (let i = first; i < Math.min(entries, first + perFile); i++) {
      const period = periods[Math.floor((i * periods.length) / entries)] ?? periods[0];
      const day = String(1 + ((i * 13 + seed) % 28)).padStart(2, '0');
      const cents = 100 + ((i * 7919 + seed * 104_729) % 2_500_000);
      const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
      const [debit, credit] = PAIRS[(i + seed) % PAIRS.length] ?? ['1100', '4000'];
      const key = String(i - first + 1);
      const head = `${key},${period}-${day},Benchmark entry ${i + 1},B-${seed}-${i + 1}`;
      rows.push(`${head},${debit},${amount},`, `${head},${credit},,${amount}`);
    }
    yield rows.join('\n');
  }
}

const periodsEndingAt = (last: string, count: number) => Array.from({ length: count }, (_, i) => addMonths(last, i - count + 1));

export async function setUpDataset(options: {
  base: string;
  prisma: PrismaClient;
  dataDir: string;
  bench: BenchOptions;
  log: (line: string) => void;
}): Promise<Dataset> {
  const { base, prisma, bench, log } = options;
  const started = performance.now();
  const stamp = Date.now().toString(36);
  const emails = { owner: `owner-${stamp}@bench.local`, outsider: `outsider-${stamp}@bench.local`, probe: `probe-${stamp}@bench.local` };
  for (const [role, email] of Object.entries(emails)) await createUser({ prisma, email, name: `Benchmark ${role}`, password: PASSWORD });
  const owner = new Api(base, await issueToken(base, emails.owner, PASSWORD));
  const createOrg = async (api: Api, name: string) =>
    (await api.expect<{ id: string }>(201, 'POST', '/organizations', { json: { name, baseCurrency: 'EUR' } })).id;

  const lastPeriod = periodOfInstant(new Date());
  const bigPeriods = periodsEndingAt(lastPeriod, bench.bigMonths);
  const smallPeriods = periodsEndingAt(lastPeriod, bench.months);
  const bigOrg = await createOrg(owner, 'Big Ledger Holdings Ltd');
  const smallOrgs: string[] = [];
  for (let i = 0; i < bench.smallOrgs; i++) smallOrgs.push(await createOrg(owner, `Small Client ${String(i + 1).padStart(3, '0')} Ltd`));
  const probe = new Api(base, await issueToken(base, emails.probe, PASSWORD));
  const probeOrg = await createOrg(probe, 'Token Probe Ltd');

  let lines = 0;
  const importCsv = async (org: string, csv: string) => {
    const result = await owner.expect<{ lines: number }>(201, 'POST', `/organizations/${org}/journal-entries/import`, { csv });
    lines += result.lines;
  };
  const bigEntries = Math.ceil(bench.bigLines / 2);
  const bigFiles = Math.ceil(bigEntries / Math.floor(MAX_IMPORT_LINES / 2));
  const big = (async () => {
    let file = 0;
    for (const csv of journalCsvChunks(bigEntries, bigPeriods, 1)) {
      await importCsv(bigOrg, csv);
      file += 1;
      log(`big organization: file ${file}/${bigFiles} imported (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  })();
  const small = forEachLimited(smallOrgs, 2, async (org, index) => {
    for (const csv of journalCsvChunks(bench.smallEntries * bench.months, smallPeriods, index + 2)) await importCsv(org, csv);
    if ((index + 1) % 50 === 0) log(`${index + 1}/${smallOrgs.length} small organizations imported`);
  });
  await Promise.all([big, small]);

  const dataset: Dataset = {
    shape: shapeOf(bench),
    lastPeriod,
    password: PASSWORD,
    ...emails,
    bigOrg,
    bigPeriods,
    smallOrgs,
    smallPeriods,
    probeOrg,
    lines,
    setupSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  await writeFile(path.join(options.dataDir, FILE), JSON.stringify(dataset, null, 2));
  log(`data set: ${lines} journal lines in ${dataset.setupSeconds} s`);
  return dataset;
}
