-- What a posting costs PostgreSQL, second pass (issue 10; perf with call graphs and
-- pg_stat_statements under 16 clients posting, 2026-12-07 — see ARCHITECTURE.md).
--
-- 1. A write that keeps a waiting rebuild job (migration 20261207110000) no longer notifies
--    `jobs:insert`. One NOTIFY per posting cost more than it saved: PostgreSQL serialises the
--    commits of all notifying transactions (PreCommit_Notify holds a database-wide lock until
--    the commit ends), so concurrent postings queued there holding their organization's row
--    lock, and every notification made the worker pool run get_job. Measured, 16 clients
--    over 8 organizations, 15 s: 256.9 postings/s with it, 329.9 without;
--    closebook_post_entry 9.3 → 4.1 ms of wall time per posting. The worker now wakes its
--    own pool when a job it was told about falls due, and retries while a posting holds the
--    job (lib/adapters/queue/due-nudge.ts); add_jobs still notifies once per new job.
-- 2. closebook_schedule_rebuilds runs its statements with one generic plan per session
--    (plan_cache_mode = force_generic_plan). With custom plans, the default, its CTE was
--    planned again at every posting: 17 % of PostgreSQL's CPU, the largest single item.
--    Its plans do not depend on the values (one organization's few periods).
-- 3. The chain's link function is declared STABLE, what its body is (convert_to is STABLE):
--    declared IMMUTABLE it was never inlined, so every link ran as a SQL-function call, parsed
--    and planned again in each transaction. Same body, same hashes
--    (tests/integration/ledger-hash.int.test.ts recomputes them outside PostgreSQL).

-- graphile_worker's schema (job_spec) is installed after the migrations (lib/adapters/db/migrate.ts).
SET check_function_bodies = off;

CREATE OR REPLACE FUNCTION closebook_schedule_rebuilds(
  p_organization_id uuid, p_periods text[], p_from text, p_through text, p_not_after text,
  p_sequence bigint, p_types text[], p_max_eager int, p_max_attempts smallint, p_catch_up_priority smallint,
  p_debounce_ms int)
RETURNS void
LANGUAGE plpgsql
-- One generic plan per session (2. above).
SET plan_cache_mode = force_generic_plan
AS $$
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
  END IF;
END
$$;

-- 3. above: inlined into the chain's loop and into verification.
ALTER FUNCTION "closebook_ledger_link"(BYTEA, TEXT) STABLE;
