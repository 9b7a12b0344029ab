// The layer rules of eslint.config.mjs report what they forbid, and let through what they
// allow: each case lints one import line as if it were written in the named file.
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
let eslint: ESLint;

beforeAll(async () => {
  const { layers } = (await import(path.join(ROOT, 'eslint.config.mjs'))) as { layers: Linter.Config };
  eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    // No type information is needed for import rules: the plain TypeScript parser will do.
    overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser } }, layers],
  });
}, 30_000);

async function layerErrors(file: string, importLine: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${importLine}\nexport const used = [x];\n`, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'boundaries/dependencies').map((message) => message.message);
}

describe('layer rules', () => {
  it.each([
    [
      'the read side imports the write side',
      'lib/domains/reports/queries/x.ts',
      "import { appendLedgerEvent as x } from '../../ledger/commands/ledger-transaction';",
    ],
    ['app/ imports the database adapter', 'app/orgs/x.ts', "import { Prisma as x } from '@/lib/adapters/db/prisma';"],
    ['app/ imports a database driver', 'app/orgs/x.ts', "import { MongoClient as x } from 'mongodb';"],
    ["app/ imports a domain's storage", 'app/orgs/x.ts', "import { findReport as x } from '@/lib/domains/reports/store';"],
    ['money imports the error type', 'lib/domains/money/x.ts', "import { AppError as x } from '../../errors';"],
    ['the accounting kernel imports the ledger', 'lib/domains/accounting/x.ts', "import { checkEntryLines as x } from '../ledger/rules';"],
    ['pdf imports the process context', 'lib/adapters/pdf/x.ts', "import { createAppContext as x } from '../../context';"],
    ['pdf imports the read store', 'lib/adapters/pdf/x.ts', "import { findReport as x } from '../../domains/reports/store';"],
    ['report runs reach behind the reports surface', 'lib/domains/report-runs/x.ts', "import { findReport as x } from '../reports/store';"],
  ])('reports %s', async (_case, file, importLine) => {
    expect(await layerErrors(file, importLine)).toHaveLength(1);
  });

  it.each([
    ['app/ calls a use case', 'app/orgs/x.ts', "import { postJournalEntry as x } from '@/lib/domains/ledger/commands/post-journal-entry';"],
    [
      'the read side uses the accounting kernel',
      'lib/domains/reports/x.ts',
      "import { fiscalYearStart as x } from '../accounting/periods';",
    ],
    ['report runs use the reports surface', 'lib/domains/report-runs/x.ts', "import { buildReport as x } from '../reports';"],
    ['pdf lays out a report document', 'lib/adapters/pdf/x.ts', "import { reportTable as x } from '../../domains/reports/table';"],
  ])('allows %s', async (_case, file, importLine) => {
    expect(await layerErrors(file, importLine)).toEqual([]);
  });
});
