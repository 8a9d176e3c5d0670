/**
 * When a request is tried again, as pure decisions: what an answer means, how long to back off,
 * and the one gate every request waits behind after a 429. The timers and the notice are the
 * caller's (http.ts); the clock and the sleep are passed in.
 */

/** Backoff after the n-th failed attempt (0-based): 2, 4, 8, 16, 30, 30 … seconds. */
export const backoffSeconds = (attempt: number): number => Math.min(30, 2 ** (attempt + 1));

/** `Retry-After` in seconds; a missing or unreadable header waits 30 s. */
export const retryAfter = (header: string | null): number => Number(header) || 30;

export type Outcome = "answer" | "rate_limited" | "busy";

/** What an HTTP status means for a request sent with these options. */
export function outcomeOf(status: number, o: { once?: boolean; failOn429?: boolean }): Outcome {
  if (status === 429 && !o.failOn429) return "rate_limited";
  if (status === 503 && !o.once) return "busy";
  return "answer";
}

export interface Gate {
  /** The wait every request must finish before it goes (null: the way is open). */
  readonly waiting: Promise<void> | null;
  /** A 429 said wait `seconds`: the gate closes until then, or stays as it is if it already reaches further. */
  close(seconds: number): Promise<void>;
}

export function gate(o: {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The gate closed (or its end moved later) until this time (ms). */
  onClose: (until: number) => void;
  /** The last wait ended and nothing extended it. */
  onOpen: () => void;
}): Gate {
  let until = 0;
  let waiting: Promise<void> | null = null;
  return {
    get waiting() {
      return waiting;
    },
    close(seconds) {
      const end = o.now() + seconds * 1000;
      if (waiting && end <= until) return waiting;
      until = end;
      o.onClose(end);
      const wait = o.sleep(seconds * 1000).then(() => {
        if (o.now() >= until) {
          waiting = null;
          o.onOpen();
        }
      });
      waiting = wait;
      return wait;
    },
  };
}
