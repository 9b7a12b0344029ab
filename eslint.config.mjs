// Type-aware lint: floating promises and unsafe `any` are errors (STYLE.md §11), and the
// layers of ARCHITECTURE.md are rules (eslint-plugin-boundaries, `layers` below).
import path from 'node:path';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

// The layers of ARCHITECTURE.md (eslint-plugin-boundaries). Every file of the
// project is an element of one kind; an import is allowed only when a policy below allows
// it (default: disallow). tests/lint/layers.test.ts proves that a violation is reported.
//
//   app/ (pages, routes)  ─▶ domain use cases, adapters/http, adapters/web, errors
//   domains/*             ─▶ other domains as listed, adapters db/queue/cache/pdf, errors…
//   adapters/*            ─▶ vendors; domain vocabulary only where listed (with the reason)
//   money ─▶ nothing; accounting kernel ─▶ money, errors

const domain = (name, extra = {}) => ({ type: 'domain', captured: { name }, ...extra });
const adapter = (name, extra = {}) => ({ type: 'adapter', captured: { name }, ...extra });
/** lib/'s own files: `context.ts`, or the shared basics (`errors.ts`, `validation.ts`, `config.ts`). */
const core = (name) => ({ type: 'lib', fileInternalPath: `${name}.ts` });
const CONTEXT = { type: 'lib', fileInternalPath: 'context.ts' };
const anyOf = (...selectors) => selectors.map((selector) => ({ to: { element: selector } }));

/** Vendors whose clients only adapters (and the processes that wire them) may touch. */
const DATABASE_DRIVERS = ['@prisma/*', 'prisma', 'mongodb', 'pg', 'graphile-worker'];

