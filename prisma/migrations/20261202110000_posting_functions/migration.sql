-- The posting path as one round trip (issue 10). Prisma costs about 2 ms per statement
-- here against 0.4 ms for raw pg, and a posting was seven statements under the
-- organization's row lock (membership, BEGIN, lock, state, accounts, write, schedule,
-- COMMIT): 14–22 ms per entry, and the lock held for most of it. Now:
--   closebook_write_entries    the rows of entries of one organization (was the CTE in
--                              write-entry.ts; imports and reversals call it too)
--   closebook_schedule_rebuilds report targets and rebuild jobs (was the CTE in
--                              report-jobs.ts; every writer calls it)
--   closebook_post_entry       membership, lock, idempotency, period status, accounts,
--                              write, schedule: one statement for the API and the form.
-- Each is the only copy of its SQL. PL/pgSQL runs every statement with a fresh snapshot
-- in READ COMMITTED, so what closebook_post_entry reads after taking the lock includes
-- every write committed before it. All are PL/pgSQL, which keeps its plans for the
-- session's life: a SQL-language function with data-modifying CTEs is not inlined, and is
-- parsed and planned again at every call (measured: ~1.5 ms of every posting's scheduling).

-- SQL-language bodies are checked when first called, not here: graphile_worker's schema is
-- installed after the migrations (lib/adapters/db/migrate.ts).
SET check_function_bodies = off;

CREATE FUNCTION closebook_write_entries(
  p_organization_id uuid, p_now timestamptz,
  p_ids uuid[], p_dates date[], p_periods text[], p_memos text[], p_references text[], p_reverses uuid[],
  p_idempotency_keys text[], p_request_hashes text[], p_event_types text[], p_payloads jsonb[], p_actor_ids uuid[],
  p_line_entry_ids uuid[], p_line_nos int[], p_line_account_ids uuid[], p_line_debits bigint[], p_line_credits bigint[],
  p_line_descriptions text[])
RETURNS TABLE (entry_id uuid, sequence bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH input AS (
    SELECT *
      FROM unnest(p_ids, p_dates, p_periods, p_memos, p_references, p_reverses, p_idempotency_keys, p_request_hashes,
                  p_event_types, p_payloads, p_actor_ids)
           WITH ORDINALITY AS i(id, date, period, memo, reference, reverses_entry_id, idempotency_key, request_hash, event_type,
                                payload, actor_id, ord)
  ), line_input AS (
    SELECT *
      FROM unnest(p_line_entry_ids, p_line_nos, p_line_account_ids, p_line_debits, p_line_credits, p_line_descriptions)
           AS l(entry_id, line_no, account_id, debit, credit, description)
  ), events AS (
    INSERT INTO ledger_events (organization_id, type, payload, actor_id, occurred_at)
    SELECT p_organization_id, event_type, payload, actor_id, p_now FROM input ORDER BY ord
    RETURNING ledger_events.sequence, (payload->>'entryId')::uuid AS entry_id
  ), posted AS (
    INSERT INTO journal_entries (id, organization_id, sequence, date, period, memo, reference, reverses_entry_id,
                                 idempotency_key, request_hash, created_by_id, created_at)
    SELECT i.id, p_organization_id, e.sequence, i.date, i.period, i.memo, i.reference, i.reverses_entry_id,
           i.idempotency_key, i.request_hash, i.actor_id, p_now
      FROM input i JOIN events e ON e.entry_id = i.id
  ), lines AS (
    INSERT INTO journal_lines (id, organization_id, entry_id, line_no, account_id, debit_minor, credit_minor, description)
    SELECT gen_random_uuid(), p_organization_id, l.entry_id, l.line_no, l.account_id, l.debit, l.credit, l.description
      FROM line_input l
  ), balances AS (
    -- Per account and period totals, so rebuilds never read every line in history.
    INSERT INTO account_period_balances (organization_id, account_id, period, debit_minor, credit_minor)
    SELECT p_organization_id, l.account_id, i.period, sum(l.debit), sum(l.credit)
      FROM line_input l JOIN input i ON i.id = l.entry_id
     GROUP BY l.account_id, i.period
    ON CONFLICT (organization_id, account_id, period) DO UPDATE
      SET debit_minor = account_period_balances.debit_minor + EXCLUDED.debit_minor,
          credit_minor = account_period_balances.credit_minor + EXCLUDED.credit_minor
  )
  SELECT events.entry_id, events.sequence FROM events;
END
$$;

-- Records that these reports must include p_sequence and queues their rebuilds, on the
-- caller's transaction (see lib/adapters/queue/report-jobs.ts for the rules). Periods: the
-- list p_periods, or p_from through the latest of p_through, the organization's latest
-- entry period and latest registered report, never past p_not_after. The newest
-- p_max_eager periods plus the oldest are registered and get one rebuild job per period
-- ("rebuild-period", key period:{org}:{period}, coalesced; due p_debounce_ms from the first
-- write that queued it, a time later writes keep instead of pushing it back, so a busy
-- organization's period is rebuilt at most about every p_debounce_ms and never starved);
-- other registered
-- ones of the range get their required sequence raised and the organization's catch-up job.
-- The request ID of the HTTP request that caused the write (transaction-local setting
-- closebook.request_id) travels in the payload, for the logs.
CREATE FUNCTION closebook_schedule_rebuilds(
  p_organization_id uuid, p_periods text[], p_from text, p_through text, p_not_after text,
  p_sequence bigint, p_types text[], p_max_eager int, p_max_attempts smallint, p_catch_up_priority smallint,
  p_debounce_ms int)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_jobs int;
BEGIN
  WITH bounds AS (
    SELECT f.from_period,
           greatest(f.from_period,
                    least(greatest(p_through,
                                   (SELECT max(period)::text FROM journal_entries WHERE organization_id = p_organization_id),
                                   (SELECT max(period)::text FROM report_targets WHERE organization_id = p_organization_id)),
                          p_not_after)) AS horizon
      FROM (SELECT p_from AS from_period) AS f
     WHERE f.from_period IS NOT NULL
  ),
  requested AS (
    SELECT DISTINCT period FROM unnest(p_periods) AS p(period)
    UNION
    SELECT to_char(month, 'YYYY-MM')
      FROM bounds, generate_series(to_date(bounds.from_period, 'YYYY-MM'), to_date(bounds.horizon, 'YYYY-MM'), interval '1 month') AS month
  ),
  eager AS (
    (SELECT period FROM requested ORDER BY period DESC LIMIT p_max_eager)
    UNION
    (SELECT min(period) FROM requested HAVING count(*) > 0)
  ),
  targets AS (
    INSERT INTO report_targets (organization_id, report_type, period, required_sequence)
    SELECT p_organization_id, t.type, e.period, p_sequence
      FROM unnest(p_types) AS t(type) CROSS JOIN eager AS e
    ON CONFLICT (organization_id, report_type, period)
      DO UPDATE SET required_sequence = greatest(report_targets.required_sequence, EXCLUDED.required_sequence)
    RETURNING period
  ),
  deferred AS (
    UPDATE report_targets AS r
       SET required_sequence = greatest(r.required_sequence, p_sequence)
     WHERE r.organization_id = p_organization_id
       AND r.report_type = ANY(p_types)
       AND r.period::text IN (SELECT period FROM requested)
       AND r.period::text NOT IN (SELECT period FROM eager)
    RETURNING 1
  ),
  request AS (SELECT nullif(current_setting('closebook.request_id', true), '') AS id)
  SELECT count(*) INTO v_jobs FROM graphile_worker.add_jobs(
    ARRAY(
      SELECT ROW(
               'rebuild-period',
               json_strip_nulls(json_build_object('organizationId', p_organization_id::text, 'period', period::text, 'requestId', request.id)),
               NULL, now() + make_interval(secs => p_debounce_ms / 1000.0), p_max_attempts,
               'period:' || p_organization_id::text || ':' || period,
               NULL, NULL
             )::graphile_worker.job_spec
        FROM (SELECT DISTINCT period FROM targets) AS t, request
    ) || ARRAY(
      SELECT ROW(
               'catch-up-reports',
               json_build_array(json_build_object('organizationId', p_organization_id::text, 'before', NULL)),
               NULL, NULL, p_max_attempts,
               'catch-up:' || p_organization_id::text,
               p_catch_up_priority, NULL
             )::graphile_worker.job_spec
       WHERE EXISTS (SELECT 1 FROM deferred)
    ),
    true -- job_key_preserve_run_at: a pending job keeps its due time (the debounce above)
  );
END
$$;

-- One posting, one statement. Returns {outcome, ...}: 'posted' {id, sequence}, 'replay'
-- {id, sequence, requestHash} (the Idempotency-Key was used before), 'not-member',
-- 'forbidden' {role}, 'period-closed', 'accounts' {accounts: [{code, id, isActive}]} (a
-- code unknown or inactive: the caller words the error). Nothing is written unless
-- 'posted'.
CREATE FUNCTION closebook_post_entry(
  p_organization_id uuid, p_user_id uuid, p_allowed_roles text[], p_now timestamptz, p_request_id text,
  p_entry_id uuid, p_date date, p_period text, p_memo text, p_reference text,
  p_idempotency_key text, p_request_hash text, p_payload jsonb,
  p_line_codes text[], p_line_debits bigint[], p_line_credits bigint[], p_line_descriptions text[],
  p_through text, p_not_after text, p_types text[], p_max_eager int, p_max_attempts smallint, p_catch_up_priority smallint,
  p_debounce_ms int)
RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_role text;
  v_previous record;
  v_status text;
  v_accounts jsonb;
  v_account_ids uuid[];
  v_sequence bigint;
BEGIN
  SELECT role::text INTO v_role FROM memberships WHERE organization_id = p_organization_id AND user_id = p_user_id;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'not-member'); END IF;
  IF NOT (v_role = ANY (p_allowed_roles)) THEN RETURN jsonb_build_object('outcome', 'forbidden', 'role', v_role); END IF;
  -- Always set: in a batch (closebook_post_entries) the previous item's ID must not carry over.
  PERFORM set_config('closebook.request_id', coalesce(p_request_id, ''), true);

  -- Writes of one organization are serialised (ARCHITECTURE.md, "asOfSequence").
  PERFORM 1 FROM organizations WHERE id = p_organization_id FOR UPDATE;
  IF NOT FOUND THEN RETURN jsonb_build_object('outcome', 'not-member'); END IF;

  IF p_idempotency_key IS NOT NULL THEN
    SELECT id, sequence, request_hash INTO v_previous
      FROM journal_entries WHERE organization_id = p_organization_id AND idempotency_key = p_idempotency_key;
    IF FOUND THEN
      RETURN jsonb_build_object('outcome', 'replay', 'id', v_previous.id, 'sequence', v_previous.sequence::text,
                                'requestHash', v_previous.request_hash);
    END IF;
  END IF;

  SELECT status::text INTO v_status FROM periods WHERE organization_id = p_organization_id AND period = p_period;
  IF v_status = 'closed' THEN RETURN jsonb_build_object('outcome', 'period-closed'); END IF;

  -- Resolved under the lock: an account may be deleted or deactivated by a concurrent command.
  SELECT array_agg(a.id ORDER BY c.ord) FILTER (WHERE a.is_active),
         jsonb_agg(jsonb_build_object('code', a.code, 'id', a.id, 'isActive', a.is_active)) FILTER (WHERE a.id IS NOT NULL)
    INTO v_account_ids, v_accounts
    FROM unnest(p_line_codes) WITH ORDINALITY AS c(code, ord)
    LEFT JOIN accounts a ON a.organization_id = p_organization_id AND a.code = c.code;
  IF coalesce(array_length(v_account_ids, 1), 0) <> array_length(p_line_codes, 1) THEN
    RETURN jsonb_build_object('outcome', 'accounts', 'accounts', coalesce(v_accounts, '[]'::jsonb));
  END IF;

  SELECT w.sequence INTO v_sequence
    FROM closebook_write_entries(
      p_organization_id, p_now,
      ARRAY[p_entry_id], ARRAY[p_date], ARRAY[p_period], ARRAY[p_memo], ARRAY[p_reference], ARRAY[NULL::uuid],
      ARRAY[p_idempotency_key], ARRAY[p_request_hash], ARRAY['journal_entry.posted'], ARRAY[p_payload], ARRAY[p_user_id],
      array_fill(p_entry_id, ARRAY[array_length(p_line_codes, 1)]),
      ARRAY(SELECT generate_series(1, array_length(p_line_codes, 1))), v_account_ids, p_line_debits, p_line_credits,
      p_line_descriptions) AS w;

  PERFORM closebook_schedule_rebuilds(p_organization_id, NULL, p_period, p_through, p_not_after, v_sequence, p_types,
                                      p_max_eager, p_max_attempts, p_catch_up_priority, p_debounce_ms);
  RETURN jsonb_build_object('outcome', 'posted', 'id', p_entry_id, 'sequence', v_sequence::text);
END
$$;

-- Group commit: several postings (of any organizations) in one statement and one commit,
-- each exactly as closebook_post_entry would post it alone, each in its own subtransaction
-- (one that fails unexpectedly is reported as 'error' and leaves nothing; the others stand).
-- p_items: a JSON array of closebook_post_entry's 24 arguments, in order. Organizations are
-- locked in a fixed order (organization ID, then arrival), so two batches can never wait for
-- each other's locks in a cycle. Returns each item's outcome by its position in p_items.
CREATE FUNCTION closebook_text_array(p jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT array_agg(t.value ORDER BY t.ord) FROM jsonb_array_elements_text(p) WITH ORDINALITY AS t(value, ord)
$$;

CREATE FUNCTION closebook_post_entries(p_items jsonb) RETURNS TABLE (ord int, result jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  v_item jsonb;
  v_ord int;
BEGIN
  FOR v_ord, v_item IN
    SELECT (t.ord - 1)::int, t.item FROM jsonb_array_elements(p_items) WITH ORDINALITY AS t(item, ord) ORDER BY t.item->>0, t.ord
  LOOP
    ord := v_ord;
    BEGIN
      result := closebook_post_entry(
        (v_item->>0)::uuid, (v_item->>1)::uuid, closebook_text_array(v_item->2), (v_item->>3)::timestamptz, v_item->>4,
        (v_item->>5)::uuid, (v_item->>6)::date, v_item->>7, v_item->>8, v_item->>9, v_item->>10, v_item->>11,
        (v_item->>12)::jsonb, closebook_text_array(v_item->13), closebook_text_array(v_item->14)::bigint[],
        closebook_text_array(v_item->15)::bigint[], closebook_text_array(v_item->16), v_item->>17, v_item->>18,
        closebook_text_array(v_item->19), (v_item->>20)::int, (v_item->>21)::smallint, (v_item->>22)::smallint,
        (v_item->>23)::int);
    EXCEPTION WHEN OTHERS THEN
      result := jsonb_build_object('outcome', 'error', 'sqlstate', SQLSTATE, 'message', SQLERRM);
    END;
    RETURN NEXT;
  END LOOP;
END
$$;
