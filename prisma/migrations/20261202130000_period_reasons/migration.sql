-- Period close (issue 15): the reason given for the latest close or reopen of a month,
-- shown in the periods list. The full history stays in ledger_events (the event payload
-- carries the same reason); this column is the current state's "why".
ALTER TABLE "periods" ADD COLUMN "reason" TEXT;
ALTER TABLE "periods" ADD CONSTRAINT "periods_reason_length" CHECK ("reason" IS NULL OR char_length("reason") BETWEEN 1 AND 500);
