-- Web processes cache who a token or session belongs to and each user's role per
-- organization (lib/cache/). Any change to those rows — through the app, a script or an
-- operator's SQL — notifies them on commit (channel closebook_invalidate, payload
-- "kind:key"), so a revoked token, a signed-out session or a removed member stops working
-- at once, without the app having to remember to say so.
CREATE FUNCTION "closebook_notify_credential"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('closebook_invalidate',
    'credential:' || CASE TG_TABLE_NAME WHEN 'api_tokens' THEN 'token:' ELSE 'session:' END || OLD."token_hash");
  RETURN NULL;
END $$;

CREATE FUNCTION "closebook_notify_membership"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed RECORD;
BEGIN
  IF TG_OP = 'INSERT' THEN changed := NEW; ELSE changed := OLD; END IF;
  PERFORM pg_notify('closebook_invalidate', 'membership:' || changed."user_id" || ':' || changed."organization_id");
  IF TG_OP = 'UPDATE' AND (NEW."user_id", NEW."organization_id") IS DISTINCT FROM (OLD."user_id", OLD."organization_id") THEN
    PERFORM pg_notify('closebook_invalidate', 'membership:' || NEW."user_id" || ':' || NEW."organization_id");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "api_tokens_notify" AFTER UPDATE OR DELETE ON "api_tokens"
  FOR EACH ROW EXECUTE FUNCTION "closebook_notify_credential"();
CREATE TRIGGER "sessions_notify" AFTER UPDATE OR DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "closebook_notify_credential"();
CREATE TRIGGER "memberships_notify" AFTER INSERT OR UPDATE OR DELETE ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION "closebook_notify_membership"();
