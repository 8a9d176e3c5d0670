import { alertDrafts } from "../alerts/drafts";
import { analyzeAccount, type VideoSnapshot } from "../analytics";
import { disconnectAccount } from "../db/queries/credentials";
import { loadJobContext, writeJobResult, type JobContext, type JobResult, type VideoWrite } from "../db/queries/ingest";
import type { CallCounter } from "../tiktok/call-counter";
import type { TikTokClient } from "../tiktok/client";
import { refreshDeadline, usableAccessToken } from "../connections/credentials";
import { profileOf, webUrl } from "../tiktok/profile";
import type { TikTokUser, TikTokVideo } from "../tiktok/schemas";
import { missingScopes } from "../tiktok/scopes";
import { nextRefreshAt } from "./cadence";
import type { IngestJobDeps } from "./job-deps";
import { SLOT_MS, type SnapshotMessage } from "./messages";

/**
 * One account's snapshot for one slot, in three steps after reading the context (1 round trip):
 * observe (TikTok: a usable token, refreshing it costs +1 round trip; the account, its new videos
 * and the videos due), analyze (pure: the analytics, what to write back, the alerts), write (one
 * batch of named statements, 1 round trip).
 */
export interface JobDeps extends IngestJobDeps<TikTokClient> {
  /** The analytics (default analyzeAccount); a benchmark passes a timed one. */
  analyze?: typeof analyzeAccount;
  /** Anomalies at least this confident become alerts (ALERT_MIN_CONFIDENCE). */
  alertMinConfidence?: number;
}

/** ALERT_MIN_CONFIDENCE's default: on the backtest's held-out world, alert precision is 100% from 0.7 on. */
export const DEFAULT_ALERT_MIN_CONFIDENCE = 0.7;

export type JobOutcome =
  | {
      status: "ok";
      rowsWritten: number;
      tiktokCalls: number;
      videosFetched: number;
      refreshed: boolean;
      /** Alerts stored by this job (the outbox rows to fan out). */
      newAlertIds: string[];
    }
  | { status: "already_done" }
  | { status: "skipped"; reason: string };

/** A first snapshot reads this many pages of video/list (20 each): history older than that is not tracked. */
export const FIRST_RUN_PAGES = 5;
/** Later runs page back only until they meet known videos, at most this far. */
const DISCOVERY_PAGES = 3;
/** At most this many video/query calls (20 ids each) per job; the rest stay due for the next cycle. */
const MAX_QUERY_CALLS = 10;

function toFetched(v: TikTokVideo): NonNullable<VideoWrite["fetched"]> {
  return {
    title: v.title ?? null,
    description: v.video_description ?? null,
    durationSeconds: v.duration ?? null,
    shareUrl: webUrl(v.share_url),
    embedLink: webUrl(v.embed_link),
    coverImageUrl: webUrl(v.cover_image_url),
    views: v.view_count ?? 0,
    likes: v.like_count ?? 0,
    comments: v.comment_count ?? 0,
    shares: v.share_count ?? 0,
  };
}

export async function runSnapshotJob(deps: JobDeps, message: SnapshotMessage): Promise<JobOutcome> {
  const startedAtMs = deps.now();
  const ctx = await loadJobContext(deps.db, message.accountId, message.key, {
    nowMs: startedAtMs,
    refreshBefore: refreshDeadline(startedAtMs),
  });
  if (!ctx) return { status: "skipped", reason: "account not found" };
  if (ctx.done) return { status: "already_done" };
  if (ctx.account.status !== "active") return { status: "skipped", reason: `account ${ctx.account.status}` };
  const missing = missingScopes(ctx.account.grantedScopes);
  if (missing.length) {
    await disconnectAccount(
      deps.db,
      { accountId: ctx.account.id },
      "missing_scopes",
      `not granted: ${missing.join(", ")}`,
    );
    return { status: "skipped", reason: "missing scopes" };
  }

  const observation = await observe(deps, ctx, message);
  const analysis = analyze(deps.analyze ?? analyzeAccount, ctx, message, observation, {
    alertMinConfidence: deps.alertMinConfidence ?? DEFAULT_ALERT_MIN_CONFIDENCE,
  });
  const { rowsWritten, newAlertIds } = await writeJobResult(
    deps.db,
    jobResult(ctx, message, observation, analysis, { startedAtMs, calls: deps.calls }),
  );
  return {
    status: "ok",
    rowsWritten,
    tiktokCalls: deps.calls.total,
    videosFetched: observation.seen.size,
    refreshed: observation.refreshed,
    newAlertIds,
  };
}

