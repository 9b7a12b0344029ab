import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { parseInput } from '../../../validation';
import { closeThroughInput } from '../commands/close-periods-through';
import { openMonthsThrough } from './open-periods';

export interface CloseThroughPreview {
  through: string;
  /** The open months "close through" would close, oldest first. */
  months: string[];
  /** Journal entries dated in those months: what the close locks. */
  entries: number;
}

/** What "close through <month>" would lock, for the confirmation the admin sees first. */
export async function previewCloseThrough(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  input: unknown;
}): Promise<CloseThroughPreview> {
  const { prisma, actor, organizationId } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-periods');
  const { through } = parseInput(closeThroughInput, options.input);
  const months = (await openMonthsThrough(prisma, [organizationId], through, { includeThrough: true })).get(organizationId) ?? [];
  const entries = months.length === 0 ? 0 : await prisma.journalEntry.count({ where: { organizationId, period: { in: months } } });
  return { through, months, entries };
}
