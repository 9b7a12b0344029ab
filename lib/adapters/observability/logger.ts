// Structured JSON logs (pino), one per process: `process` names it (web, worker), LOG_LEVEL
// sets the level (default info). Kept on globalThis for the same reason as the metrics
// (Next.js may load this module twice). CLI scripts keep their human output; only the
// long-running processes log through here.
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const holder = globalThis as unknown as { closebookLogger?: Logger };

export function logLevel(): string {
  const level = (process.env.LOG_LEVEL ?? 'info').toLowerCase();
  // graphile-worker's spelling, which LOG_LEVEL accepted before.
  if (level === 'warning') return 'warn';
  return LEVELS.has(level) ? level : 'info';
}

/** Sets up the process's logger (entry points call this first); later calls return it. */
export function initLogger(processName: string, destination?: pino.DestinationStream): Logger {
  holder.closebookLogger ??= pino(
    {
      level: logLevel(),
      base: { process: processName, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return holder.closebookLogger;
}

/** The process's logger; a process that did not call initLogger (a test, a script) gets one named after its entry file. */
export function logger(): Logger {
  return holder.closebookLogger ?? initLogger('closebook');
}
