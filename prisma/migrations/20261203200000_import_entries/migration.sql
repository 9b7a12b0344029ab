-- CSV import as one statement (issue 10: 1,000,000 lines in ≤ 60 s including the rebuild).
-- A file was a Prisma interactive transaction of six round trips, and the write statement's
-- 19 arrays of 25,000–50,000 elements went through Prisma's query compiler (~2 s of a
-- 50,000-line file here). Now the checked file is one call on the raw pg pool, its own
-- transaction: lock, re-check under the lock, write, schedule; the hash chain and the
-- balance check run at its commit as for every writer.
--
-- What a running import will change, for the rebuild task: closebook_import_entries holds,
-- for its transaction, a shared advisory lock (key 1: the organization's import key, key 2:
-- the file's earliest period as YYYYMM). Nobody ever takes it exclusively: it is a marker
-- other sessions can see in pg_locks while the import (or its wait for the organization's
-- row lock) lasts. The rebuild-period task asks closebook_import_changes(org, P) before
-- building P: while an import that starts at or before P is being written, P's reports
-- will change again at its commit (which queues P again), so the job is put back a little
-- later instead of reading all of P's lines now. Periods before the import's earliest are
-- final for it and are built meanwhile. So a month is built about once after a run of
-- files, not after every file. Postings take no marker: their rebuilds are never held back
-- by other postings.

-- Non-negative (pg_locks shows advisory keys as oid). A collision between organizations
-- only delays a rebuild by one retry.
CREATE FUNCTION closebook_import_key(p_organization_id uuid) RETURNS int
  LANGUAGE sql IMMUTABLE AS $$ SELECT hashtext(p_organization_id::text) & 2147483647 $$;

CREATE FUNCTION closebook_period_number(p_period text) RETURNS int
  LANGUAGE sql IMMUTABLE AS $$ SELECT (substr(p_period, 1, 4) || substr(p_period, 6, 2))::int $$;

-- True while an import into the organization whose earliest period is ≤ p_period is being
-- written or waits for the organization's lock. Reads pg_locks: never waits, takes nothing.
CREATE FUNCTION closebook_import_changes(p_organization_id uuid, p_period text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM pg_locks
     WHERE locktype = 'advisory' AND objsubid = 2
       AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
       AND classid = closebook_import_key(p_organization_id)::oid
       AND objid <= closebook_period_number(p_period)::oid)
$$;

-- One checked CSV file: every entry dated and balanced, accounts resolved from the preview
-- (lib/domains/ledger/commands/import-journal-entries.ts). Under the locks it checks what
-- may have changed since the preview — the periods the file touches are not closed, the
-- accounts it uses still belong to the organization and are active — and answers
-- {outcome: 'changed'} without writing anything if not (the caller checks the file again
-- to name the rows). Otherwise it writes every entry (closebook_write_entries: events,
-- entries, lines, balances), registers the reports and queues the rebuilds of the earliest
-- period through the horizon (closebook_schedule_rebuilds), and answers {outcome:
-- 'imported', firstSequence, lastSequence}. All or nothing: one statement, one transaction.
CREATE FUNCTION closebook_import_entries(
  p_organization_id uuid, p_actor_id uuid, p_now timestamptz, p_request_id text,
  p_ids uuid[], p_dates date[], p_periods text[], p_memos text[], p_references text[], p_payloads jsonb[],
  p_line_entry_ids uuid[], p_line_nos int[], p_line_account_ids uuid[], p_line_debits bigint[], p_line_credits bigint[],
  p_line_descriptions text[],
  p_through text, p_not_after text, p_types text[], p_max_eager int, p_max_attempts smallint, p_catch_up_priority smallint,
  p_debounce_ms int)
RETURNS jsonb
-- A 50,000-line file's CTEs and sorts need ~20 MB: with the default 4 MB work_mem they
-- spilled to temporary files (seen in EXPLAIN's "temp written").
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
DECLARE
  v_count int := cardinality(p_ids);
  v_first bigint;
  v_last bigint;
BEGIN
  IF v_count = 0 THEN RETURN jsonb_build_object('outcome', 'imported'); END IF;
  PERFORM set_config('closebook.request_id', coalesce(p_request_id, ''), true);
  -- The marker first, so it is visible while this file waits for the row lock too.
  PERFORM pg_advisory_xact_lock_shared(closebook_import_key(p_organization_id),
                                       closebook_period_number((SELECT min(p) FROM unnest(p_periods) AS u(p))));
  -- Writes of one organization are serialised (ARCHITECTURE.md, "asOfSequence").
  PERFORM 1 FROM organizations WHERE id = p_organization_id FOR UPDATE;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'not-found'); END IF;

  IF EXISTS (SELECT 1 FROM periods
              WHERE organization_id = p_organization_id AND status = 'closed'
                AND period IN (SELECT DISTINCT p FROM unnest(p_periods) AS u(p))) THEN
    RETURN jsonb_build_object('outcome', 'changed');
  END IF;
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT id FROM unnest(p_line_account_ids) AS u(id)) AS used
               LEFT JOIN accounts a ON a.id = used.id AND a.organization_id = p_organization_id AND a.is_active
              WHERE a.id IS NULL) THEN
    RETURN jsonb_build_object('outcome', 'changed');
  END IF;

  SELECT min(w.sequence), max(w.sequence) INTO v_first, v_last
    FROM closebook_write_entries(
      p_organization_id, p_now,
      p_ids, p_dates, p_periods, p_memos, p_references, array_fill(NULL::uuid, ARRAY[v_count]),
      array_fill(NULL::text, ARRAY[v_count]), array_fill(NULL::text, ARRAY[v_count]),
      array_fill('journal_entry.posted'::text, ARRAY[v_count]), p_payloads, array_fill(p_actor_id, ARRAY[v_count]),
      p_line_entry_ids, p_line_nos, p_line_account_ids, p_line_debits, p_line_credits, p_line_descriptions) AS w;

  PERFORM closebook_schedule_rebuilds(p_organization_id, NULL, (SELECT min(p) FROM unnest(p_periods) AS u(p)), p_through,
                                      p_not_after, v_last, p_types, p_max_eager, p_max_attempts, p_catch_up_priority,
                                      p_debounce_ms);
  RETURN jsonb_build_object('outcome', 'imported', 'firstSequence', v_first::text, 'lastSequence', v_last::text);
END
$$;
