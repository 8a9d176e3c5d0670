/**
 * GET answers kept for as long as the API says they are fresh (`private, max-age`), and one
 * request per path in flight: a screen whose answer is still fresh costs no request. No I/O here;
 * the clock is passed in.
 */

/** How long an answer may be reused, in ms, from its `Cache-Control` (0: not at all). */
export function freshFor(cacheControl: string | null): number {
  const control = cacheControl ?? "";
  if (/no-store/.test(control)) return 0;
  return Number(/max-age=(\d+)/.exec(control)?.[1] ?? 0) * 1000;
}

export interface ScreenCache {
  /**
   * The fresh answer for `key`, the request already under way for it, or a new one from `load`
   * (kept for the `ms` it reports). `fresh` skips a kept answer (the first-snapshot poll).
   */
  read<T>(key: string, load: () => Promise<{ data: T; ms: number }>, o?: { fresh?: boolean }): Promise<T>;
  clear(): void;
}

export function screenCache(now: () => number): ScreenCache {
  const kept = new Map<string, { data: unknown; until: number }>();
  const inFlight = new Map<string, Promise<unknown>>();
  return {
    read<T>(key: string, load: () => Promise<{ data: T; ms: number }>, o: { fresh?: boolean } = {}): Promise<T> {
      const hit = kept.get(key);
      if (hit && !o.fresh && now() < hit.until) return Promise.resolve(hit.data as T);
      const pending = inFlight.get(key);
      if (pending) return pending as Promise<T>;
      const request = load()
        .then(({ data, ms }) => {
          if (ms > 0) kept.set(key, { data, until: now() + ms });
          return data;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, request);
      return request;
    },
    clear() {
      kept.clear();
    },
  };
}
