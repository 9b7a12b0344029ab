import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(__dirname) };

// tests/ci-self-test holds a test that fails on purpose; it runs only when its checker
// (tests/ci-self-test/check.sh) asks for it, and then alone.
const selfTest = process.env.CLOSEBOOK_CI_SELF_TEST === '1';

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'workers/**/*.test.ts', 'tests/lint/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: selfTest ? ['tests/ci-self-test/*.int.test.ts'] : ['tests/integration/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own databases. `npm run test:integration` still runs the files
          // one after another (--no-file-parallelism): the in-process Mongo test double was
          // seen to misbehave under concurrent load from several files.
          pool: 'forks',
        },
      },
    ],
  },
});
