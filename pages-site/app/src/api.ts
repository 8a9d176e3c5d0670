/**
 * The data API, typed as `GET /api/v1/openapi.json` describes it. Each screen is one request (the
 * overview, a video's detail), and GET answers are kept in memory for as long as the API says
 * they are fresh (`private, max-age` = what the edge cache would serve anyway: screen-cache.ts),
 * so moving around the dashboard does not spend the plan's requests per minute; an answer marked
 * `no-store` (an account not snapshotted yet) is never kept.
 */
import type { DetailAnalytics, PublicSummary } from "../../../src/http/presenters";
import { API_ORIGIN, ApiError, send, type SendOptions } from "./http";
import { freshFor, screenCache } from "./screen-cache";
import { accessToken, renewAfter401, sessionLost } from "./session";

export type AccountStatus = "active" | "needs_reconnect" | "missing_scopes" | "revoked";

export interface Account {
  id: string;
  display_name: string | null;
  username: string | null;
  avatar_url: string | null;
  status: AccountStatus;
  granted_scopes: string[];
  last_synced_at: string | null;
}

/** The analytics' JSON shapes, served as stored (src/analytics/types.ts, src/http/presenters.ts). */
export type {
  FollowerProjection,
  TypicalCurve,
  ViewForecast as Forecast,
  WindowChange,
} from "../../../src/analytics/types";
export type Summary = PublicSummary;
export type VideoAnalytics = DetailAnalytics;

export interface Metrics extends Account {
  followers: number | null;
  following: number | null;
  likes: number | null;
  videos: number | null;
  views: number | null;
  engagement_rate: number | null;
  summary: Summary;
}

export interface AccountSeries {
  t: number[];
  followers: (number | null)[];
  following: (number | null)[];
  likes: (number | null)[];
  videos: (number | null)[];
  views: (number | null)[];
}

export interface Video {
  id: string;
  title: string | null;
  description: string | null;
  create_time: string;
  status: "public" | "unavailable";
  duration_seconds: number | null;
  share_url: string | null;
  cover_image_url: string | null;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  engagement_rate: number | null;
  metrics_updated_at: string | null;
  analytics: VideoAnalytics;
}

export interface VideoSeries {
  /** Slot starts. */
  t: number[];
  /** When each snapshot was taken (TikTok's clock): the video's age is fetched − create_time. */
  fetched: number[];
  views: number[];
  likes: number[];
  comments: number[];
  shares: number[];
}

export interface Anomaly {
  id: string;
  metric: string;
  kind: "spike" | "drop";
  severity: "low" | "medium" | "high";
  score: number;
  window_start: string;
  window_end: string;
  observed: number;
  expected: number;
  details: Record<string, unknown>;
  detected_at: string;
}

export type AlertKind = "spike" | "drop" | "fast_start" | "follower_jump" | "goal_reached";

/** One in-app notification (GET /api/v1/alerts). */
export interface Alert {
  id: string;
  kind: AlertKind;
  title: string;
  body: string;
  account_id: string;
  video_id: string | null;
  confidence: number;
  observed_at: string;
  created_at: string;
  read: boolean;
}

export interface AlertPreferences {
  kinds: AlertKind[];
  email: boolean;
  push: boolean;
  webhooks: boolean;
  time_zone: string;
  quiet_hours: { start: string; end: string } | null;
  held: "release" | "digest";
  digest: { enabled: boolean; hour: number };
  daily_cap: number;
}

export interface AlertSettings {
  email: string;
  preferences: AlertPreferences;
  available: { email: boolean; push: boolean };
  push_public_key: string | null;
  push_subscriptions: {
    id: string;
    endpoint_host: string;
    user_agent: string | null;
    created_at: string;
    disabled_at: string | null;
    disabled_reason: string | null;
  }[];
  webhooks: {
    id: string;
    url: string;
    format: "slack" | "discord" | "json";
    signing_secret: string;
    created_at: string;
    disabled_at: string | null;
    disabled_reason: string | null;
  }[];
}

export interface Insight {
  id: string;
  kind: string;
  severity: "info" | "low" | "medium" | "high";
  title: string;
  body: string;
  video_id: string | null;
  evidence: Record<string, unknown>;
  rank: number;
  updated_at: string;
  expires_at: string;
}

/** The growth plan (GET /api/v1/coach/{id}): the coach's JSON as computed (src/analytics/coach/types.ts). */
export type { GrowthPlan } from "../../../src/analytics/coach/plan";
export type {
  BestTimeWindow,
  ExperimentResult,
  GoalStatus,
  LabelStat,
  Mission,
} from "../../../src/analytics/coach/types";

