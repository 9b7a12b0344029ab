-- The append-only triggers covered UPDATE and DELETE, not TRUNCATE: one statement could
-- empty the journal or the event log. TRUNCATE fires statement-level triggers only (also
-- when it reaches these tables through CASCADE from another table).
CREATE TRIGGER "journal_entries_no_truncate" BEFORE TRUNCATE ON "journal_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_forbid_change"();
CREATE TRIGGER "journal_lines_no_truncate" BEFORE TRUNCATE ON "journal_lines"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_forbid_change"();
CREATE TRIGGER "ledger_events_no_truncate" BEFORE TRUNCATE ON "ledger_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_forbid_change"();
