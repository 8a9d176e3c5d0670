import { log } from "../log";

/**
 * A slow-moving counter in KV: how many times something happened in a window, and until when
 * it is blocked. KV fits this (a handful of writes per key per minute, read-mostly) and does not
 * fit per-request counting: it allows one write per second per key and has no atomic increment,
 * so counts here are approximate by design. Per-request budgets use the Rate Limiting binding.
 */
export interface WindowState {
  count: number;
  windowStartMs: number;
  blockedUntilMs?: number;
}

export interface WindowRule {
  limit: number;
  windowSeconds: number;
  /** How long to block once the limit is reached. */
  blockSeconds: number;
}

/** KV rejects TTLs under 60 s. */
const MIN_TTL_SECONDS = 60;

/**
 * The window's state; null when there is none, or when KV cannot be read: these limits are a
 * second line of defence, and a KV outage must not take logins and sign-ups down with it.
 */
export async function readWindow(kv: KVNamespace, key: string): Promise<WindowState | null> {
  try {
    return await kv.get<WindowState>(key, "json");
  } catch (error) {
    log("warn", "kv_window_read_failed", { key, message: (error as Error).message });
    return null;
  }
}

/** Seconds left on a block, or 0 when not blocked. */
export function blockedFor(state: WindowState | null, nowMs: number): number {
  if (!state?.blockedUntilMs || state.blockedUntilMs <= nowMs) return 0;
  return Math.ceil((state.blockedUntilMs - nowMs) / 1000);
}

export async function countEvent(kv: KVNamespace, key: string, rule: WindowRule, nowMs: number): Promise<WindowState> {
  const previous = await readWindow(kv, key);
  const fresh = !previous || nowMs - previous.windowStartMs > rule.windowSeconds * 1000;
  const state: WindowState = fresh ? { count: 1, windowStartMs: nowMs } : { ...previous, count: previous.count + 1 };
  if (state.count >= rule.limit) state.blockedUntilMs = nowMs + rule.blockSeconds * 1000;
  const ttlMs = Math.max(state.blockedUntilMs ?? 0, state.windowStartMs + rule.windowSeconds * 1000) - nowMs;
  try {
    await kv.put(key, JSON.stringify(state), { expirationTtl: Math.max(MIN_TTL_SECONDS, Math.ceil(ttlMs / 1000)) });
  } catch (error) {
    // A KV write limit (429) must not turn a login into a 500; the count is best effort.
    log("warn", "kv_window_write_failed", { key, message: (error as Error).message });
  }
  return state;
}

export async function clearWindow(kv: KVNamespace, key: string): Promise<void> {
  await kv.delete(key).catch(() => undefined);
}
