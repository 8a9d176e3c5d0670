import { log } from "../log";
import type { Limiter } from "./limiter";
import type { WindowRule } from "./window";

/**
 * Slow-moving quotas: sign-ups per IP on the unauthenticated side, data exports per user. Counted
 * exactly (a Durable Object per key); they fail open, since a quota must not take sign-ups or
 * exports down when its counter cannot be reached.
 */
export const QUOTAS = {
  signup: { limit: 10, windowSeconds: 60 * 60, blockSeconds: 60 * 60 },
  export: { limit: 5, windowSeconds: 60 * 60, blockSeconds: 60 * 60 },
} satisfies Record<string, WindowRule>;

export type Quota = keyof typeof QUOTAS;

/**
 * Counts one use by `who` (an IP, a user id) and answers how long they must wait (0 = allowed).
 * The use that reaches the limit is still allowed; the ones after it are refused until the block ends.
 */
export async function useQuota(limiter: Limiter, quota: Quota, who: string): Promise<number> {
  try {
    return (await limiter.attempt(`quota:${quota}:${who}`, QUOTAS[quota])).retryAfterSeconds;
  } catch (error) {
    log("warn", "quota_counter_unavailable", { quota, message: (error as Error).message });
    return 0;
  }
}
