import type { RunStatus } from '@/lib/domains/report-runs/types';

export const RUN_STATUS_LABELS: Record<RunStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  completed_with_failures: 'Completed with failures',
};
