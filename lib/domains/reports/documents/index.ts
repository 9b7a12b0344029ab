import type { GeneralLedgerDocument } from './general-ledger';
import type { BalanceSheetDocument, IncomeStatementDocument } from './statements';
import type { TrialBalanceDocument } from './trial-balance';

export type { ReportDocumentBase } from './base';
export { SCHEMA_VERSION } from './base';
export type { TrialBalanceDocument, TrialBalanceRow } from './trial-balance';
export type {
  BalanceSheetDocument,
  BalanceSheetFigures,
  BalanceSheetStructure,
  IncomeStatementColumn,
  IncomeStatementDocument,
  IncomeStatementStructure,
  StatementRow,
  StatementSection,
} from './statements';
export type { GeneralLedgerDocument, LedgerAccount, LedgerLine } from './general-ledger';

export type ReportDocument = TrialBalanceDocument | IncomeStatementDocument | BalanceSheetDocument | GeneralLedgerDocument;
