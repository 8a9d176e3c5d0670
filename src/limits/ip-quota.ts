import { blockedFor, countEvent, readWindow, type WindowRule } from "./kv-window";

/** Slow-moving per-IP quotas on unauthenticated routes that create things. */
export const IP_QUOTAS = {
  signup: { limit: 10, windowSeconds: 60 * 60, blockSeconds: 60 * 60 },
} satisfies Record<string, WindowRule>;

export type IpQuota = keyof typeof IP_QUOTAS;

/**
 * Counts one use and answers how long the IP must wait (0 = allowed). The use that reaches the
 * limit is still allowed; the ones after it are refused until the block ends.
 */
export async function useIpQuota(kv: KVNamespace, quota: IpQuota, ip: string, nowMs: number): Promise<number> {
  const key = `quota:${quota}:${ip}`;
  const waiting = blockedFor(await readWindow(kv, key), nowMs);
  if (waiting > 0) return waiting;
  await countEvent(kv, key, IP_QUOTAS[quota], nowMs);
  return 0;
}
