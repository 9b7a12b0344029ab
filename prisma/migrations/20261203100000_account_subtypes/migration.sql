-- Account sub-types (issue 15 item 5): where an account sits on the face of the statements
-- (gross and operating profit on the income statement, current / non-current on the balance
-- sheet). The pairs (type, subtype) are the ones of lib/domains/accounting/account-types.ts.
ALTER TABLE "accounts" ADD COLUMN "subtype" TEXT;

-- Existing charts: an account whose code and type match the default chart
-- (lib/domains/ledger/default-chart.ts) gets that chart's sub-type; every other account the
-- default of its type. Both can be changed afterwards in the chart of accounts.
UPDATE "accounts" AS a
   SET "subtype" = d.subtype
  FROM (VALUES
    ('1000', 'asset', 'current-asset'), ('1010', 'asset', 'current-asset'), ('1100', 'asset', 'current-asset'),
    ('1200', 'asset', 'current-asset'), ('1300', 'asset', 'current-asset'),
    ('1500', 'asset', 'non-current-asset'), ('1510', 'asset', 'non-current-asset'),
    ('2000', 'liability', 'current-liability'), ('2100', 'liability', 'current-liability'),
    ('2200', 'liability', 'current-liability'), ('2300', 'liability', 'current-liability'),
    ('2500', 'liability', 'non-current-liability'),
    ('4900', 'revenue', 'other-income'),
    ('5000', 'expense', 'cost-of-sales'),
    ('6900', 'expense', 'other-expense')
  ) AS d(code, type, subtype)
 WHERE a."code" = d.code AND a."type"::text = d.type;

UPDATE "accounts"
   SET "subtype" = CASE "type"::text
                     WHEN 'asset' THEN 'current-asset'
                     WHEN 'liability' THEN 'current-liability'
                     WHEN 'equity' THEN 'equity'
                     WHEN 'revenue' THEN 'revenue'
                     ELSE 'operating-expense'
                   END
 WHERE "subtype" IS NULL;

ALTER TABLE "accounts" ALTER COLUMN "subtype" SET NOT NULL;
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_subtype_check" CHECK (
     ("type" = 'asset' AND "subtype" IN ('current-asset', 'non-current-asset'))
  OR ("type" = 'liability' AND "subtype" IN ('current-liability', 'non-current-liability'))
  OR ("type" = 'equity' AND "subtype" = 'equity')
  OR ("type" = 'revenue' AND "subtype" IN ('revenue', 'other-income'))
  OR ("type" = 'expense' AND "subtype" IN ('cost-of-sales', 'operating-expense', 'other-expense'))
);
