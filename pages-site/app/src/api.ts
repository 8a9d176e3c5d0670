/**
 * The data API, typed as `GET /api/v1/openapi.json` describes it. Each screen is one request (the
 * overview, a video's detail), and GET answers are kept in memory for as long as the API says
 * they are fresh (`private, max-age` = what the edge cache would serve anyway: screen-cache.ts),
 * so moving around the dashboard does not spend the plan's requests per minute; an answer marked
 * `no-store` (an account not snapshotted yet) is never kept.
 */
import type * as Contract from "../../../src/contract";
import { VIDEO_LIMIT_MAX, type VideoSort } from "../../../src/contract/constants";
import { API_ORIGIN, ApiError, send, type SendOptions } from "./http";
import { freshFor, screenCache } from "./screen-cache";
import { accessToken, renewAfter401, sessionLost } from "./session";

/** The wire shapes: the API's contract, as types only (no zod reaches the bundle). */
export type {
  Account,
  AccountMetrics as Metrics,
  AccountOverview as Overview,
  AccountSeries,
  AccountWatch,
  Alert,
  AlertKind,
  AlertPreferences,
  AlertSettings,
  Anomaly,
  ArmInput,
  BestTimeWindow,
  Disconnected,
  ExperimentResult,
  FollowerProjection,
  GoalStatus,
  GrowthPlan,
  GrowthPlanResponse,
  Insight,
  LabelStat,
  Me,
  Mission,
  PublicSummary as Summary,
  TypicalCurve,
  Video,
  VideoDetail,
  VideoSeries,
  VideoSort,
  VideoWatch,
  ViewForecast as Forecast,
  WatchCompared,
  WatchDiagnosis,
  WindowChange,
} from "../../../src/contract";
export type AccountStatus = Contract.Account["status"];

/** The API's largest page: when an account has fewer videos, the table holds all of them. */
export const VIDEO_LIMIT = VIDEO_LIMIT_MAX;

const cache = screenCache(() => performance.now());

export function forgetCache(): void {
  cache.clear();
}

/** Until when a screen's first read asks the API past its caches (see `revalidateScreens`), and which did. */
let revalidateUntil = 0;
const revalidated = new Set<string>();

/**
 * After a TikTok consent the screens change (a first snapshot, watch-time insights) while the
 * API's cache may still hold the answers from before: for the next minute the first read of each
 * screen asks the API for a fresh answer (`Cache-Control: no-cache`, which replaces its entry);
 * going back to it is served from here as usual, so no request is spent twice.
 */
export function revalidateScreens(now = performance.now()): void {
  cache.clear();
  revalidated.clear();
  revalidateUntil = now + 60_000;
}

/** An authenticated GET; 401 renews the token once, and ends the session if that fails. */
export function get<T>(path: string, o: { fresh?: boolean } = {}): Promise<T> {
  const revalidate = performance.now() < revalidateUntil && !revalidated.has(path);
  if (revalidate) revalidated.add(path);
  const fresh = o.fresh || revalidate;
  const headers: Record<string, string> = fresh ? { "cache-control": "no-cache" } : {};
  return cache.read<T>(
    path,
    async () => {
      let token = await accessToken();
      for (let renewed = false; ; renewed = true) {
        if (!token) throw signedOut();
        try {
          const { data, response } = await send<T>(path, { headers: { ...headers, authorization: `Bearer ${token}` } });
          return { data, ms: freshFor(response.headers.get("cache-control")) };
        } catch (error) {
          if (!(error instanceof ApiError) || error.status !== 401 || renewed) throw error;
          token = await renewAfter401(token);
        }
      }
    },
    { ...o, fresh },
  );
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

export const api = {
  /** One request per screen: what the overview and a video's page show. */
  overview: (id: string, fresh = false) => get<Contract.AccountOverview>(`/api/v1/accounts/${id}/overview`, { fresh }),
  detail: (videoId: string) => get<Contract.VideoDetail>(`/api/v1/videos/${videoId}/detail`),
  /** The account's history for its CSV (365 days): a separate, explicit request. */
  accountHistory: (id: string, days: number) =>
    get<{ account_id: string; days: number; series: Contract.AccountSeries }>(
      `/api/v1/accounts/${id}/snapshots?days=${days}`,
    ),
  /** The video table sorted by another column when it may not hold every video (the top ones by that column). */
  videos: (id: string, sort: VideoSort) =>
    get<{ videos: Contract.Video[] }>(`/api/v1/videos/${id}?sort=${sort}&limit=${VIDEO_LIMIT}`),

  me: () => authorized<Contract.Me>("/api/v1/me"),

  /** The growth plan (a data request; never cached: what was just set must show) and what the creator sets in it. */
  growthPlan: (id: string, browserZone: string) =>
    get<Contract.GrowthPlanResponse>(`/api/v1/coach/${id}?time_zone=${encodeURIComponent(browserZone)}`, {
      fresh: true,
    }),
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
  startExperiment: (id: string, e: { name: string; arm_a: Contract.ArmInput; arm_b: Contract.ArmInput }) =>
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
  alerts: (limit = 30) => authorized<{ unread: number; alerts: Contract.Alert[] }>(`/api/v1/alerts?limit=${limit}`),
  markRead: (ids: string[] | "all") =>
    authorized<{ updated: number }>("/api/v1/alerts/read", {
      method: "POST",
      body: ids === "all" ? { all: true } : { ids },
      once: true,
    }),
  alertSettings: () => authorized<Contract.AlertSettings>("/api/v1/alerts/settings"),
  savePreferences: (preferences: Contract.AlertPreferences) =>
    authorized<Contract.AlertSettings>("/api/v1/alerts/settings/preferences", {
      method: "PUT",
      body: preferences,
      once: true,
    }),
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
    authorized<Contract.Disconnected>(`/api/v1/accounts/${id}${erase ? "?erase=true" : ""}`, {
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
