-- Report settings per organization (issue 15): how its readers write numbers on screen and
-- in PDFs ('en' 1,234.56 · 'de' 1.234,56 · 'pl' 1 234,56 · 'fr' 1 234,56 · 'ch' 1'234.56)
-- and the paper of its PDFs when a download names none. CSV and XLSX do not use them.
ALTER TABLE "organizations"
  ADD COLUMN "number_format" TEXT NOT NULL DEFAULT 'en',
  ADD COLUMN "paper_size" TEXT NOT NULL DEFAULT 'A4',
  ADD CONSTRAINT "organizations_number_format_check" CHECK ("number_format" IN ('en', 'de', 'pl', 'fr', 'ch')),
  ADD CONSTRAINT "organizations_paper_size_check" CHECK ("paper_size" IN ('A4', 'LETTER'));

-- Web processes cache these settings for the download hot path (they name the PDF's ETag):
-- any change, through the app or an operator's SQL, drops that organization's entry on commit.
CREATE FUNCTION "closebook_notify_organization"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('closebook_invalidate', 'organization:' || NEW."id");
  RETURN NULL;
END $$;

CREATE TRIGGER "organizations_notify_settings" AFTER UPDATE ON "organizations"
  FOR EACH ROW
  WHEN ((OLD."number_format", OLD."paper_size") IS DISTINCT FROM (NEW."number_format", NEW."paper_size"))
  EXECUTE FUNCTION "closebook_notify_organization"();