/** What TikTok said this cycle about the account and its videos. */
interface Observation {
  user: TikTokUser;
  /** When TikTok answered (its Date header): every snapshot of the job is timed by it. */
  observedAtMs: number;
  /** The token had to be refreshed first. */
  refreshed: boolean;
  /** video/list's newest pages, back to the newest known video. */
  listed: TikTokVideo[];
  /** Every video TikTok returned, listed or queried, by id. */
  seen: Map<string, TikTokVideo>;
  /** The known videos that were due and asked for by id (those not returned are private or gone). */
  queriedIds: Set<string>;
  /** The videos that get a snapshot this slot: new ones, and known ones that were due. */
  observed: Set<string>;
}

/**
 * Step one, TikTok only: a usable token (refreshed if needed), the user, the new videos (the
 * newest pages of video/list, back to the newest video already known: their counters come with
 * them, so they need no query) and the known videos that are due.
 */
async function observe(deps: JobDeps, ctx: JobContext, message: SnapshotMessage): Promise<Observation> {
  const token = await usableAccessToken(deps, ctx.credentials, ctx.account.id);
  const { user, observedAtMs } = await deps.client.userInfo(token.accessToken, token.scopes);

  const since = ctx.account.newestVideoAtMs;
  const listed = await deps.client.listVideosSince(
    token.accessToken,
    since === null ? 0 : since,
    since === null ? FIRST_RUN_PAGES : DISCOVERY_PAGES,
  );
  const seen = new Map<string, TikTokVideo>(listed.videos.map((v) => [v.id, v]));
  const known = new Map(ctx.videos.map((v) => [v.id, v]));
  const slotEnd = message.slot + SLOT_MS;
  const due = ctx.videos
    .filter((v) => !seen.has(v.id) && v.nextRefreshAtMs < slotEnd)
    .toSorted((a, b) => a.nextRefreshAtMs - b.nextRefreshAtMs)
    .slice(0, MAX_QUERY_CALLS * 20);
  const queried = due.length
    ? await deps.client.queryVideos(
        token.accessToken,
        due.map((v) => v.id),
      )
    : [];
  for (const v of queried) seen.set(v.id, v);
  // A listed video that is not due refreshes its current counters but adds no snapshot: the
  // cadence, not video/list's page size, decides how much history each video keeps.
  const observed = new Set(
    [...seen.keys()].filter((id) => {
      const k = known.get(id);
      return k === undefined || k.nextRefreshAtMs < slotEnd;
    }),
  );
  return {
    user,
    observedAtMs,
    refreshed: token.refreshed,
    listed: listed.videos,
    seen,
    queriedIds: new Set(due.map((v) => v.id)),
    observed,
  };
}

/**
 * Step three's input: everything the job learnt, as one write (src/db/queries/ingest.ts runs it
 * as one batch of named statements).
 */
function jobResult(
  ctx: JobContext,
  message: SnapshotMessage,
  o: Observation,
  analysis: Analysis,
  job: { startedAtMs: number; calls: CallCounter },
): JobResult {
  const known = new Map(ctx.videos.map((v) => [v.id, v]));
  const newest = Math.max(ctx.account.newestVideoAtMs ?? 0, ...o.listed.map((v) => v.create_time * 1000));
  return {
    accountId: ctx.account.id,
    jobKey: message.key,
    slot: message.slot,
    observedAtMs: o.observedAtMs,
    startedAtMs: job.startedAtMs,
    profile: {
      ...profileOf(o.user),
      followers: o.user.follower_count ?? null,
      following: o.user.following_count ?? null,
      likes: o.user.likes_count ?? null,
      videoCount: o.user.video_count ?? null,
    },
    totals: {
      views: analysis.account.totals.views,
      engagementRate: analysis.account.engagementRate,
    },
    summary: analysis.account,
    newestVideoAtMs: newest > 0 ? newest : null,
    nextSnapshotAtMs: message.slot + SLOT_MS,
    videos: analysis.writes,
    anomalies: analysis.anomalies,
    insights: analysis.insights,
    alerts: analysis.alerts,
    tiktokCalls: job.calls.total,
    details: {
      calls: job.calls.byEndpoint,
      slot: message.slot,
      reason: message.reason,
      listed: o.listed.length,
      queried: o.queriedIds.size,
      snapshots: o.observed.size,
      unavailable: analysis.writes.filter((w) => w.status === "unavailable" && known.get(w.id)?.status === "public")
        .length,
      refreshed: o.refreshed,
    },
  };
}

