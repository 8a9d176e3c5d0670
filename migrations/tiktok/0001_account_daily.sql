CREATE TABLE "tiktok_account_daily" (
	"account_id" bigint NOT NULL,
	"day" date NOT NULL,
	"follower_count" bigint,
	"following_count" bigint,
	"likes_count" bigint,
	"video_count" bigint,
	"view_count" bigint,
	"snapshots" integer NOT NULL,
	CONSTRAINT "tiktok_account_daily_pkey" PRIMARY KEY("account_id","day")
);
--> statement-breakpoint
ALTER TABLE "tiktok_account_daily" ADD CONSTRAINT "tiktok_account_daily_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;