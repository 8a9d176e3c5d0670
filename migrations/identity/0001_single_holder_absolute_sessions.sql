DROP INDEX "identity"."user_tiktok_accounts_account_idx";--> statement-breakpoint
ALTER TABLE "identity"."sessions" ADD COLUMN "authenticated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Existing families: the absolute lifetime runs from their first row, not from this migration.
UPDATE "identity"."sessions" s SET "authenticated_at" = f.started
  FROM (SELECT "family_id", min("created_at") AS started FROM "identity"."sessions" GROUP BY "family_id") f
  WHERE s."family_id" = f."family_id";--> statement-breakpoint
-- One holder per account: where several users were linked, the latest connect (TikTok's latest consent) keeps it.
DELETE FROM "identity"."user_tiktok_accounts" l
  WHERE EXISTS (SELECT 1 FROM "identity"."user_tiktok_accounts" n
    WHERE n."tiktok_account_id" = l."tiktok_account_id"
      AND (n."created_at", n."user_id") > (l."created_at", l."user_id"));--> statement-breakpoint
CREATE UNIQUE INDEX "user_tiktok_accounts_account_key" ON "identity"."user_tiktok_accounts" USING btree ("tiktok_account_id");