/** Step two's answer: the analytics, and what to write back. */
type Analysis = ReturnType<typeof analyze>;

/**
 * Step two, pure: merges what TikTok returned into the account's videos, runs the analytics over
 * the observed ones (new or due), and decides what to write back: every video fetched or gone,
 * every video whose analytics changed, and the alerts the findings raise.
 */
function analyze(
  analyzeFn: NonNullable<JobDeps["analyze"]>,
  ctx: JobContext,
  message: SnapshotMessage,
  o: Observation,
  options: { alertMinConfidence: number },
) {
  const { seen, observed, queriedIds, observedAtMs } = o;
  const followerCount = o.user.follower_count;
  const videos = new Map(ctx.videos.map((v) => [v.id, v]));
  for (const [id, v] of seen) {
    if (!videos.has(id)) {
      videos.set(id, {
        id,
        createdAtMs: v.create_time * 1000,
        status: "public",
        nextRefreshAtMs: message.slot,
        analytics: null,
        recent: [],
      });
    }
  }
  const statusOf = (id: string): "public" | "unavailable" => {
    if (seen.has(id)) return "public";
    // Asked for and not returned: private or deleted. Absence is not zero: no snapshot is written.
    if (queriedIds.has(id)) return "unavailable";
    return videos.get(id)?.status ?? "public";
  };
  const newSnapshot = (v: TikTokVideo): VideoSnapshot => ({
    t: observedAtMs,
    views: v.view_count ?? 0,
    likes: v.like_count ?? 0,
    comments: v.comment_count ?? 0,
    shares: v.share_count ?? 0,
  });

  const output = analyzeFn({
    now: observedAtMs,
    account: {
      id: Number(ctx.account.id),
      followers:
        followerCount === undefined ? ctx.followers : [...ctx.followers, { t: observedAtMs, count: followerCount }],
    },
    videos: [...videos.values()].map((v) => {
      const fetched = observed.has(v.id) ? seen.get(v.id) : undefined;
      return {
        id: v.id,
        createdAt: v.createdAtMs,
        status: statusOf(v.id),
        recent: fetched ? [...v.recent, newSnapshot(fetched)] : v.recent,
        ...(v.analytics ? { stored: v.analytics } : {}),
      };
    }),
    ...(ctx.account.summary ? { storedAccount: ctx.account.summary } : {}),
    recentAnomalies: ctx.recentAnomalies,
  });

  const writes: VideoWrite[] = [];
  for (const v of videos.values()) {
    const fetched = seen.get(v.id);
    const status = statusOf(v.id);
    const analytics = output.videos[v.id];
    const changed = analytics !== undefined && analytics.computedAtMs === observedAtMs;
    if (!fetched && status === v.status && !changed && !queriedIds.has(v.id)) continue;
    writes.push({
      id: v.id,
      createdAtMs: v.createdAtMs,
      status,
      nextRefreshAtMs:
        observed.has(v.id) || queriedIds.has(v.id)
          ? nextRefreshAt(v.id, message.slot, v.createdAtMs, status)
          : v.nextRefreshAtMs,
      snapshot: observed.has(v.id),
      ...(fetched ? { fetched: toFetched(fetched) } : {}),

      ...(changed ? { analytics } : {}),
    });
  }
  return {
    account: output.account,
    anomalies: output.anomalies,
    insights: output.insights,
    writes,
    alerts: alertDrafts(output.anomalies, output.insights, options.alertMinConfidence),
  };
}
