import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { accountRef } from "./accounts";
import { createdAt, identityId, instant, updatedAt } from "./columns";
import { videos } from "./videos";

/**
 * The growth coach's inputs the creator sets (src/analytics/coach): the time zone labels and
 * missions are read in, goals, experiments and hand-made labels. They belong to the account (so
 * the data routes' claim check guards them, as every other account row) and go with it when it is
 * deleted.
 */
export const GOAL_KINDS = ["followers", "views"] as const;

export const coachSettings = pgTable("tiktok_coach_settings", {
  accountId: accountRef().primaryKey(),
  /** IANA zone (checked by the API with Intl). */
  timeZone: text("time_zone").notNull(),
  updatedAt: updatedAt(),
});

export const goals = pgTable(
  "tiktok_goals",
  {
    id: identityId(),
    accountId: accountRef().notNull(),
    kind: text("kind", { enum: GOAL_KINDS }).notNull(),
    target: bigint("target", { mode: "number" }).notNull(),
    /** Followers when the goal was set (progress starts there). */
    baseline: bigint("baseline", { mode: "number" }).notNull(),
    startAt: instant("start_at").notNull(),
    deadline: instant("deadline").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check("tiktok_goals_kind_check", sql`${t.kind} in ('followers', 'views')`),
    check("tiktok_goals_target_check", sql`${t.target} > 0 and ${t.deadline} > ${t.startAt}`),
    index("tiktok_goals_account_idx").on(t.accountId),
  ],
);

export const experiments = pgTable(
  "tiktok_experiments",
  {
    id: identityId(),
    accountId: accountRef().notNull(),
    name: text("name").notNull(),
    armALabel: text("arm_a_label").notNull(),
    armANegate: boolean("arm_a_negate").notNull().default(false),
    armBLabel: text("arm_b_label").notNull(),
    armBNegate: boolean("arm_b_negate").notNull().default(false),
    startedAt: instant("started_at").notNull().defaultNow(),
    /** Set when the creator stops it: videos after this no longer join. */
    endedAt: instant("ended_at"),
    createdAt: createdAt(),
  },
  (t) => [index("tiktok_experiments_account_idx").on(t.accountId)],
);

/** Labels the creator adds to a video by hand (automatic labels are computed, never stored). */
export const videoLabels = pgTable(
  "tiktok_video_labels",
  {
    videoId: text("video_id")
      .notNull()
      .references(() => videos.id, { onDelete: "cascade" }),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    label: text("label").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ name: "tiktok_video_labels_pkey", columns: [t.videoId, t.label] }),
    index("tiktok_video_labels_account_idx").on(t.accountId),
  ],
);