export const layers = {
  files: ['**/*.ts', '**/*.tsx'],
  plugins: { boundaries },
  settings: {
    'boundaries/root-path': ROOT,
    'import/resolver': { [path.join(ROOT, 'tests/lint/resolve-alias.cjs')]: {} },
    'boundaries/elements': [
      { type: 'domain', pattern: 'lib/domains/*', partialMatch: false, capture: ['name'] },
      { type: 'adapter', pattern: 'lib/adapters/*', partialMatch: false, capture: ['name'] },
      // lib/'s own files: context.ts (the composition root), errors, validation, config.
      { type: 'lib', pattern: 'lib', partialMatch: false },
      { type: 'app', pattern: 'app', partialMatch: false },
      // The processes: each wires adapters and use cases together.
      { type: 'process', pattern: '{web,workers,scripts}', partialMatch: false },
      { type: 'tests', pattern: 'tests', partialMatch: false },
    ],
    'boundaries/files': [{ category: 'test', pattern: '**/*.test.ts' }],
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        // Imports of packages are checked too (checkAllOrigins), so that the database drivers
        // can be kept out of app/ and pdf; imports inside one element are free.
        checkAllOrigins: true,
        policies: [
          // Packages and Node built-ins: allowed unless a policy below says otherwise.
          { allow: { to: { module: { origin: ['external', 'core'] } } } },
          // Processes and tests may import anything of the project.
          {
            from: { element: { types: ['process', 'tests'] } },
            allow: { to: { element: { types: ['process', 'tests', 'app', 'domain', 'adapter', 'lib'] } } },
          },

          // lib/'s own files: errors, validation and config import only each other; the
          // composition root (context.ts) builds every adapter a process needs.
          { from: { element: { type: 'lib' } }, allow: { to: { element: core('{errors,validation,config}') } } },
          { from: { element: CONTEXT }, allow: { to: { element: { type: 'adapter' } } } },

          // app/: thin adapters — a use case of a domain, the HTTP helpers, the web process's
          // context and session; never a database adapter or driver, never a domain's storage.
          {
            from: { element: { type: 'app' } },
            allow: anyOf({ type: 'app' }, { type: 'domain' }, adapter('{http,web}'), core('{errors,validation}')),
          },
          {
            from: { element: { type: 'app' } },
            disallow: [
              { to: { element: { type: 'domain', fileInternalPath: ['**/*store.ts', '**/*-transaction.ts', 'commands/write-entry.ts'] } } },
              { to: { module: { origin: 'external', source: DATABASE_DRIVERS } } },
            ],
          },

          // Domains: use cases and their rules. Any domain may use the errors, validation and
          // config, the database, the queue and the caches.
          {
            from: { element: { type: 'domain' } },
            allow: anyOf(
              core('{errors,validation,config}'),
              domain(['{{ from.captured.name }}', 'money', 'accounting', 'auth']),
              adapter('{db,queue,cache}'),
            ),
          },
          // money is the leaf: it imports nothing of the project.
          {
            from: { element: domain('money') },
            disallow: [{ to: { element: { types: ['domain', 'adapter', 'lib', 'app'] } } }, { to: { module: { origin: 'external' } } }],
          },
          // The accounting kernel (periods, fiscal years, the ledger window, account types):
          // money and the error type only, so both sides can share it.
          {
            from: { element: domain('accounting') },
            disallow: { to: { element: { types: ['domain', 'adapter', 'lib', 'app'] } } },
          },
          { from: { element: domain('accounting') }, allow: anyOf(domain('{accounting,money}'), core('errors')) },
          // The write side (ledger) and the read side (reports) never import each other.
          { from: { element: domain('ledger') }, disallow: { to: { element: domain('reports') } } },
          { from: { element: domain('reports') }, disallow: { to: { element: domain('ledger') } } },
          // The read side renders through the PDF adapter (the renderer, its version in ETags).
          { from: { element: domain('reports') }, allow: { to: { element: adapter('pdf') } } },
          // Report runs: the reports domain through its public surface only; the ledger's
          // period close (a run may close the period) and its open-months query (the
          // month-end board); the PDF renderer.
          {
            from: { element: domain('report-runs') },
            allow: anyOf(
              domain('reports', { fileInternalPath: 'index.ts' }),
              domain('ledger', { fileInternalPath: ['commands/**', 'queries/open-periods.ts'] }),
              adapter('pdf'),
            ),
          },
          // Organizations (members) and demo data.
          { from: { element: domain('organizations') }, allow: { to: { element: domain('auth') } } },
          // The first-run setup creates the first organization with the ledger's own command
          // (its chart of accounts, its first ledger event): that one file, nothing else.
          {
            from: { element: domain('organizations') },
            allow: { to: { element: domain('ledger', { fileInternalPath: 'commands/create-organization.ts' }) } },
          },
          { from: { element: domain('demo') }, allow: { to: { element: domain('{ledger,organizations}') } } },

          // Adapters: each to its vendor. Those below also need other parts, for the reason given.
          { from: { element: { type: 'adapter' } }, allow: anyOf(adapter('{{ from.captured.name }}'), core('{errors,config}')) },
          // Metrics, logs and the request context are every adapter's (prom-client, pino,
          // AsyncLocalStorage); observability itself imports no other part of the project.
          { from: { element: { type: 'adapter' } }, allow: { to: { element: adapter('observability') } } },
          // The queue's payloads name periods and report types (a job is "rebuild report T of P").
          {
            from: { element: adapter('queue') },
            allow: anyOf(adapter('db'), domain('accounting'), domain('reports', { fileInternalPath: 'types.ts' })),
          },
          // Migrations run graphile-worker's own migration with the queue's logger.
          { from: { element: adapter('db') }, allow: { to: { element: adapter('queue') } } },
          // The caches hold what the domains define (a role, a report header): types only.
          {
            from: { element: adapter('cache') },
            allow: [{ to: { element: adapter('db') } }, { to: { element: { type: 'domain' } }, dependency: { kind: 'type' } }],
          },
          // pdf lays out a finished document: the report model (documents, table, exports), no I/O.
          {
            from: { element: adapter('pdf') },
            allow: anyOf(
              domain('reports', { fileInternalPath: ['documents/**', 'table.ts', 'types.ts', 'exports/**', 'changes.ts'] }),
              domain('{money,accounting}'),
            ),
          },
          {
            from: { element: adapter('pdf') },
            disallow: [
              { to: { element: adapter('{db,queue,cache,web,http,infra}') } },
              { to: { element: CONTEXT } },
              { to: { module: { origin: 'external', source: DATABASE_DRIVERS } } },
            ],
          },
          // http and web are the driving adapters: they call use cases with the process's context.
          {
            from: { element: adapter('{http,web}') },
            allow: anyOf({ type: 'domain' }, adapter('{http,web,cache,pdf}'), CONTEXT, core('validation')),
          },
          // infra starts the embedded servers and the stack, seeds the demo, rebuilds the read side.
          {
            from: { element: adapter('infra') },
            allow: anyOf(adapter('db'), domain('{demo,reports}')),
          },

          // Last, so that it wins: a unit test (next to the code) may use any fixture of the
          // project and any package (vitest); the file it tests is still bound by the above.
          {
            from: { file: { categories: 'test' } },
            allow: [{ to: { element: { types: ['domain', 'adapter', 'lib'] } } }, { to: { module: { origin: ['external', 'core'] } } }],
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.next/',
      'lib/adapters/db/generated/',
      'test-results/',
      'playwright-report/',
      'next-env.d.ts',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money is never a float: use lib/domains/money.' },
        {
          selector: "MemberExpression[object.name='Number'][property.name='parseFloat']",
          message: 'Money is never a float: use lib/domains/money.',
        },
      ],
    },
  },
  layers,
);
