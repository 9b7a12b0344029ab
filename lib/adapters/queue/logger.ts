import { Logger, type LogLevel } from 'graphile-worker';

const ORDER: Record<string, number> = { debug: 0, info: 1, warning: 2, error: 3 };

/** graphile-worker's logger, filtered to a minimum level (LOG_LEVEL overrides). */
export function queueLogger(minimum: 'debug' | 'info' | 'warning' | 'error' = 'info'): Logger {
  const threshold = ORDER[process.env.LOG_LEVEL ?? minimum] ?? ORDER.info ?? 1;
  return new Logger(() => (level: LogLevel, message: string) => {
    if ((ORDER[level] ?? 1) < threshold) return;
    const line = `[queue] ${level}: ${message}`;
    if ((ORDER[level] ?? 1) >= 2) console.error(line);
    else console.log(line);
  });
}