export interface ArmInput {
  label: string;
  negate: boolean;
}

export interface GrowthPlanResponse {
  account_id: string;
  time_zone: string;
  time_zone_source: "saved" | "browser" | "default";
  plan: import("../../../src/analytics/coach/plan").GrowthPlan;
  goals: {
    id: string;
    kind: "followers" | "views";
    target: number;
    baseline: number;
    start: string;
    deadline: string;
  }[];
  experiments: {
    id: string;
    name: string;
    arm_a: ArmInput;
    arm_b: ArmInput;
    started_at: string;
    ended_at: string | null;
  }[];
  videos: { id: string; title: string | null; created_at: string; labels: string[]; manual_labels: string[] }[];
}

export const VIDEO_SORTS = ["views", "likes", "comments", "shares", "engagement", "newest"] as const;
export type VideoSort = (typeof VIDEO_SORTS)[number];
/** The API's largest page: when an account has fewer videos, the table holds all of them. */
export const VIDEO_LIMIT = 100;

const cache = screenCache(() => performance.now());

export function forgetCache(): void {
  cache.clear();
}

/** An authenticated GET; 401 renews the token once, and ends the session if that fails. */
export function get<T>(path: string, o: { fresh?: boolean } = {}): Promise<T> {
  return cache.read<T>(
    path,
    async () => {
      let token = await accessToken();
      for (let renewed = false; ; renewed = true) {
        if (!token) throw signedOut();
        try {
          const { data, response } = await send<T>(path, { headers: { authorization: `Bearer ${token}` } });
          return { data, ms: freshFor(response.headers.get("cache-control")) };
        } catch (error) {
          if (!(error instanceof ApiError) || error.status !== 401 || renewed) throw error;
          token = await renewAfter401(token);
        }
      }
    },
    o,
  );
}

/** The signed-in user and the accounts they hold (GET /api/v1/me: the session budget, not the data one). */
export interface Me {
  id: string;
  email: string;
  tier: "free" | "creator" | "pro";
  tiktok_account_ids: string[];
  accounts: Account[];
  created_at: string;
}

/** What disconnecting an account did (DELETE /api/v1/accounts/{id}). */
export interface Disconnected {
  account_id: string;
  tiktok_access: "revoked" | "revoking" | "already_ended";
  history: "deleted" | "scheduled_for_deletion";
  delete_after: string | null;
}

/** A call with the access token that renews it once on a 401, like `get` but uncached. */
async function authorized<T>(path: string, o: SendOptions = {}): Promise<T> {
  let token = await accessToken();
  for (let renewed = false; ; renewed = true) {
    if (!token) throw signedOut();
    try {
      return (await send<T>(path, { ...o, headers: { ...o.headers, authorization: `Bearer ${token}` } })).data;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401 || renewed) throw error;
      token = await renewAfter401(token);
    }
  }
}

/**
 * The data export, read as it streams in (`onBytes` reports progress) into a file for the
 * browser to save. Not through `send`: the body is JSON lines, not one JSON document.
 */
async function exportData(onBytes: (bytes: number) => void): Promise<{ blob: Blob; filename: string }> {
  let token = await accessToken();
  for (let renewed = false; ; renewed = true) {
    if (!token) throw signedOut();
    const response = await fetch(`${API_ORIGIN}/api/v1/me/export`, {
      headers: { authorization: `Bearer ${token}` },
      credentials: "omit",
      cache: "no-store",
    });
    if (response.status === 401 && !renewed) {
      token = await renewAfter401(token);
      continue;
    }
    if (!response.ok || !response.body) {
      const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
      throw new ApiError(
        response.status,
        body?.error?.code ?? "http_error",
        body?.error?.message ?? `HTTP ${response.status}`,
        [],
        Number(response.headers.get("retry-after")) || 0,
      );
    }
    const parts: Uint8Array[] = [];
    let bytes = 0;
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      parts.push(chunk.value);
      bytes += chunk.value.length;
      onBytes(bytes);
    }
    const filename =
      /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "adam-export.jsonl";
    return { blob: new Blob(parts as BlobPart[], { type: "application/x-ndjson" }), filename };
  }
}

function signedOut(): ApiError {
  sessionLost();
  return new ApiError(401, "unauthorized", "Your session has ended. Please log in again.");
}

