// Every operation of the public /api/v1 contract, in the order openapi.json lists them.
// Browser routes (session cookie) have contracts too, but are not part of the public API.
import type { OperationContract } from '../operation';
import * as invitations from './invitations';
import * as ledger from './ledger';
import * as reports from './reports';
import * as runs from './report-runs';
import * as tokens from './tokens';

export const API_OPERATIONS: readonly OperationContract[] = [
  tokens.issueToken,
  tokens.listTokens,
  tokens.revokeToken,
  ledger.listOrganizations,
  ledger.createOrganization,
  ledger.getOrganization,
  invitations.createInvitation,
  invitations.listInvitations,
  invitations.revokeInvitation,
  ledger.listAccounts,
  ledger.createAccount,
  ledger.updateAccount,
  ledger.listJournalEntries,
  ledger.postJournalEntry,
  ledger.importJournalEntries,
  ledger.reverseJournalEntry,
  ledger.closePeriod,
  ledger.reopenPeriod,
  ledger.closePeriodsThrough,
  ledger.verifyLedger,
  reports.lookupReport,
  reports.getReport,
  reports.getReportFile,
  reports.getIncomeStatementRangeFile,
  runs.listReportRuns,
  runs.startReportRun,
  runs.getReportRun,
  runs.downloadReportRun,
  runs.retryReportRun,
  runs.getReportSnapshot,
  runs.getReportSnapshotPdf,
  runs.getReportSnapshotChanges,
  runs.getReportSnapshotChangesPdf,
];
