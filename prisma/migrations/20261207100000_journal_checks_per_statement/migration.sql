-- The journal's referential checks once per statement instead of once per row (issue 10:
-- a 1,000,000-line CSV import in ≤ 60 s). Measured with scripts/profile-import.ts and
-- auto_explain on a 50,000-line file (25,000 entries): PostgreSQL's foreign keys ran
-- 175,000 trigger firings, each a query that locks the referenced row FOR KEY SHARE —
-- 1.1–1.6 s of the ~3.8 s write statement — plus 25,000 for ledger_event_hashes at commit
-- (0.19 s).
--
-- What stays enforced, by whom:
--   * every row of a statement refers to rows that exist: one AFTER INSERT … FOR EACH
--     STATEMENT trigger per table, an anti-join of the statement's new rows (a transition
--     table) against the referenced table — the same check, one query per statement;
--   * a referenced account is not deleted or re-keyed while a statement that refers to it
--     is in flight: the statement trigger locks the DISTINCT accounts (a file uses a few
--     dozen) FOR KEY SHARE, as the foreign key locked each line's account; a DELETE, or an
--     UPDATE of its key, waits for that lock and then finds the lines (BEFORE trigger below);
--   * entries, lines and events are never deleted or updated (their append-only triggers),
--     so the lines → entries and entries → events checks need no lock;
--   * organizations are never deleted by the application; the database refuses to delete or
--     re-key one that has events, and to TRUNCATE organizations or accounts (a CASCADE
--     would otherwise empty what the journal refers to).
-- The errors are foreign_key_violation (23503) as before.

ALTER TABLE "journal_lines" DROP CONSTRAINT "journal_lines_organization_id_entry_id_fkey",
                            DROP CONSTRAINT "journal_lines_organization_id_account_id_fkey";
ALTER TABLE "journal_entries" DROP CONSTRAINT "journal_entries_organization_id_fkey",
                              DROP CONSTRAINT "journal_entries_sequence_fkey";
ALTER TABLE "ledger_events" DROP CONSTRAINT "ledger_events_organization_id_fkey";
ALTER TABLE "ledger_event_hashes" DROP CONSTRAINT "ledger_event_hashes_organization_id_fkey";

-- Only the lines' foreign key needed (organization_id, id) to be unique; id is the primary
-- key, so the pair is unique anyway (prisma/schema.prisma keeps @@unique for the relation).
DROP INDEX "journal_entries_organization_id_id_key";
-- Imported entries carry neither a reversal nor an Idempotency-Key: index only the rows that
-- do (the lookups compare with =, which implies IS NOT NULL, so they use these indexes).
DROP INDEX "journal_entries_reverses_entry_id_key";
CREATE UNIQUE INDEX "journal_entries_reverses_entry_id_key" ON "journal_entries" ("reverses_entry_id")
  WHERE "reverses_entry_id" IS NOT NULL;
DROP INDEX "journal_entries_organization_id_idempotency_key_key";
CREATE UNIQUE INDEX "journal_entries_organization_id_idempotency_key_key" ON "journal_entries" ("organization_id", "idempotency_key")
  WHERE "idempotency_key" IS NOT NULL;

CREATE FUNCTION "closebook_missing_reference"(what TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', what USING ERRCODE = 'foreign_key_violation';
END $$;

-- An event's organization exists; it is locked FOR KEY SHARE, as the foreign key did (a
-- writer holds its row lock already: one lookup per organization, not one per event).
CREATE FUNCTION "closebook_check_new_events"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wanted INT;
  found INT;
BEGIN
  SELECT count(DISTINCT organization_id) INTO wanted FROM new_events;
  SELECT count(*) INTO found
    FROM (SELECT 1 FROM organizations o WHERE o.id IN (SELECT organization_id FROM new_events) FOR KEY SHARE) AS locked;
  IF found < wanted THEN
    PERFORM closebook_missing_reference('insert into ledger_events refers to an organization that does not exist');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ledger_events_references" AFTER INSERT ON "ledger_events"
  REFERENCING NEW TABLE AS "new_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_check_new_events"();