/** Watch-time insights (TikTok's Accounts API, the optional second connection): src/http/routes/watch.ts. */
export interface AccountWatch {
  account_id: string;
  connection: {
    available: boolean;
    status: AccountStatus | null;
    status_reason: string | null;
    data_through: string | null;
    last_fetched_at: string | null;
  };
  activity: { hours: (number | null)[]; days: number; best_hours: number[] } | null;
  watch_time: { day: string; hours_watched: number; views: number; span_days: number }[];
  typical: {
    videos: number;
    hook: number | null;
    average_seconds: number | null;
    completion: number | null;
    sources: Record<string, number> | null;
  };
  days: {
    date: string[];
    views: (number | null)[];
    profile_views: (number | null)[];
    followers_gained: (number | null)[];
    followers_lost: (number | null)[];
  };
}

export interface WatchCompared {
  value: number | null;
  usual: { p25: number; p50: number; p75: number; n: number } | null;
  standing: "below" | "usual" | "above" | null;
}

export interface WatchDiagnosis {
  subject: "drop" | "slow_start";
  status: "cause" | "no_cause" | "waiting" | "not_connected";
  cause: "distribution" | "hook" | "audience" | null;
  headline: string;
  evidence: { signal: string; value: number; usual: number | null; unusual: boolean; text: string }[];
  also: string[];
  data_fetched_at: string | null;
  window_start: string | null;
}

export interface VideoWatch {
  video_id: string;
  connected: boolean;
  report: {
    fetched_at: string;
    duration_seconds: number | null;
    views: number | null;
    retention: {
      positions: number[];
      video: (number | null)[] | null;
      band: { p25: (number | null)[]; p50: (number | null)[]; p75: (number | null)[] } | null;
      steepest_loss: { from_second: number; to_second: number; lost: number; typical_lost: number } | null;
    };
    hook: WatchCompared;
    average_seconds: WatchCompared;
    average_share: WatchCompared;
    completion: WatchCompared;
    sources: { source: string; share: number; usual: number | null; recent: number | null }[] | null;
    audience: Record<string, number> | null;
    countries: Record<string, number> | null;
  } | null;
  diagnoses: WatchDiagnosis[];
}

/** The overview screen in one answer (GET /api/v1/accounts/{id}/overview): 30 days, the top 100 videos by views. */
export interface Overview {
  account: Metrics;
  series: AccountSeries;
  videos: Video[];
  insights: Insight[];
  watch: AccountWatch;
}

/** A video's screen in one answer (GET /api/v1/videos/{id}/detail): every snapshot since posting, up to 90 days. */
export interface VideoDetail {
  account_id: string;
  account: Metrics;
  video: Video;
  hours: number;
  series: VideoSeries;
  anomalies: Anomaly[];
  watch: VideoWatch;
}

