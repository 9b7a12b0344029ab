-- Users and access (issue 11): sign-in throttling, token bookkeeping, clean-up.

-- Failed (or in-flight) sign-in attempts, counted per e-mail and per client address.
CREATE TABLE "sign_in_attempts" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "address" TEXT,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "sign_in_attempts_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "sign_in_attempts_email_attempted_at_idx" ON "sign_in_attempts"("email", "attempted_at");
CREATE INDEX "sign_in_attempts_address_attempted_at_idx" ON "sign_in_attempts"("address", "attempted_at");
CREATE INDEX "sign_in_attempts_attempted_at_idx" ON "sign_in_attempts"("attempted_at");

-- The daily clean-up deletes expired credentials by expiry.
CREATE INDEX "api_tokens_expires_at_idx" ON "api_tokens"("expires_at");
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");

-- last_used_at is bookkeeping, not part of what a token grants: writing it must not drop
-- the token from every web process's credential cache (the download hot path would then
-- ask the database again after each write). Only a change of owner, hash or expiry — or a
-- deletion, i.e. a revocation — notifies. A DELETE trigger cannot name NEW, hence two.
DROP TRIGGER "api_tokens_notify" ON "api_tokens";
CREATE TRIGGER "api_tokens_notify_delete" AFTER DELETE ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION "closebook_notify_credential"();
CREATE TRIGGER "api_tokens_notify_update" AFTER UPDATE ON "api_tokens"
  FOR EACH ROW
  WHEN ((OLD."user_id", OLD."token_hash", OLD."expires_at") IS DISTINCT FROM (NEW."user_id", NEW."token_hash", NEW."expires_at"))
  EXECUTE FUNCTION "closebook_notify_credential"();
