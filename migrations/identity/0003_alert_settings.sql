CREATE TABLE "identity"."alert_preferences" (
	"user_id" bigint PRIMARY KEY NOT NULL,
	"kinds" text[] DEFAULT ARRAY['spike','drop','fast_start','follower_jump','goal_reached'] NOT NULL,
	"email_enabled" boolean DEFAULT false NOT NULL,
	"push_enabled" boolean DEFAULT false NOT NULL,
	"webhooks_enabled" boolean DEFAULT false NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"quiet_start" smallint,
	"quiet_end" smallint,
	"held" text DEFAULT 'release' NOT NULL,
	"digest_enabled" boolean DEFAULT false NOT NULL,
	"digest_hour" smallint DEFAULT 8 NOT NULL,
	"daily_cap" integer DEFAULT 10 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_preferences_held_check" CHECK ("identity"."alert_preferences"."held" in ('release', 'digest')),
	CONSTRAINT "alert_preferences_quiet_check" CHECK ("identity"."alert_preferences"."quiet_start" BETWEEN 0 AND 1439 AND "identity"."alert_preferences"."quiet_end" BETWEEN 0 AND 1439),
	CONSTRAINT "alert_preferences_digest_hour_check" CHECK ("identity"."alert_preferences"."digest_hour" BETWEEN 0 AND 23),
	CONSTRAINT "alert_preferences_cap_check" CHECK ("identity"."alert_preferences"."daily_cap" BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE "identity"."alert_webhooks" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "identity"."alert_webhooks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"url" text NOT NULL,
	"format" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	CONSTRAINT "alert_webhooks_format_check" CHECK ("identity"."alert_webhooks"."format" in ('slack', 'discord', 'json'))
);
--> statement-breakpoint
CREATE TABLE "identity"."push_subscriptions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "identity"."push_subscriptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"endpoint" text NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text
);
--> statement-breakpoint
ALTER TABLE "identity"."alert_preferences" ADD CONSTRAINT "alert_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."alert_webhooks" ADD CONSTRAINT "alert_webhooks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_webhooks_user_idx" ON "identity"."alert_webhooks" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "push_subscriptions_endpoint_key" ON "identity"."push_subscriptions" USING btree ("endpoint");--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "identity"."push_subscriptions" USING btree ("user_id");