ALTER TABLE "identity"."oauth_states" ADD COLUMN "purpose" text DEFAULT 'connect' NOT NULL;--> statement-breakpoint
ALTER TABLE "identity"."oauth_states" ADD COLUMN "tiktok_account_id" bigint;--> statement-breakpoint
ALTER TABLE "identity"."oauth_states" ADD CONSTRAINT "oauth_states_purpose_check" CHECK ("identity"."oauth_states"."purpose" in ('connect', 'watch'));--> statement-breakpoint
ALTER TABLE "identity"."oauth_states" ADD CONSTRAINT "oauth_states_watch_account_check" CHECK (("identity"."oauth_states"."purpose" = 'watch') = ("identity"."oauth_states"."tiktok_account_id" IS NOT NULL));