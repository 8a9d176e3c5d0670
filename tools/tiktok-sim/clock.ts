/**
 * The simulator's clock: "TikTok's now". Every number the simulator serves (counters, token
 * expiry, the rate-limit window) is read from it, so tests can jump hours or days in one call.
 */

export interface ClockOptions {
  /** The clock's value when the simulator starts (and after a reset). @default Date.now() */
  startMs?: number;
  /**
   * Frozen: time moves only through `set`/`advance`, which makes tests exact. Otherwise the clock
   * follows real time plus an offset, which is what `npm run dev` wants.
   * @default false
   */
  frozen?: boolean;
}

export interface SimClock {
  readonly startMs: number;
  readonly frozen: boolean;
  now(): number;
  set(ms: number): number;
  advance(ms: number): number;
  /** Back to `startMs` (a running clock restarts from there). */
  reset(): number;
}

export function createClock(options: ClockOptions = {}, realNow: () => number = Date.now): SimClock {
  const startMs = options.startMs ?? realNow();
  const frozen = options.frozen ?? false;
  // Frozen: `value` is the time. Running: `value` is the offset added to real time.
  let value = frozen ? startMs : startMs - realNow();
  const now = () => (frozen ? value : realNow() + value);
  const set = (ms: number) => {
    if (!Number.isFinite(ms)) throw new RangeError(`clock time must be a finite number of ms, got ${ms}`);
    value = frozen ? ms : ms - realNow();
    return now();
  };
  return {
    startMs,
    frozen,
    now,
    set,
    advance: (ms: number) => {
      if (!Number.isFinite(ms)) throw new RangeError(`clock advance must be a finite number of ms, got ${ms}`);
      return set(now() + ms);
    },
    reset: () => set(startMs),
  };
}
