import { Logger, type LogLevel } from 'graphile-worker';
import { logger } from '../observability/logger';

const ORDER: Record<string, number> = { debug: 0, info: 1, warning: 2, error: 3 };

/**
 * graphile-worker's logger, into the process's JSON log (lib/adapters/observability/logger.ts),
 * filtered to a minimum level (LOG_LEVEL overrides). Its per-job "completed" lines go out at
 * debug: the worker writes its own line per job (workers/instrument.ts).
 */
export function queueLogger(minimum: 'debug' | 'info' | 'warning' | 'error' = 'info'): Logger {
  const threshold = ORDER[process.env.LOG_LEVEL ?? minimum] ?? ORDER.info ?? 1;
  return new Logger((scope) => (level: LogLevel, message: string) => {
    const order = ORDER[level] ?? 1;
    if (order < threshold) return;
    const fields = {
      component: 'queue',
      ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
      ...(scope.jobId ? { jobId: scope.jobId } : {}),
    };
    const log = logger();
    if (order >= 3) log.error(fields, message);
    else if (order === 2) log.warn(fields, message);
    else log.debug(fields, message);
  });
}