export const api = {
  /** One request per screen: what the overview and a video's page show. */
  overview: (id: string, fresh = false) => get<Overview>(`/api/v1/accounts/${id}/overview`, { fresh }),
  detail: (videoId: string) => get<VideoDetail>(`/api/v1/videos/${videoId}/detail`),
  /** The account's history for its CSV (365 days): a separate, explicit request. */
  accountHistory: (id: string, days: number) =>
    get<{ account_id: string; days: number; series: AccountSeries }>(`/api/v1/accounts/${id}/snapshots?days=${days}`),
  /** The video table sorted by another column when it may not hold every video (the top ones by that column). */
  videos: (id: string, sort: VideoSort) =>
    get<{ videos: Video[] }>(`/api/v1/videos/${id}?sort=${sort}&limit=${VIDEO_LIMIT}`),

  me: () => authorized<Me>("/api/v1/me"),

  /** The growth plan (a data request; never cached: what was just set must show) and what the creator sets in it. */
  growthPlan: (id: string, browserZone: string) =>
    get<GrowthPlanResponse>(`/api/v1/coach/${id}?time_zone=${encodeURIComponent(browserZone)}`, { fresh: true }),
  saveTimeZone: (id: string, timeZone: string) =>
    authorized<{ time_zone: string }>(`/api/v1/coach/${id}/settings`, {
      method: "PUT",
      body: { time_zone: timeZone },
      once: true,
    }),
  addGoal: (id: string, goal: { kind: "followers" | "views"; target: number; deadline: string }) =>
    authorized<{ id: string }>(`/api/v1/coach/${id}/goals`, { method: "POST", body: goal, once: true }),
  removeGoal: (id: string, goalId: string) =>
    authorized<{ deleted: true }>(`/api/v1/coach/${id}/goals/${goalId}`, { method: "DELETE", once: true }),
  startExperiment: (id: string, e: { name: string; arm_a: ArmInput; arm_b: ArmInput }) =>
    authorized<{ id: string; started_at: string }>(`/api/v1/coach/${id}/experiments`, {
      method: "POST",
      body: e,
      once: true,
    }),
  stopExperiment: (id: string, experimentId: string) =>
    authorized<{ stopped: true }>(`/api/v1/coach/${id}/experiments/${experimentId}/stop`, {
      method: "POST",
      once: true,
    }),
  deleteExperiment: (id: string, experimentId: string) =>
    authorized<{ deleted: true }>(`/api/v1/coach/${id}/experiments/${experimentId}`, { method: "DELETE", once: true }),
  addLabel: (id: string, videoId: string, label: string) =>
    authorized<{ label: string }>(`/api/v1/coach/${id}/videos/${videoId}/labels/${encodeURIComponent(label)}`, {
      method: "PUT",
      once: true,
    }),
  removeLabel: (id: string, videoId: string, label: string) =>
    authorized<{ deleted: true }>(`/api/v1/coach/${id}/videos/${videoId}/labels/${encodeURIComponent(label)}`, {
      method: "DELETE",
      once: true,
    }),

  /** Notifications and alert settings: the session budget, never the plan's data requests. */
  alerts: (limit = 30) => authorized<{ unread: number; alerts: Alert[] }>(`/api/v1/alerts?limit=${limit}`),
  markRead: (ids: string[] | "all") =>
    authorized<{ updated: number }>("/api/v1/alerts/read", {
      method: "POST",
      body: ids === "all" ? { all: true } : { ids },
      once: true,
    }),
  alertSettings: () => authorized<AlertSettings>("/api/v1/alerts/settings"),
  savePreferences: (preferences: AlertPreferences) =>
    authorized<AlertSettings>("/api/v1/alerts/settings/preferences", { method: "PUT", body: preferences, once: true }),
  addPushSubscription: (subscription: PushSubscriptionJSON) =>
    authorized<{ id: string }>("/api/v1/alerts/push-subscriptions", { method: "POST", body: subscription, once: true }),
  removePushSubscription: (id: string) =>
    authorized<{ deleted: true }>(`/api/v1/alerts/push-subscriptions/${id}`, { method: "DELETE", once: true }),
  addWebhook: (url: string) =>
    authorized<{ id: string; format: string; signing_secret: string }>("/api/v1/alerts/webhooks", {
      method: "POST",
      body: { url },
      once: true,
    }),
  removeWebhook: (id: string) =>
    authorized<{ deleted: true }>(`/api/v1/alerts/webhooks/${id}`, { method: "DELETE", once: true }),

  /** Removes watch-time insights from an account (the Accounts API's access ends; snapshots go on). */
  removeWatch: (id: string) =>
    authorized<{ account_id: string; watch: "removed" }>(`/api/v1/accounts/${id}/watch`, {
      method: "DELETE",
      once: true,
      failOn429: true,
    }),
  /** Disconnects a TikTok account: Adam's access revoked at TikTok, its history kept 30 days (or erased now). */
  disconnect: (id: string, erase: boolean) =>
    authorized<Disconnected>(`/api/v1/accounts/${id}${erase ? "?erase=true" : ""}`, {
      method: "DELETE",
      once: true,
      failOn429: true,
    }),
  exportData,
  /** Deletes the Adam account; the cookie is sent, so the answer can clear it. */
  deleteAccount: (password: string) =>
    authorized<{ deleted: true; accounts_erased: number }>("/api/v1/me", {
      method: "DELETE",
      body: { password },
      cookies: true,
      once: true,
      failOn429: true,
    }),

  /** TikTok's consent URL; the API also sets the httpOnly cookie that binds the flow to this browser. */
  connectUrl: () => consentUrl("/api/v1/tiktok/connect"),
  /** The Accounts API's consent URL for watch-time insights on one account (its own cookie). */
  watchConnectUrl: (id: string) => consentUrl(`/api/v1/accounts/${id}/watch/connect`),
};

async function consentUrl(path: string): Promise<string> {
  let token = await accessToken();
  if (!token) throw signedOut();
  const call = (t: string) =>
    send<{ authorize_url: string }>(path, {
      headers: { authorization: `Bearer ${t}` },
      cookies: true,
    });
  try {
    return (await call(token)).data.authorize_url;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    token = await renewAfter401(token);
    if (!token) throw signedOut();
    return (await call(token)).data.authorize_url;
  }
}
