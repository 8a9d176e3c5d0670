import { z } from "@hono/zod-openapi";
import { ACCOUNT_STATUSES } from "../db/schema/accounts";
import { AccountId, VideoId } from "./ids";

/**
 * Watch-time insights (TikTok's Accounts API) as served: the account's watch time, activity by
 * hour and daily metrics; a video's retention against the creator's typical band and diagnoses.
 */

const Share = z.number().openapi({ description: "A share, 0–1" });
export const WatchCompared = z
  .object({
    value: z.number().nullable(),
    usual: z.object({ p25: z.number(), p50: z.number(), p75: z.number(), n: z.number().int() }).nullable(),
    standing: z.enum(["below", "usual", "above"]).nullable(),
  })
  .openapi("WatchCompared", {
    description: "A video's figure against the middle half of the creator's settled videos",
  });
export type WatchCompared = z.infer<typeof WatchCompared>;

export const WATCH_SIGNALS = [
  "for_you",
  "hook",
  "main_country",
  "new_viewers",
  "followers",
  "search",
  "average_watch",
] as const;

/** One fact behind a diagnosis: a figure, what is usual for it, and the sentence a creator reads. */
export const WatchEvidence = z
  .object({
    signal: z.enum(WATCH_SIGNALS),
    value: z.number(),
    usual: z
      .number()
      .nullable()
      .openapi({ description: "The usual value: the creator's median, or the video's own before the drop" }),
    range: z
      .tuple([z.number(), z.number()])
      .nullable()
      .openapi({ description: "The creator's middle half, when the usual value comes from their videos" }),
    unusual: z.boolean().openapi({ description: "Outside what is usual by the diagnosis' rule" }),
    text: z.string(),
  })
  .openapi("WatchEvidence");
export type WatchEvidence = z.infer<typeof WatchEvidence>;

export const WatchDiagnosis = z
  .object({
    subject: z.enum(["drop", "slow_start"]),
    status: z.enum(["cause", "no_cause", "waiting", "not_connected"]).openapi({
      description:
        "cause: one named with its evidence; no_cause: nothing stands out, or TikTok did not report what a " +
        "comparison needs; waiting: TikTok's data (24–48 h late) does not cover it yet; not_connected: no watch-time insights",
    }),
    cause: z.enum(["distribution", "hook", "audience"]).nullable(),
    headline: z.string(),
    evidence: z.array(WatchEvidence),
    also: z.array(z.string()),
    data_fetched_at: z.string().nullable(),
    window_start: z.string().nullable(),
  })
  .openapi("WatchDiagnosis");
export type WatchDiagnosis = z.infer<typeof WatchDiagnosis>;

export const WatchConnection = z
  .object({
    available: z.boolean().openapi({ description: "Whether this deployment offers watch-time insights" }),
    status: z.enum(ACCOUNT_STATUSES).nullable().openapi({ description: "null: not added" }),
    status_reason: z.string().nullable(),
    data_through: z.string().nullable().openapi({ description: "The newest day TikTok has reported (UTC)" }),
    last_fetched_at: z.string().nullable(),
  })
  .openapi("WatchConnection");
export type WatchConnection = z.infer<typeof WatchConnection>;

export const AccountWatch = z
  .object({
    account_id: AccountId,
    connection: WatchConnection,
    activity: z
      .object({
        hours: z.array(z.number().nullable()).openapi({ description: "Followers active in each UTC hour, 0–23" }),
        days: z.number().int(),
        best_hours: z.array(z.number().int()),
      })
      .nullable()
      .openapi({ description: "null: TikTok reports none (accounts under 100 followers)" }),
    watch_time: z
      .array(z.object({ day: z.string(), hours_watched: z.number(), views: z.number(), span_days: z.number() }))
      .openapi({ description: "Watch time gained between daily fetches, over the videos reported both times" }),
    typical: z.object({
      videos: z.number().int(),
      hook: Share.nullable(),
      average_seconds: z.number().nullable(),
      completion: Share.nullable(),
      sources: z.record(z.string(), z.number()).nullable(),
    }),
    days: z
      .object({
        date: z.array(z.string()),
        views: z.array(z.number().nullable()),
        profile_views: z.array(z.number().nullable()),
        followers_gained: z.array(z.number().nullable()),
        followers_lost: z.array(z.number().nullable()),
      })
      .openapi({ description: "TikTok's daily account metrics, column-oriented; null: not reported" }),
  })
  .openapi("AccountWatch");
export type AccountWatch = z.infer<typeof AccountWatch>;

export const VideoWatch = z
  .object({
    video_id: VideoId,
    connected: z.boolean(),
    report: z
      .object({
        fetched_at: z.string(),
        duration_seconds: z.number().nullable(),
        views: z.number().nullable(),
        retention: z.object({
          positions: z.array(z.number()).openapi({ description: "Shares of the video's length" }),
          video: z.array(z.number().nullable()).nullable(),
          band: z
            .object({
              p25: z.array(z.number().nullable()),
              p50: z.array(z.number().nullable()),
              p75: z.array(z.number().nullable()),
            })
            .nullable(),
          steepest_loss: z
            .object({ from_second: z.number(), to_second: z.number(), lost: z.number(), typical_lost: z.number() })
            .nullable(),
        }),
        hook: WatchCompared,
        average_seconds: WatchCompared,
        average_share: WatchCompared,
        completion: WatchCompared,
        sources: z
          .array(
            z.object({
              source: z.string(),
              share: z.number(),
              usual: z.number().nullable(),
              recent: z.number().nullable().openapi({ description: "Share of the views since the copy before" }),
            }),
          )
          .nullable(),
        audience: z.record(z.string(), z.number()).nullable(),
        countries: z.record(z.string(), z.number()).nullable(),
      })
      .nullable()
      .openapi({ description: "null: TikTok has not reported the video yet (or no watch-time insights)" }),
    diagnoses: z.array(WatchDiagnosis),
  })
  .openapi("VideoWatch");
export type VideoWatch = z.infer<typeof VideoWatch>;

export const WatchRemoved = z.object({ account_id: AccountId, watch: z.literal("removed") });
export type WatchRemoved = z.infer<typeof WatchRemoved>;
