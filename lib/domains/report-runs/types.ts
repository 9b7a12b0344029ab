// What reading a run answers: its status, its organizations' snapshots, its figures.
import { REPORT_TYPES, type ReportType } from '../reports';

export type RunStatus = 'running' | 'completed' | 'completed_with_failures';
export type ItemStatus = 'pending' | 'done' | 'failed';

export interface SnapshotSummary {
  type: ReportType;
  title: string;
  status: ItemStatus;
  snapshotId: string | null;
  asOfSequence: number | null;
  pages: number | null;
  bytes: number | null;
  sha256: string | null;
  /** The ledger hash chain head the snapshot was built at. */
  ledgerHash: string | null;
  attempts: number;
  error: string | null;
  finishedAt: string | null;
}

export interface RunOrganizationProgress {
  organizationId: string;
  name: string;
  status: ItemStatus;
  error: string | null;
  /** A posting dated up to the period's end was made after this organization's snapshots were issued. */
  changedSinceIssued: boolean;
  snapshots: SnapshotSummary[];
}

export interface RunProgress {
  id: string;
  period: string;
  types: ReportType[];
  closePeriod: boolean;
  status: RunStatus;
  createdAt: string;
  createdBy: string | null;
  finishedAt: string | null;
  total: number;
  done: number;
  failed: number;
  pending: number;
  /** Snapshots per second over the last minute (null before the first one). */
  ratePerSecond: number | null;
  /** Seconds left at that rate (null when unknown or finished). */
  etaSeconds: number | null;
  /** Empty when asked for the figures only (`?organizations=false`). */
  organizations: RunOrganizationProgress[];
}

export interface RunSummary {
  id: string;
  period: string;
  status: RunStatus;
  organizationCount: number;
  types: ReportType[];
  total: number;
  done: number;
  failed: number;
  createdAt: string;
  finishedAt: string | null;
}

/** The run's report types, in the canonical order. */
export function reportTypes(values: readonly string[]): ReportType[] {
  return REPORT_TYPES.filter((type) => values.includes(type));
}
