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
CREATE TABLE "tiktok_account_snapshots" (
	"account_id" bigint NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"follower_count" bigint,
	"following_count" bigint,
	"likes_count" bigint,
	"video_count" bigint,
	"view_count" bigint,
	CONSTRAINT "tiktok_account_snapshots_pkey" PRIMARY KEY("account_id","slot"),
	CONSTRAINT "tiktok_account_snapshots_slot_check" CHECK (extract(epoch from "tiktok_account_snapshots"."slot")::bigint % 1800 = 0)
);
--> statement-breakpoint
CREATE TABLE "tiktok_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tiktok_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"open_id" text NOT NULL,
	"union_id" text,
	"display_name" text,
	"username" text,
	"avatar_url" text,
	"bio_description" text,
	"profile_deep_link" text,
	"is_verified" boolean,
	"status" text DEFAULT 'active' NOT NULL,
	"status_reason" text,
	"granted_scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"follower_count" bigint,
	"following_count" bigint,
	"likes_count" bigint,
	"video_count" bigint,
	"view_count" bigint,
	"engagement_rate" double precision,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"last_synced_at" timestamp with time zone,
	"newest_video_at" timestamp with time zone,
	"next_snapshot_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tiktok_accounts_open_id_unique" UNIQUE("open_id"),
	CONSTRAINT "tiktok_accounts_status_check" CHECK ("tiktok_accounts"."status" in ('active', 'needs_reconnect', 'missing_scopes', 'revoked'))
);
--> statement-breakpoint
CREATE TABLE "tiktok_credentials" (
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
CREATE TABLE "tiktok_video_snapshots" (
	"video_id" text NOT NULL,
	"account_id" bigint NOT NULL,
	"slot" timestamp with time zone NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	"view_count" bigint NOT NULL,
	"like_count" bigint NOT NULL,
	"comment_count" bigint NOT NULL,
	"share_count" bigint NOT NULL,
	CONSTRAINT "tiktok_video_snapshots_pkey" PRIMARY KEY("video_id","slot"),
	CONSTRAINT "tiktok_video_snapshots_slot_check" CHECK (extract(epoch from "tiktok_video_snapshots"."slot")::bigint % 1800 = 0)
);
--> statement-breakpoint
CREATE TABLE "tiktok_videos" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" bigint NOT NULL,
	"create_time" timestamp with time zone NOT NULL,
	"title" text,
	"description" text,
	"duration_seconds" integer,
	"share_url" text,
	"embed_link" text,
	"cover_image_url" text,
	"cover_image_fetched_at" timestamp with time zone,
	"view_count" bigint DEFAULT 0 NOT NULL,
	"like_count" bigint DEFAULT 0 NOT NULL,
	"comment_count" bigint DEFAULT 0 NOT NULL,
	"share_count" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'public' NOT NULL,
	"analytics" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"metrics_updated_at" timestamp with time zone,
	"next_refresh_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tiktok_videos_id_check" CHECK ("tiktok_videos"."id" ~ '^[0-9]{1,20}$'),
	CONSTRAINT "tiktok_videos_status_check" CHECK ("tiktok_videos"."status" in ('public', 'unavailable')),
	CONSTRAINT "tiktok_videos_counts_check" CHECK ("tiktok_videos"."view_count" >= 0 and "tiktok_videos"."like_count" >= 0 and "tiktok_videos"."comment_count" >= 0 and "tiktok_videos"."share_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tiktok_anomalies" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tiktok_anomalies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"video_id" text,
	"metric" text NOT NULL,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"score" double precision NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"observed" double precision NOT NULL,
	"expected" double precision NOT NULL,
	"event_key" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tiktok_anomalies_event_key" UNIQUE("account_id","event_key"),
	CONSTRAINT "tiktok_anomalies_kind_check" CHECK ("tiktok_anomalies"."kind" in ('spike', 'drop')),
	CONSTRAINT "tiktok_anomalies_severity_check" CHECK ("tiktok_anomalies"."severity" in ('low', 'medium', 'high'))
);
--> statement-breakpoint
CREATE TABLE "tiktok_insights" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tiktok_insights_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"video_id" text,
	"kind" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"rank" double precision DEFAULT 0 NOT NULL,
	"fact_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tiktok_insights_fact_key" UNIQUE("account_id","fact_key"),
	CONSTRAINT "tiktok_insights_severity_check" CHECK ("tiktok_insights"."severity" in ('info', 'low', 'medium', 'high'))
);
--> statement-breakpoint
CREATE TABLE "tiktok_api_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tiktok_health_metrics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tiktok_health_metrics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"metric" text NOT NULL,
	"value" double precision NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tiktok_ingest_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tiktok_ingest_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"job_key" text NOT NULL,
	"account_id" bigint,
	"status" text NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"tiktok_calls" integer DEFAULT 0 NOT NULL,
	"rows_written" integer DEFAULT 0 NOT NULL,
	"error_code" text,
	"error_message" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "tiktok_ingest_logs_status_check" CHECK ("tiktok_ingest_logs"."status" in ('ok', 'failed', 'dead_lettered', 'skipped'))
);
--> statement-breakpoint
ALTER TABLE "tiktok_account_daily" ADD CONSTRAINT "tiktok_account_daily_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_account_snapshots" ADD CONSTRAINT "tiktok_account_snapshots_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_credentials" ADD CONSTRAINT "tiktok_credentials_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_video_snapshots" ADD CONSTRAINT "tiktok_video_snapshots_video_id_tiktok_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."tiktok_videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_videos" ADD CONSTRAINT "tiktok_videos_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_anomalies" ADD CONSTRAINT "tiktok_anomalies_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_insights" ADD CONSTRAINT "tiktok_insights_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tiktok_accounts_active_id_idx" ON "tiktok_accounts" USING btree ("id") WHERE "tiktok_accounts"."status" = 'active';--> statement-breakpoint
CREATE INDEX "tiktok_video_snapshots_account_slot_idx" ON "tiktok_video_snapshots" USING btree ("account_id","slot");--> statement-breakpoint
CREATE INDEX "tiktok_videos_account_views_idx" ON "tiktok_videos" USING btree ("account_id","view_count" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tiktok_videos_account_created_idx" ON "tiktok_videos" USING btree ("account_id","create_time" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tiktok_videos_account_refresh_idx" ON "tiktok_videos" USING btree ("account_id","next_refresh_at");--> statement-breakpoint
CREATE INDEX "tiktok_anomalies_video_idx" ON "tiktok_anomalies" USING btree ("video_id","window_start" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tiktok_anomalies_account_idx" ON "tiktok_anomalies" USING btree ("account_id","window_start" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tiktok_insights_account_rank_idx" ON "tiktok_insights" USING btree ("account_id","expires_at","rank" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tiktok_api_cache_expires_idx" ON "tiktok_api_cache" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "tiktok_health_metrics_metric_idx" ON "tiktok_health_metrics" USING btree ("metric","recorded_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "tiktok_ingest_logs_job_ok_idx" ON "tiktok_ingest_logs" USING btree ("job_key") WHERE "tiktok_ingest_logs"."status" = 'ok';--> statement-breakpoint
CREATE INDEX "tiktok_ingest_logs_finished_idx" ON "tiktok_ingest_logs" USING btree ("kind","status","finished_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tiktok_ingest_logs_account_idx" ON "tiktok_ingest_logs" USING btree ("account_id","finished_at" DESC NULLS LAST);