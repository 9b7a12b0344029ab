// The shared start of every operator script (reports:verify, reports:rebuild, report-run):
// find the app's servers (lib/adapters/infra/runtime-file.ts), build the AppContext, run, exit.
import { appContextOptionsFromEnv, closeAppContext, createAppContext, type AppContext } from '../lib/context';
import { isAppError } from '../lib/errors';
import { applyRuntimeEnv } from '../lib/adapters/infra/runtime-file';

/**
 * Runs an operator script against the app's servers: resolves them (above), builds the
 * process's AppContext, hands it over, closes it at the end and exits with the code `main`
 * returns (2 on an error, printed as code: message for domain errors).
 */
export function runOperatorScript(main: (context: AppContext) => Promise<number>): void {
  const run = async () => {
    applyRuntimeEnv();
    const context = createAppContext(appContextOptionsFromEnv());
    try {
      return await main(context);
    } finally {
      await closeAppContext(context);
    }
  };
  run().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(
        isAppError(error)
          ? `${error.code}: ${error.message}${error.fieldErrors.map((field) => `\n  ${field.field}: ${field.message}`).join('')}`
          : error,
      );
      process.exit(2);
    },
  );
}
