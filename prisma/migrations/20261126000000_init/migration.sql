
-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'accountant', 'viewer');

-- CreateEnum
CREATE TYPE "AccountType" AS ENUM ('asset', 'liability', 'equity', 'revenue', 'expense');

-- CreateEnum
CREATE TYPE "PeriodStatus" AS ENUM ('open', 'closed');

-- CreateTable
CREATE TABLE "organizations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "base_currency" CHAR(3) NOT NULL,
    "fiscal_year_start_month" SMALLINT NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "memberships" (
    "organization_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "memberships_pkey" PRIMARY KEY ("organization_id","user_id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT 'api',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "AccountType" NOT NULL,
    "is_retained_earnings" BOOLEAN NOT NULL DEFAULT false,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "periods" (
    "organization_id" UUID NOT NULL,
    "period" CHAR(7) NOT NULL,
    "status" "PeriodStatus" NOT NULL DEFAULT 'open',
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changed_by_id" UUID,

    CONSTRAINT "periods_pkey" PRIMARY KEY ("organization_id","period")
);

-- CreateTable
CREATE TABLE "journal_entries" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "sequence" BIGINT NOT NULL,
    "date" DATE NOT NULL,
    "period" CHAR(7) NOT NULL,
    "memo" TEXT NOT NULL,
    "reference" TEXT,
    "reverses_entry_id" UUID,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "journal_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "journal_lines" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "line_no" SMALLINT NOT NULL,
    "account_id" UUID NOT NULL,
    "debit_minor" BIGINT NOT NULL DEFAULT 0,
    "credit_minor" BIGINT NOT NULL DEFAULT 0,
    "description" TEXT,

    CONSTRAINT "journal_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_period_balances" (
    "organization_id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "period" CHAR(7) NOT NULL,
    "debit_minor" BIGINT NOT NULL DEFAULT 0,
    "credit_minor" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "account_period_balances_pkey" PRIMARY KEY ("organization_id","account_id","period")
);

-- CreateTable
CREATE TABLE "ledger_events" (
    "sequence" BIGSERIAL NOT NULL,
    "organization_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "actor_id" UUID,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_events_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "report_targets" (
    "organization_id" UUID NOT NULL,
    "report_type" TEXT NOT NULL,
    "period" CHAR(7) NOT NULL,
    "required_sequence" BIGINT NOT NULL,

    CONSTRAINT "report_targets_pkey" PRIMARY KEY ("organization_id","report_type","period")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "memberships_user_id_idx" ON "memberships"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "sessions_token_hash_key" ON "sessions"("token_hash");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_organization_id_code_key" ON "accounts"("organization_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "accounts_organization_id_id_key" ON "accounts"("organization_id", "id");

-- CreateIndex
CREATE UNIQUE INDEX "journal_entries_sequence_key" ON "journal_entries"("sequence");

-- CreateIndex
CREATE UNIQUE INDEX "journal_entries_reverses_entry_id_key" ON "journal_entries"("reverses_entry_id");

-- CreateIndex
CREATE INDEX "journal_entries_organization_id_period_idx" ON "journal_entries"("organization_id", "period");

-- CreateIndex
CREATE INDEX "journal_entries_organization_id_date_idx" ON "journal_entries"("organization_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "journal_entries_organization_id_idempotency_key_key" ON "journal_entries"("organization_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "journal_entries_organization_id_id_key" ON "journal_entries"("organization_id", "id");

-- CreateIndex
CREATE INDEX "journal_lines_organization_id_account_id_idx" ON "journal_lines"("organization_id", "account_id");

-- CreateIndex
CREATE UNIQUE INDEX "journal_lines_entry_id_line_no_key" ON "journal_lines"("entry_id", "line_no");

-- CreateIndex
CREATE INDEX "account_period_balances_organization_id_period_idx" ON "account_period_balances"("organization_id", "period");

-- CreateIndex
CREATE INDEX "ledger_events_organization_id_sequence_idx" ON "ledger_events"("organization_id", "sequence");

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "periods" ADD CONSTRAINT "periods_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_reverses_entry_id_fkey" FOREIGN KEY ("reverses_entry_id") REFERENCES "journal_entries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_organization_id_entry_id_fkey" FOREIGN KEY ("organization_id", "entry_id") REFERENCES "journal_entries"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_organization_id_account_id_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_period_balances" ADD CONSTRAINT "account_period_balances_organization_id_account_id_fkey" FOREIGN KEY ("organization_id", "account_id") REFERENCES "accounts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_events" ADD CONSTRAINT "ledger_events_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_targets" ADD CONSTRAINT "report_targets_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- ---------------------------------------------------------------------------------------
-- Hand-written below: the accounting rules the database itself must guarantee, whatever
-- code path writes. Prisma's schema language cannot express these.
-- ---------------------------------------------------------------------------------------

ALTER TABLE "organizations"
  ADD CONSTRAINT "organizations_fiscal_year_start_month_check" CHECK ("fiscal_year_start_month" BETWEEN 1 AND 12),
  ADD CONSTRAINT "organizations_base_currency_check" CHECK ("base_currency" ~ '^[A-Z]{3}$'),
  ADD CONSTRAINT "organizations_name_check" CHECK (length(btrim("name")) > 0);

ALTER TABLE "accounts"
  ADD CONSTRAINT "accounts_code_check" CHECK ("code" ~ '^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$'),
  ADD CONSTRAINT "accounts_retained_earnings_is_equity_check" CHECK (NOT "is_retained_earnings" OR "type" = 'equity');
-- One retained-earnings account per organization.
CREATE UNIQUE INDEX "accounts_one_retained_earnings_per_org" ON "accounts" ("organization_id") WHERE "is_retained_earnings";

ALTER TABLE "periods"
  ADD CONSTRAINT "periods_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');

ALTER TABLE "journal_entries"
  ADD CONSTRAINT "journal_entries_period_matches_date_check" CHECK ("period" = to_char("date", 'YYYY-MM')),
  ADD CONSTRAINT "journal_entries_sequence_fkey" FOREIGN KEY ("sequence") REFERENCES "ledger_events"("sequence") ON DELETE RESTRICT ON UPDATE RESTRICT,
  ADD CONSTRAINT "journal_entries_idempotency_check" CHECK (("idempotency_key" IS NULL) = ("request_hash" IS NULL));

-- Amounts are non-negative minor units and a line is either a debit or a credit, never both.
ALTER TABLE "journal_lines"
  ADD CONSTRAINT "journal_lines_amounts_check" CHECK (
    "debit_minor" >= 0 AND "credit_minor" >= 0 AND (("debit_minor" > 0) <> ("credit_minor" > 0))
  );

ALTER TABLE "account_period_balances"
  ADD CONSTRAINT "account_period_balances_amounts_check" CHECK ("debit_minor" >= 0 AND "credit_minor" >= 0),
  ADD CONSTRAINT "account_period_balances_period_check" CHECK ("period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$');

-- Every posted entry balances, checked when its transaction commits (lines are inserted
-- after the entry, so the check is deferred to the end of the transaction).
CREATE FUNCTION "closebook_check_entry_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  debits BIGINT;
  credits BIGINT;
  line_count INT;
BEGIN
  SELECT COALESCE(SUM("debit_minor"), 0), COALESCE(SUM("credit_minor"), 0), COUNT(*)
    INTO debits, credits, line_count
    FROM "journal_lines" WHERE "entry_id" = NEW."id";
  IF line_count < 2 THEN
    RAISE EXCEPTION 'journal entry % has % line(s); at least 2 are required', NEW."id", line_count
      USING ERRCODE = 'check_violation';
  END IF;
  IF debits <> credits THEN
    RAISE EXCEPTION 'journal entry % is unbalanced: debits % <> credits %', NEW."id", debits, credits
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "journal_entries_balanced"
  AFTER INSERT ON "journal_entries"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "closebook_check_entry_balanced"();

-- The journal and the event log are append-only: a correction is a reversing entry.
CREATE FUNCTION "closebook_forbid_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER "journal_entries_append_only" BEFORE UPDATE OR DELETE ON "journal_entries"
  FOR EACH ROW EXECUTE FUNCTION "closebook_forbid_change"();
CREATE TRIGGER "journal_lines_append_only" BEFORE UPDATE OR DELETE ON "journal_lines"
  FOR EACH ROW EXECUTE FUNCTION "closebook_forbid_change"();
CREATE TRIGGER "ledger_events_append_only" BEFORE UPDATE OR DELETE ON "ledger_events"
  FOR EACH ROW EXECUTE FUNCTION "closebook_forbid_change"();
