-- Invitations (issue 11, item 2): an admin invites an e-mail with a role; the link carries a
-- random token of which only the SHA-256 is stored, so a database leak leaks no usable link.

-- CreateTable
CREATE TABLE "invitations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "invited_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "accepted_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "invitations_token_hash_key" ON "invitations"("token_hash");

-- CreateIndex
CREATE INDEX "invitations_organization_id_idx" ON "invitations"("organization_id");

-- CreateIndex
CREATE INDEX "invitations_expires_at_idx" ON "invitations"("expires_at");

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_fkey" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- E-mails are stored normalised as users' are (trimmed, lower case), so an invitation
-- finds its account by equality.
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_email_normalised" CHECK ("email" = lower(btrim("email")) AND "email" <> '');
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_expiry_after_creation" CHECK ("expires_at" > "created_at");
-- Spent one way only: accepted or revoked, never both.
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_spent_once" CHECK ("accepted_at" IS NULL OR "revoked_at" IS NULL);

-- One pending invitation per (organization, e-mail): inviting again revokes the pending one
-- in the same transaction; two admins inviting the same address at once get one winner.
CREATE UNIQUE INDEX "invitations_one_pending_per_email" ON "invitations"("organization_id", "email")
  WHERE "accepted_at" IS NULL AND "revoked_at" IS NULL;
