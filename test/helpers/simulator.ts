import { ADAM_BUSINESS_SCOPES, SCOPES } from "../../tools/tiktok-sim/scopes.ts";
import { testEnv } from "./env";

/** The TikTok simulator started by the global setup (the worker's TikTok), driven through its control API. */
export const SIM = testEnv.TIKTOK_API_BASE;

async function control<T>(path: string, body?: unknown, method = body === undefined ? "GET" : "POST"): Promise<T> {
  const res = await fetch(`${SIM}/__sim${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`simulator ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export type CallCounts = Record<string, number>;

export const sim = {
  state: () => control<{ now: number }>("/state"),
  reset: () => control("/reset", {}),
  clock: (change: { set: number | string } | { advance: number }) => control<{ now: number }>("/clock", change),
  fault: (spec: { kind: string; scope?: string; endpoint?: string; count?: number; delayMs?: number }) =>
    control<{ id: string }>("/faults", spec),
  clearFaults: () => control("/faults", undefined, "DELETE"),
  calls: async () => (await control<{ total: CallCounts }>("/calls")).total,
  /** The creator's live grant at TikTok: all zero once Adam's access is revoked. */
  grants: (openId: string) =>
    control<{ codes: number; access: number; refresh: number }>(`/grants?open_id=${encodeURIComponent(openId)}`),
  resetCalls: () => control("/calls/reset", {}),
  authorize: (creator: number, scopes: string[], redirectUri = "http://adam.test/tiktok/callback") =>
    control<{ code: string; open_id: string; scopes: string; redirect_url: string }>("/authorize", {
      creator,
      scopes,
      client_key: "test-client-key",
      redirect_uri: redirectUri,
    }),
  /** Consent for the Accounts API app (watch-time insights), without the HTML form. */
  authorizeBusiness: (
    creator: number,
    scopes: string[] = BUSINESS_SCOPES,
    redirectUri = testEnv.TIKTOK_BUSINESS_REDIRECT_URI,
  ) =>
    control<{ code: string; open_id: string; scopes: string; redirect_url: string }>("/authorize", {
      creator,
      scopes,
      client_key: testEnv.TIKTOK_BUSINESS_CLIENT_KEY,
      redirect_uri: redirectUri,
    }),
  authorizationRemoved: (input: { open_id: string; reason?: number; timestampSec?: number }) =>
    control<{ body: string; headers: Record<string, string> }>("/webhooks/authorization-removed", {
      ...input,
      dryRun: true,
    }),
};

export const ALL_SCOPES: string[] = [...SCOPES];

/** Every scope the Accounts API app asks for. */
export const BUSINESS_SCOPES: string[] = [...ADAM_BUSINESS_SCOPES];
