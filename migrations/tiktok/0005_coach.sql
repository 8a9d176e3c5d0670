CREATE TABLE "tiktok_coach_settings" (
	"account_id" bigint PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tiktok_experiments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tiktok_experiments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"name" text NOT NULL,
	"arm_a_label" text NOT NULL,
	"arm_a_negate" boolean DEFAULT false NOT NULL,
	"arm_b_label" text NOT NULL,
	"arm_b_negate" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tiktok_goals" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tiktok_goals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"account_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"target" bigint NOT NULL,
	"baseline" bigint NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tiktok_goals_kind_check" CHECK ("tiktok_goals"."kind" in ('followers', 'views')),
	CONSTRAINT "tiktok_goals_target_check" CHECK ("tiktok_goals"."target" > 0 and "tiktok_goals"."deadline" > "tiktok_goals"."start_at")
);
--> statement-breakpoint
CREATE TABLE "tiktok_video_labels" (
	"video_id" text NOT NULL,
	"account_id" bigint NOT NULL,
	"label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tiktok_video_labels_pkey" PRIMARY KEY("video_id","label")
);
--> statement-breakpoint
ALTER TABLE "tiktok_coach_settings" ADD CONSTRAINT "tiktok_coach_settings_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_experiments" ADD CONSTRAINT "tiktok_experiments_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_goals" ADD CONSTRAINT "tiktok_goals_account_id_tiktok_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."tiktok_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tiktok_video_labels" ADD CONSTRAINT "tiktok_video_labels_video_id_tiktok_videos_id_fk" FOREIGN KEY ("video_id") REFERENCES "public"."tiktok_videos"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tiktok_experiments_account_idx" ON "tiktok_experiments" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "tiktok_goals_account_idx" ON "tiktok_goals" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "tiktok_video_labels_account_idx" ON "tiktok_video_labels" USING btree ("account_id");