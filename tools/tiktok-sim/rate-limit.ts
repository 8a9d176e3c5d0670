/**
 * TikTok's documented limit: N requests per endpoint per sliding 1-minute window (600 by
 * default). Counted per app, the worst case tiktok-api.md §4 tells us to plan for. Time comes
 * from the simulator clock, so a test can exhaust the window and then advance past it.
 */

export const WINDOW_MS = 60_000;

export class SlidingWindowLimiter {
  /** Accepted request times per key, oldest first. */
  private readonly windows = new Map<string, number[]>();

  constructor(readonly limit: number) {}

  /** Records the call and answers true when it fits in the window. Refused calls are not counted. */
  tryAcquire(key: string, nowMs: number): boolean {
    let times = this.windows.get(key);
    if (!times) this.windows.set(key, (times = []));
    // The clock was set back: calls "in the future" no longer count.
    if (times.length > 0 && times.at(-1)! > nowMs) times.splice(0, times.length, ...times.filter((t) => t <= nowMs));
    let expired = 0;
    while (expired < times.length && times[expired]! <= nowMs - WINDOW_MS) expired += 1;
    if (expired > 0) times.splice(0, expired);
    if (times.length >= this.limit) return false;
    times.push(nowMs);
    return true;
  }

  reset(): void {
    this.windows.clear();
  }
}
