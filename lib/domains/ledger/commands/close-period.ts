import type { PrismaClient } from '../../../adapters/db/prisma';
import type { Actor } from '../../auth/access';
import { changePeriodStatus, type PeriodStatusResult } from './change-period-status';

/** Closes a period: no entry dated inside it can be posted until it is reopened. */
export function closePeriod(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  period: string;
  /** `{reason?}`: why (the body of the API call, validated here after the tenancy check). */
  input?: unknown;
  now: Date;
}): Promise<PeriodStatusResult> {
  return changePeriodStatus({ ...options, status: 'closed' });
}
