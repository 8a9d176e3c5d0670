CREATE TABLE "tiktok_account_audience" (
	"account_id" bigint NOT NULL,
	"day" date NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"ages" jsonb,
	"genders" jsonb,
	"countries" jsonb,
	"cities" jsonb,
	CONSTRAINT "tiktok_account_audience_pkey" PRIMARY KEY("account_id","day")
);
--> statement-breakpoint
CREATE TABLE "tiktok_account_watch_daily" (
	"account_id" bigint NOT NULL,
	"date" date NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"video_views" bigint,
	"unique_video_views" bigint,
	"likes" bigint,
	"comments" bigint,
	"shares" bigint,
	"engaged_audience" bigint,
	"followers" bigint,
	"followers_net" bigint,
	"followers_gained" bigint,
	"followers_lost" bigint,
	"profile_views" bigint,
	"bio_link_clicks" bigint,
	"audience_activity" jsonb,
	CONSTRAINT "tiktok_account_watch_daily_pkey" PRIMARY KEY("account_id","date")
);
--> statement-breakpoint
CREATE TABLE "tiktok_video_watch" (
	"video_id" text NOT NULL,
	"day" date NOT NULL,
	"account_id" bigint NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"video_views" bigint,
	"reach" bigint,
	"likes" bigint,
	"comments" bigint,
	"shares" bigint,
	"favorites" bigint,
	"new_followers" bigint,
	"profile_views" bigint,
	"website_clicks" bigint,
	"duration_seconds" double precision,
	"total_time_watched" double precision,
	"average_time_watched" double precision,
	"full_video_watched_rate" double precision,
	"retention" jsonb,
	"engagement_likes" jsonb,
	"impression_sources" jsonb,
	"audience_types" jsonb,
	"audience_genders" jsonb,
	"audience_countries" jsonb,
	"audience_cities" jsonb,
	CONSTRAINT "tiktok_video_watch_pkey" PRIMARY KEY("video_id","day")
);
--> statement-breakpoint
CREATE TABLE "tiktok_watch_connections" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"business_id" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"granted_scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_business_account" boolean,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"data_through" date,
	"last_fetched_at" timestamp with time zone,
	"next_fetch_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tiktok_watch_connections_business_id_unique" UNIQUE("business_id"),
	CONSTRAINT "tiktok_watch_connections_status_check" CHECK ("tiktok_watch_connections"."status" in ('active', 'needs_reconnect', 'missing_scopes', 'revoked'))
);
--> statement-breakpoint
CREATE TABLE "tiktok_watch_credentials" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"access_token_ciphertext" text NOT NULL,
	"refresh_token_ciphertext" text NOT NULL,
	"key_version" integer NOT NULL,
	"scope" text NOT NULL,
	"access_expires_at" timestamp with time zone NOT NULL,
	"refresh_expires_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"refresh_lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tiktok_account_audience" ADD CONSTRAINT "tiktok_account_audience_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_account_watch_daily" ADD CONSTRAINT "tiktok_account_watch_daily_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_video_watch" ADD CONSTRAINT "tiktok_video_watch_video_id_tiktok_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."tiktok_videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_watch_connections" ADD CONSTRAINT "tiktok_watch_connections_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_watch_credentials" ADD CONSTRAINT "tiktok_watch_credentials_account_id_tiktok_watch_connections_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_watch_connections"("account_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tiktok_account_audience_day_idx" ON "tiktok_account_audience" USING btree ("day");--> statement-breakpoint
CREATE INDEX "tiktok_video_watch_account_day_idx" ON "tiktok_video_watch" USING btree ("account_id","day");--> statement-breakpoint
CREATE INDEX "tiktok_video_watch_day_idx" ON "tiktok_video_watch" USING btree ("day");--> statement-breakpoint
CREATE INDEX "tiktok_watch_connections_due_idx" ON "tiktok_watch_connections" USING btree ("next_fetch_at","account_id") WHERE "tiktok_watch_connections"."status" = 'active';