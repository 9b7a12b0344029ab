import type { PrismaClient } from '../../../adapters/db/prisma';
import type { Actor } from '../../auth/access';
import { changePeriodStatus, type PeriodStatusResult } from './change-period-status';

/** Reopens a closed period (audited as a ledger event with the actor). */
export function reopenPeriod(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  period: string;
  /** `{reason?}`: why (the body of the API call, validated here after the tenancy check). */
  input?: unknown;
  now: Date;
}): Promise<PeriodStatusResult> {
  return changePeriodStatus({ ...options, status: 'open' });
}