-- An entry's event exists and is of the same organization (stronger than the foreign key on
-- sequence alone, which did not compare organizations).
CREATE FUNCTION "closebook_check_new_entries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_entries n
              WHERE NOT EXISTS (SELECT 1 FROM ledger_events ev
                                 WHERE ev.sequence = n.sequence AND ev.organization_id = n.organization_id)) THEN
    PERFORM closebook_missing_reference('insert into journal_entries refers to a ledger event that does not exist or is of another organization');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "journal_entries_references" AFTER INSERT ON "journal_entries"
  REFERENCING NEW TABLE AS "new_entries"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_check_new_entries"();

-- A line's entry and account exist in the line's organization; its accounts are locked
-- FOR KEY SHARE until commit (see the account guard below). Organizations come with them:
-- an entry or account of the organization exists only if the organization does.
CREATE FUNCTION "closebook_check_new_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  wanted INT;
  found INT;
BEGIN
  IF EXISTS (SELECT 1 FROM new_lines n
              WHERE NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = n.entry_id AND e.organization_id = n.organization_id)) THEN
    PERFORM closebook_missing_reference('insert into journal_lines refers to a journal entry that does not exist or is of another organization');
  END IF;
  SELECT count(*) INTO wanted FROM (SELECT DISTINCT organization_id, account_id FROM new_lines) AS used;
  SELECT count(*) INTO found
    FROM (SELECT 1 FROM accounts a
           WHERE (a.organization_id, a.id) IN (SELECT organization_id, account_id FROM new_lines)
             FOR KEY SHARE) AS locked;
  IF found < wanted THEN
    PERFORM closebook_missing_reference('insert into journal_lines refers to an account that does not exist or is of another organization');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "journal_lines_references" AFTER INSERT ON "journal_lines"
  REFERENCING NEW TABLE AS "new_lines"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_check_new_lines"();

CREATE FUNCTION "closebook_check_new_hashes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM new_hashes n
              WHERE NOT EXISTS (SELECT 1 FROM ledger_events ev
                                 WHERE ev.sequence = n.sequence AND ev.organization_id = n.organization_id)) THEN
    PERFORM closebook_missing_reference('insert into ledger_event_hashes refers to a ledger event that does not exist or is of another organization');
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "ledger_event_hashes_references" AFTER INSERT ON "ledger_event_hashes"
  REFERENCING NEW TABLE AS "new_hashes"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_check_new_hashes"();

-- The referenced side. A DELETE (or key UPDATE) of an account locks the row first, so it
-- waits for a writer's FOR KEY SHARE above and then, with a fresh snapshot, sees its lines.
CREATE FUNCTION "closebook_guard_referenced_account"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.organization_id = OLD.organization_id THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM journal_lines WHERE organization_id = OLD.organization_id AND account_id = OLD.id) THEN
    PERFORM closebook_missing_reference(format('account %s has journal lines: it cannot be deleted or re-keyed', OLD.id));
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER "accounts_referenced_by_lines" BEFORE DELETE OR UPDATE OF "id", "organization_id" ON "accounts"
  FOR EACH ROW EXECUTE FUNCTION "closebook_guard_referenced_account"();

CREATE FUNCTION "closebook_guard_referenced_organization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM ledger_events WHERE organization_id = OLD.id) THEN
    PERFORM closebook_missing_reference(format('organization %s has ledger events: it cannot be deleted or re-keyed', OLD.id));
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER "organizations_referenced_by_ledger" BEFORE DELETE OR UPDATE OF "id" ON "organizations"
  FOR EACH ROW EXECUTE FUNCTION "closebook_guard_referenced_organization"();

CREATE FUNCTION "closebook_forbid_truncate_referenced"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is referenced by the append-only journal: TRUNCATE is not allowed', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "organizations_no_truncate" BEFORE TRUNCATE ON "organizations"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_forbid_truncate_referenced"();
CREATE TRIGGER "accounts_no_truncate" BEFORE TRUNCATE ON "accounts"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_forbid_truncate_referenced"();
