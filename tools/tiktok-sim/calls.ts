/**
 * Call counters: how many requests reached each endpoint, in total and per account, so tests
 * can assert things like "exactly one refresh reached TikTok". Every request that reaches an
 * endpoint counts, including ones answered with an error or a fault.
 */
import type { Endpoint } from "./endpoints.ts";

/** Endpoints, plus `authorize` (the consent page) and `refresh` (token calls with grant_type=refresh_token). */
export type CallKey = Endpoint | "authorize" | "refresh";

export const CALL_KEYS: readonly CallKey[] = [
  "authorize",
  "token",
  "refresh",
  "revoke",
  "user_info",
  "video_list",
  "video_query",
  "business_token",
  "business_refresh",
  "business_revoke",
  "business_get",
  "business_video_list",
];

export interface CallCounts {
  total: Record<CallKey, number>;
  /** Only calls the simulator could tie to an account (by token, code or chosen creator). */
  byOpenId: Record<string, Partial<Record<CallKey, number>>>;
}

export class CallCounter {
  private total = zeroes();
  private byOpenId = new Map<string, Partial<Record<CallKey, number>>>();

  record(key: CallKey, openId?: string): void {
    this.total[key] += 1;
    if (openId === undefined) return;
    const counts = this.byOpenId.get(openId) ?? {};
    counts[key] = (counts[key] ?? 0) + 1;
    this.byOpenId.set(openId, counts);
  }

  snapshot(): CallCounts {
    return {
      total: { ...this.total },
      byOpenId: Object.fromEntries([...this.byOpenId].map(([openId, counts]) => [openId, { ...counts }])),
    };
  }

  reset(): void {
    this.total = zeroes();
    this.byOpenId.clear();
  }
}

function zeroes(): Record<CallKey, number> {
  return Object.fromEntries(CALL_KEYS.map((key) => [key, 0])) as Record<CallKey, number>;
}
