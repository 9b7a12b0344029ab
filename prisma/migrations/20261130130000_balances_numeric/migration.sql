-- Per account and month totals are sums of many lines: as BIGINT they overflowed after
-- ~92 postings of the largest amount (15 digits before the point), and from then on every
-- posting to that account and month failed. NUMERIC(38,0) minor units cannot overflow in
-- practice (10^21 such postings); single lines stay BIGINT (each fits by construction).
ALTER TABLE "account_period_balances"
  ALTER COLUMN "debit_minor" TYPE NUMERIC(38, 0),
  ALTER COLUMN "credit_minor" TYPE NUMERIC(38, 0);
