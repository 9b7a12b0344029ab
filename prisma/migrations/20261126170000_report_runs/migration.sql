-- End-of-period report runs (issue 5): runs, their items (one per organization and report
-- type, pointing at an immutable snapshot in MongoDB) and queue worker liveness.
-- CreateEnum
CREATE TYPE "ReportRunStatus" AS ENUM ('running', 'completed', 'completed_with_failures');

-- CreateEnum
CREATE TYPE "ReportRunItemStatus" AS ENUM ('pending', 'done', 'failed');

-- CreateTable
CREATE TABLE "report_runs" (
    "id" UUID NOT NULL,
    "period" CHAR(7) NOT NULL,
    "organization_ids" UUID[],
    "report_types" TEXT[],
    "close_period" BOOLEAN NOT NULL DEFAULT false,
    "fingerprint" TEXT NOT NULL,
    "status" "ReportRunStatus" NOT NULL DEFAULT 'running',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "report_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_run_items" (
    "run_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "report_type" TEXT NOT NULL,
    "status" "ReportRunItemStatus" NOT NULL DEFAULT 'pending',
    "snapshot_id" CHAR(24),
    "as_of_sequence" BIGINT,
    "pages" INTEGER,
    "bytes" INTEGER,
    "sha256" CHAR(64),
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "report_run_items_pkey" PRIMARY KEY ("run_id","organization_id","report_type")
);

-- CreateTable
CREATE TABLE "queue_workers" (
    "worker_id" TEXT NOT NULL,
    "process_id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_workers_pkey" PRIMARY KEY ("worker_id")
);

-- CreateIndex
CREATE INDEX "report_runs_created_at_idx" ON "report_runs"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "report_run_items_snapshot_id_key" ON "report_run_items"("snapshot_id");

-- CreateIndex
CREATE INDEX "report_run_items_run_id_status_idx" ON "report_run_items"("run_id", "status");

-- CreateIndex
CREATE INDEX "queue_workers_process_id_idx" ON "queue_workers"("process_id");

-- AddForeignKey
ALTER TABLE "report_runs" ADD CONSTRAINT "report_runs_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_run_items" ADD CONSTRAINT "report_run_items_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "report_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_run_items" ADD CONSTRAINT "report_run_items_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written constraints -------------------------------------------------------------

ALTER TABLE "report_runs"
  ALTER COLUMN "organization_ids" SET NOT NULL,
  ALTER COLUMN "report_types" SET NOT NULL,
  ADD CONSTRAINT "report_runs_period_format" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  ADD CONSTRAINT "report_runs_not_empty" CHECK (cardinality("organization_ids") > 0 AND cardinality("report_types") > 0),
  ADD CONSTRAINT "report_runs_finished" CHECK (("status" = 'running') = ("finished_at" IS NULL));

-- One running run per (period, organizations, types): starting the same run twice while
-- the first is going finds the first instead of creating a duplicate set of snapshots.
CREATE UNIQUE INDEX "report_runs_one_running" ON "report_runs"("fingerprint") WHERE "status" = 'running';

-- A done item has exactly one snapshot; a pending or failed one has none.
ALTER TABLE "report_run_items"
  ADD CONSTRAINT "report_run_items_snapshot" CHECK (("status" = 'done') = ("snapshot_id" IS NOT NULL));

-- A done item is the copy that was sent: it never changes afterwards.
CREATE FUNCTION "closebook_freeze_done_run_item"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."status" = 'done' THEN
    RAISE EXCEPTION 'report run item %/%/% is a delivered snapshot and cannot change', OLD."run_id", OLD."organization_id", OLD."report_type"
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "report_run_items_done_is_final" BEFORE UPDATE ON "report_run_items"
  FOR EACH ROW EXECUTE FUNCTION "closebook_freeze_done_run_item"();
