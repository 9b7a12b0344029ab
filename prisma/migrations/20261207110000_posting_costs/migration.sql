-- What a posting costs PostgreSQL (pg_stat_user_functions, track_functions = all, 3,000
-- postings over 8 organizations from 4 clients, on this machine): ~3.5 ms of function time
-- per posting, of which graphile_worker.add_jobs 0.86 ms and the per-statement check of its
-- journal lines (migration 20261207100000) 0.38 ms — three queries on a transition table,
-- each planned again at every firing.
--
-- 1. A period whose rebuild job is already waiting (not started, never failed) needs no new
--    job: the job reads the books when it runs. Under load that is most postings (a job is
--    due 200 ms after the write that queued it). closebook_schedule_rebuilds now locks such a
--    job's row FOR UPDATE until the write commits — graphile-worker's get_job takes jobs
--    FOR UPDATE SKIP LOCKED, so no worker starts it before this write is visible — and calls
--    add_jobs only for the periods without one (and for the catch-up job). A job that has
--    started (locked_at set), or failed once, goes through add_jobs as before, which queues a
--    new job behind a running one. What changes: a coalesced job's payload keeps the request
--    ID of the write that queued it, not the latest (the logs' request ID names the first
--    write of a burst).
-- 2. closebook_check_new_lines asks its three questions in one query.

-- graphile_worker's schema (job_spec) is installed after the migrations (lib/adapters/db/migrate.ts).
SET check_function_bodies = off;

CREATE OR REPLACE FUNCTION closebook_schedule_rebuilds(
  p_organization_id uuid, p_periods text[], p_from text, p_through text, p_not_after text,
  p_sequence bigint, p_types text[], p_max_eager int, p_max_attempts smallint, p_catch_up_priority smallint,
  p_debounce_ms int)
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  v_periods text[];
  v_deferred boolean;
  v_waiting text[];
  v_jobs graphile_worker.job_spec[];
  v_request text := nullif(current_setting('closebook.request_id', true), '');
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
  )
  SELECT ARRAY(SELECT DISTINCT period FROM targets ORDER BY period), EXISTS (SELECT 1 FROM deferred)
    INTO v_periods, v_deferred;

  -- Rebuild jobs already waiting for these periods: held until this transaction ends (see above).
  SELECT coalesce(array_agg(waiting.key), '{}') INTO v_waiting
    FROM (SELECT j.key FROM graphile_worker._private_jobs j
           WHERE j.key = ANY (ARRAY(SELECT 'period:' || p_organization_id::text || ':' || period FROM unnest(v_periods) AS period))
             AND j.is_available AND j.attempts = 0
             FOR UPDATE OF j) AS waiting;

  v_jobs := ARRAY(
      SELECT ROW(
               'rebuild-period',
               json_strip_nulls(json_build_object('organizationId', p_organization_id::text, 'period', period, 'requestId', v_request)),
               NULL, now() + make_interval(secs => p_debounce_ms / 1000.0), p_max_attempts,
               'period:' || p_organization_id::text || ':' || period,
               NULL, NULL
             )::graphile_worker.job_spec
        FROM unnest(v_periods) AS period
       WHERE NOT ('period:' || p_organization_id::text || ':' || period = ANY (v_waiting))
    ) || ARRAY(
      SELECT ROW(
               'catch-up-reports',
               json_build_array(json_build_object('organizationId', p_organization_id::text, 'before', NULL)),
               NULL, NULL, p_max_attempts,
               'catch-up:' || p_organization_id::text,
               p_catch_up_priority, NULL
             )::graphile_worker.job_spec
       WHERE v_deferred
    );
  IF cardinality(v_jobs) > 0 THEN
    PERFORM graphile_worker.add_jobs(v_jobs, true); -- job_key_preserve_run_at: a pending job keeps its due time
  ELSIF cardinality(v_waiting) > 0 THEN
    -- What add_jobs would have sent: a worker that found the job not yet due waits for its
    -- poll interval (WORKER_POLL_INTERVAL_MS, 1 s) or the next notification, whichever comes
    -- first; without this, a busy period's job started up to a second late (npm run bench,
    -- 100 entries/s: commit → document p99 1.69 s instead of 0.47 s).
    PERFORM pg_notify('jobs:insert', '{"r":' || random()::text || ',"count":' || cardinality(v_waiting)::text || '}');
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION "closebook_check_new_lines"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_missing_entries BOOLEAN;
  v_wanted INT;
  v_found INT;
BEGIN
  SELECT EXISTS (SELECT 1 FROM new_lines n
                  WHERE NOT EXISTS (SELECT 1 FROM journal_entries e WHERE e.id = n.entry_id AND e.organization_id = n.organization_id)),
         (SELECT count(*) FROM (SELECT DISTINCT organization_id, account_id FROM new_lines) AS used),
         (SELECT count(*) FROM (SELECT 1 FROM accounts a
                                 WHERE (a.organization_id, a.id) IN (SELECT organization_id, account_id FROM new_lines)
                                   FOR KEY SHARE) AS locked)
    INTO v_missing_entries, v_wanted, v_found;
  IF v_missing_entries THEN
    PERFORM closebook_missing_reference('insert into journal_lines refers to a journal entry that does not exist or is of another organization');
  END IF;
  IF v_found < v_wanted THEN
    PERFORM closebook_missing_reference('insert into journal_lines refers to an account that does not exist or is of another organization');
  END IF;
  RETURN NULL;
END $$;
