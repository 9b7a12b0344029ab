// The demo data of the embedded default: a login, two client companies and a realistic
// year of bookkeeping, posted through the same commands as the UI and the API (so their
// reports are built by the workers like any other). Never run against a configured
// DATABASE_URL.
import type { Actor } from '../auth/access';
import { createUser } from '../auth/users';
import type { PrismaClient } from '../../adapters/db/prisma';
import { closePeriod } from '../ledger/commands/close-period';
import { createOrganization } from '../ledger/commands/create-organization';
import { postJournalEntry } from '../ledger/commands/post-journal-entry';
import { addMonths, daysInMonth, periodOfInstant, periodRange } from '../accounting/periods';
import { formatMinor } from '../money/money';
import { seededRandom as random } from './random';

export const DEMO_EMAIL = 'demo@closebook.local';
export const DEMO_PASSWORD = 'closebook';

export interface DemoEntry {
  date: string;
  memo: string;
  reference?: string;
  lines: { accountCode: string; debit?: string; credit?: string }[];
}

/** Amounts in minor units are drawn as integers, so no float ever becomes money. */
function amount(next: () => number, minMajor: number, maxMajor: number): string {
  const minor = BigInt(Math.floor(minMajor * 100 + next() * (maxMajor - minMajor) * 100));
  return formatMinor(minor);
}

function pair(date: string, memo: string, debitCode: string, creditCode: string, value: string, reference?: string): DemoEntry {
  return {
    date,
    memo,
    reference,
    lines: [
      { accountCode: debitCode, debit: value },
      { accountCode: creditCode, credit: value },
    ],
  };
}

export function demoYear(now: Date, seed: number, scale = 1): DemoEntry[] {
  const next = random(seed);
  const current = periodOfInstant(now);
  const today = now.toISOString().slice(0, 10);
  const first = addMonths(current, -11);
  const entries: DemoEntry[] = [];
  let invoice = 1000;
  for (const period of periodRange(first, current)) {
    const [year, month] = period.split('-').map(Number) as [number, number];
    const lastDay = daysInMonth(year, month);
    const day = (d: number) => `${period}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
    if (period === first) {
      entries.push(pair(day(1), 'Share capital paid in', '1000', '3000', formatMinor(5_000_000n * BigInt(scale))));
      entries.push(pair(day(2), 'Bank loan drawn', '1000', '2500', formatMinor(2_000_000n * BigInt(scale))));
      entries.push(pair(day(3), 'Office equipment purchased', '1500', '1000', '12000.00'));
    }
    entries.push(pair(day(1), 'Office rent', '6100', '1000', formatMinor(250_000n * BigInt(scale)), `RENT-${period}`));
    for (let i = 0; i < 8 * scale; i++) {
      invoice += 1;
      const d = day(2 + Math.floor(next() * 26));
      const net = amount(next, 1500, 6000);
      entries.push(pair(d, `Invoice ${invoice} – goods sold`, '1100', '4000', net, `INV-${invoice}`));
      // Customers pay 2–6 weeks later (receipts after today are dropped below: still owed).
      const paid = new Date(Date.parse(`${d}T00:00:00Z`) + (14 + Math.floor(next() * 28)) * 86_400_000).toISOString().slice(0, 10);
      entries.push(pair(paid, `Payment for invoice ${invoice}`, '1000', '1100', net, `INV-${invoice}`));
    }
    entries.push(pair(day(4), 'Inventory purchase', '1200', '2000', amount(next, 6000, 12000), `PO-${period}`));
    entries.push(pair(day(27), 'Cost of goods sold for the month', '5000', '1200', amount(next, 4000, 7000)));
    entries.push(pair(day(20), 'Supplier payment', '2000', '1000', amount(next, 5000, 9000)));
    entries.push({
      date: day(25),
      memo: 'Monthly payroll',
      reference: `PAY-${period}`,
      lines: [
        { accountCode: '6000', debit: '9850.00' },
        { accountCode: '2300', credit: '2150.00' },
        { accountCode: '1000', credit: '7700.00' },
      ],
    });
    entries.push(pair(day(10), 'Payroll taxes paid', '2300', '1000', '2150.00'));
    entries.push(pair(day(12), 'Electricity and water', '6200', '1000', amount(next, 180, 420)));
    entries.push(pair(day(15), 'Office supplies', '6300', '1010', amount(next, 20, 140)));
    entries.push(pair(day(28), 'Bank charges', '6600', '1000', amount(next, 12, 35)));
    entries.push(pair(day(28), 'Loan interest', '6900', '1000', '133.33'));
    entries.push(pair(day(28), 'Depreciation of equipment', '6500', '1510', '200.00'));
    if (month % 3 === 0) entries.push(pair(day(18), 'Accounting and audit fees', '6400', '2200', amount(next, 900, 1500)));
    entries.push(pair(day(6), 'Petty cash top-up', '1010', '1000', '150.00'));
  }
  return entries.filter((entry) => entry.date <= today).sort((a, b) => a.date.localeCompare(b.date));
}

/** The entries as an import file (lib/domains/ledger/import/journal-csv.ts): bulk seeding for tests and benchmarks. */
export function demoJournalCsv(entries: readonly DemoEntry[]): string {
  const quote = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const rows = ['entry,date,memo,reference,account,debit,credit,description'];
  entries.forEach((entry, index) => {
    for (const line of entry.lines) {
      rows.push(
        [String(index + 1), entry.date, entry.memo, entry.reference ?? '', line.accountCode, line.debit ?? '', line.credit ?? '', '']
          .map(quote)
          .join(','),
      );
    }
  });
  return rows.join('\n');
}

export async function seedDemo(options: { prisma: PrismaClient; now: Date; log?: (line: string) => void }): Promise<{ created: boolean }> {
  const { prisma, now } = options;
  const log = options.log ?? (() => undefined);
  if (await prisma.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } })) return { created: false };
  const user = await createUser({ prisma, email: DEMO_EMAIL, name: 'Demo Accountant', password: DEMO_PASSWORD });
  const actor: Actor = { userId: user.id };
  const companies = [
    { name: 'Northwind Trading Ltd', baseCurrency: 'GBP', fiscalYearStartMonth: 1, seed: 7 },
    { name: 'Łódź Sp. z o.o.', baseCurrency: 'PLN', fiscalYearStartMonth: 4, seed: 11 },
  ];
  for (const company of companies) {
    const { id } = await createOrganization({ prisma, actor, input: company, now });
    const entries = demoYear(now, company.seed);
    for (const entry of entries) {
      await postJournalEntry({ prisma, actor, organizationId: id, input: entry, now });
    }
    // Months before the previous one are closed, as a firm would have done.
    const current = periodOfInstant(now);
    for (const period of periodRange(addMonths(current, -11), addMonths(current, -2))) {
      await closePeriod({ prisma, actor, organizationId: id, period, now });
    }
    log(`seeded ${company.name}: ${entries.length} entries`);
  }
  return { created: true };
}
