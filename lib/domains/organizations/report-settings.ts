// An organization's report settings (number format, default paper): read by every member,
// changed by admins. The reports read them through reports/presentation.ts.
import { z } from 'zod';
import { requirePermission, type Actor } from '../auth/access';
import type { PrismaClient } from '../../adapters/db/prisma';
import { NUMBER_FORMATS } from '../money/money';
import { parseInput } from '../../validation';

export const reportSettingsInput = z.object({
  numberFormat: z.enum(NUMBER_FORMATS, { error: 'Choose a number format' }),
  paperSize: z.enum(['A4', 'LETTER'], { error: 'Choose A4 or Letter' }),
});
export type ReportSettings = z.infer<typeof reportSettingsInput>;

export async function getReportSettings(options: { prisma: PrismaClient; actor: Actor; organizationId: string }): Promise<ReportSettings> {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const row = await options.prisma.organization.findUniqueOrThrow({
    where: { id: options.organizationId },
    select: { numberFormat: true, paperSize: true },
  });
  return parseInput(reportSettingsInput, row);
}

/** Admins only. The database trigger tells every web process to drop its cached copy on commit. */
export async function updateReportSettings(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  input: unknown;
}): Promise<ReportSettings> {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'manage-settings');
  const input = parseInput(reportSettingsInput, options.input);
  await options.prisma.organization.update({ where: { id: options.organizationId }, data: input });
  return input;
}
