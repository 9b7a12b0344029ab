-- Tamper-evident ledger (issue 13, item 1): every ledger event gets a SHA-256 link
--   hash(n) = sha256(hash(n-1) || canonical text of event n and of the journal rows it wrote)
-- chained per organization (the first event's predecessor is the empty string).
--
-- Computed here, in the database, so that every writer of ledger_events is covered
-- (organization.created, account.*, period.*, entries, reversals, CSV imports) without any
-- application code having to remember it, and so that the same two functions
-- (closebook_ledger_canonical, closebook_ledger_link) define the hash at write time and at
-- verification time: they cannot disagree.
--
-- Where the hashes live: a table of their own, not a column on ledger_events. The event log
-- stays strictly append-only (its BEFORE UPDATE trigger keeps refusing every UPDATE; a
-- "narrowly allowed" column update would be a hole in exactly the guarantee this feature is
-- about), the hash is written once at commit instead of rewriting 50,000 freshly inserted
-- event rows of an import (a second heap tuple per event), and the hash table is itself
-- append-only.

CREATE TABLE "ledger_event_hashes" (
    "organization_id" UUID NOT NULL,
    "sequence" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "ledger_event_hashes_pkey" PRIMARY KEY ("organization_id", "sequence"),
    CONSTRAINT "ledger_event_hashes_hash_check" CHECK (octet_length("hash") = 32)
);

ALTER TABLE "ledger_event_hashes" ADD CONSTRAINT "ledger_event_hashes_organization_id_fkey"
  FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TRIGGER "ledger_event_hashes_append_only" BEFORE UPDATE OR DELETE ON "ledger_event_hashes"
  FOR EACH ROW EXECUTE FUNCTION "closebook_forbid_change"();
CREATE TRIGGER "ledger_event_hashes_no_truncate" BEFORE TRUNCATE ON "ledger_event_hashes"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_forbid_change"();

-- THE canonical form of events (after_sequence, through_sequence] of one organization: a
-- JSON array (jsonb's text output is deterministic: keys sorted, one spelling per value) of
-- the event's columns and, for an entry event, the entry's columns and its lines in line
-- order. Timestamps and dates are formatted explicitly (UTC), never through the session's
-- TimeZone or DateStyle. Used by the chain (write) and by verification: change it only
-- together with a migration that re-derives every chain.
CREATE FUNCTION "closebook_ledger_canonical"(org UUID, after_sequence BIGINT, through_sequence BIGINT)
RETURNS TABLE ("sequence" BIGINT, "canonical" TEXT) LANGUAGE sql STABLE AS $$
  SELECT ev."sequence",
         jsonb_build_array(
           ev."sequence", ev."organization_id", ev."type", ev."payload", ev."actor_id",
           to_char(ev."occurred_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           (SELECT jsonb_build_array(
                     e."id", e."organization_id", to_char(e."date", 'YYYY-MM-DD'), e."period", e."memo", e."reference",
                     e."reverses_entry_id", e."idempotency_key", e."request_hash", e."created_by_id",
                     to_char(e."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                     (SELECT coalesce(jsonb_agg(jsonb_build_array(l."id", l."organization_id", l."line_no", l."account_id",
                                                                  l."debit_minor", l."credit_minor", l."description")
                                                ORDER BY l."line_no", l."id"), '[]'::jsonb)
                        FROM "journal_lines" l WHERE l."entry_id" = e."id"))
              FROM "journal_entries" e WHERE e."sequence" = ev."sequence")
         )::text
    FROM "ledger_events" ev
   WHERE ev."organization_id" = org AND ev."sequence" > after_sequence AND ev."sequence" <= through_sequence
   ORDER BY ev."sequence"
$$;

-- THE link of the chain.
CREATE FUNCTION "closebook_ledger_link"(previous BYTEA, canonical TEXT) RETURNS BYTEA
  LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT sha256(previous || convert_to(canonical, 'UTF8')) $$;

-- Extends an organization's chain over every event not hashed yet; returns how many it
-- hashed. Idempotent. Runs under the organization's row lock (the writers hold it already;
-- the backfill below and direct callers take it here), so the chain is extended in sequence
-- order by one transaction at a time.
--
-- jit = off: the canonical query's cost estimate (one correlated lines aggregate per event)
-- easily passes jit_above_cost, and compiling it took ~100 ms of every single posting's
-- commit (measured: 0.8-1.2 ms per posting without the chain, 101-107 ms with JIT, see
-- ARCHITECTURE.md). Set on the plpgsql functions, so the SQL canonical function stays inlinable.
CREATE FUNCTION "closebook_ledger_chain"(org UUID) RETURNS BIGINT LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  last_sequence BIGINT;
  previous BYTEA;
  event RECORD;
  sequences BIGINT[] := '{}';
  hashes BYTEA[] := '{}';
