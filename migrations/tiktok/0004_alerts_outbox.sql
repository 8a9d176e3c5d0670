CREATE TABLE "tiktok_alert_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tiktok_alert_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_key" text NOT NULL,
	"alert_id" bigint,
	"user_id" bigint NOT NULL,
	"channel" text NOT NULL,
	"target_id" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"release_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"provider_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "tiktok_alert_deliveries_key" UNIQUE("delivery_key"),
	CONSTRAINT "tiktok_alert_deliveries_status_check" CHECK ("tiktok_alert_deliveries"."status" in ('pending', 'held', 'sending', 'sent', 'failed', 'dead', 'disabled', 'rejected', 'capped', 'digested'))
);
--> statement-breakpoint
CREATE TABLE "tiktok_alerts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tiktok_alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"alert_key" text NOT NULL,
	"kind" text NOT NULL,
	"video_id" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"confidence" double precision NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	CONSTRAINT "tiktok_alerts_key" UNIQUE("account_id","alert_key"),
	CONSTRAINT "tiktok_alerts_kind_check" CHECK ("tiktok_alerts"."kind" in ('spike', 'drop', 'fast_start', 'follower_jump', 'goal_reached'))
);
--> statement-breakpoint
ALTER TABLE "tiktok_anomalies" ADD COLUMN "confidence" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tiktok_alert_deliveries" ADD CONSTRAINT "tiktok_alert_deliveries_alert_id_tiktok_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."tiktok_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_alerts" ADD CONSTRAINT "tiktok_alerts_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tiktok_alert_deliveries_user_idx" ON "tiktok_alert_deliveries" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "tiktok_alert_deliveries_alert_idx" ON "tiktok_alert_deliveries" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "tiktok_alert_deliveries_held_idx" ON "tiktok_alert_deliveries" USING btree ("release_at") WHERE "tiktok_alert_deliveries"."status" = 'held';--> statement-breakpoint
CREATE INDEX "tiktok_alert_deliveries_updated_idx" ON "tiktok_alert_deliveries" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "tiktok_alerts_account_idx" ON "tiktok_alerts" USING btree ("account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "tiktok_alerts_undispatched_idx" ON "tiktok_alerts" USING btree ("created_at") WHERE "tiktok_alerts"."dispatched_at" IS NULL;