import { fiscalYearStart, periodBounds } from '../../accounting/periods';
import { SCHEMA_VERSION, type ReportDocumentBase } from '../documents/base';
import { reportId } from '../ids';
import type { ReportType } from '../types';
import type { ReportInputs } from './inputs';

export function documentBase<T extends ReportType>(type: T, inputs: ReportInputs): ReportDocumentBase & { type: T } {
  const { start, end } = periodBounds(inputs.period);
  return {
    id: reportId(inputs.organization.id, type, inputs.period),
    organizationId: inputs.organization.id,
    organizationName: inputs.organization.name,
    type,
    period: inputs.period,
    periodStart: start,
    periodEnd: end,
    fiscalYearStart: fiscalYearStart(inputs.period, inputs.organization.fiscalYearStartMonth),
    periodClosed: inputs.periodClosed,
    currency: inputs.organization.baseCurrency,
    asOfSequence: Number(inputs.asOfSequence),
    ...(inputs.ledgerHash ? { ledgerHash: inputs.ledgerHash } : {}),
    builtAt: inputs.builtAt.toISOString(),
    schemaVersion: SCHEMA_VERSION,
  };
}

export function byAccountCode<T extends { code: string }>(a: T, b: T): number {
  return a.code.localeCompare(b.code, 'en', { numeric: true });
}