BEGIN
  PERFORM 1 FROM "organizations" WHERE "id" = org FOR UPDATE;
  SELECT h."sequence", h."hash" INTO last_sequence, previous
    FROM "ledger_event_hashes" h WHERE h."organization_id" = org ORDER BY h."sequence" DESC LIMIT 1;
  previous := coalesce(previous, ''::bytea);
  FOR event IN SELECT * FROM "closebook_ledger_canonical"(org, coalesce(last_sequence, 0), 9223372036854775807) LOOP
    previous := "closebook_ledger_link"(previous, event."canonical");
    sequences := sequences || event."sequence";
    hashes := hashes || previous;
  END LOOP;
  INSERT INTO "ledger_event_hashes" ("organization_id", "sequence", "hash")
    SELECT org, s, h FROM unnest(sequences, hashes) AS u(s, h);
  RETURN cardinality(sequences);
END $$;

-- Recomputes an organization's chain from ledger_events + journal_entries + journal_lines
-- and compares it with the stored hashes. first_broken_sequence: the first sequence whose
-- recomputed link differs from the stored one, has no stored hash, or has a stored hash but
-- no event any more (NULL: intact). head_*: the stored chain head.
CREATE FUNCTION "closebook_ledger_verify"(org UUID)
RETURNS TABLE ("events" BIGINT, "head_sequence" BIGINT, "head_hash" TEXT, "first_broken_sequence" BIGINT)
LANGUAGE plpgsql STABLE SET jit = off AS $$
DECLARE
  previous BYTEA := ''::bytea;
  row RECORD;
  counted BIGINT := 0;
  broken BIGINT;
BEGIN
  FOR row IN
    SELECT coalesce(c."sequence", h."sequence") AS "sequence", c."canonical", h."hash"
      FROM "closebook_ledger_canonical"(org, 0, 9223372036854775807) c
      FULL JOIN (SELECT s."sequence", s."hash" FROM "ledger_event_hashes" s WHERE s."organization_id" = org) h
        ON h."sequence" = c."sequence"
     ORDER BY 1
  LOOP
    IF row."canonical" IS NOT NULL THEN
      counted := counted + 1;
      previous := "closebook_ledger_link"(previous, row."canonical");
    END IF;
    IF broken IS NULL AND (row."canonical" IS NULL OR row."hash" IS NULL OR row."hash" <> previous) THEN
      broken := row."sequence";
    END IF;
  END LOOP;
  RETURN QUERY
    SELECT counted, h."sequence", encode(h."hash", 'hex'), broken
      FROM (SELECT NULL) AS one
      LEFT JOIN LATERAL (SELECT s."sequence", s."hash" FROM "ledger_event_hashes" s
                          WHERE s."organization_id" = org ORDER BY s."sequence" DESC LIMIT 1) h ON true;
END $$;

-- When: at commit (deferred), while the organization's row lock is still held and the
-- event's journal rows exist, whatever order the writer inserted them in.
-- How often: once per organization and transaction, not once per event. A deferred row
-- trigger on ledger_events would queue 50,000 firings for a 50,000-entry import (measured:
-- +1-3 s per 50,000 events on this machine just to find "already hashed" 49,999 times).
-- Instead a statement-level trigger (one firing per INSERT statement) notes the
-- organizations it saw in ledger_hash_pending, and a deferred constraint trigger on that
-- table chains each noted organization once at commit and removes the note.
-- ledger_hash_pending is UNLOGGED: its rows never outlive their transaction.
CREATE UNLOGGED TABLE "ledger_hash_pending" (
    "organization_id" UUID NOT NULL,
    CONSTRAINT "ledger_hash_pending_pkey" PRIMARY KEY ("organization_id")
);

CREATE FUNCTION "closebook_ledger_note_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ledger_hash_pending" ("organization_id")
    SELECT DISTINCT "organization_id" FROM "inserted_events"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER "ledger_events_note_pending"
  AFTER INSERT ON "ledger_events"
  REFERENCING NEW TABLE AS "inserted_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "closebook_ledger_note_pending"();

CREATE FUNCTION "closebook_ledger_chain_pending"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "closebook_ledger_chain"(NEW."organization_id");
  DELETE FROM "ledger_hash_pending" WHERE "organization_id" = NEW."organization_id";
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "ledger_hash_pending_chain"
  AFTER INSERT ON "ledger_hash_pending"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "closebook_ledger_chain_pending"();

-- Report-run items name the chain head their snapshot was built at (index.csv, run page).
ALTER TABLE "report_run_items" ADD COLUMN "ledger_hash" CHAR(64);

-- Existing ledgers: their chains, computed now (idempotent: only events without a hash).
SELECT "closebook_ledger_chain"("id") FROM "organizations" ORDER BY "id";
