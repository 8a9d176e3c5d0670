/**
 * Requests to the API worker (another origin: its origin is compiled in per environment). What
 * is worth retrying is retried calmly, with a notice that says so:
 * - 429: every request waits out `Retry-After` together (one shared gate), then goes again;
 * - a network failure or a 503: backoff of 2, 4, 8 … 30 s (sooner when the browser is back online).
 * Anything else becomes an `ApiError` carrying the API's error envelope.
 */
import { clearNotice, showNotice } from "./notice";
import { backoffSeconds, gate, outcomeOf, retryAfter } from "./retry";

export const API_ORIGIN = ADAM_API_ORIGIN;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path?: string; message: string }[] = [],
    readonly retryAfterSeconds = 0,
  ) {
    super(message);
  }
}

export interface SendOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  body?: unknown;
  /** Send cookies (the auth routes and TikTok connect need them; data routes never do). */
  cookies?: boolean;
  /** Give up on network failures and busy servers instead of retrying (logout). */
  once?: boolean;
  /** Answer a 429 with an error instead of waiting (log in: a lockout is minutes, not a pause). */
  failOn429?: boolean;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Waits `ms`, or less when the browser comes back online. */
function backoff(ms: number): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      window.removeEventListener("online", finish);
      clearTimeout(timer);
      done();
    };
    const timer = setTimeout(finish, ms);
    window.addEventListener("online", finish);
  });
}

const rateGate = gate({
  now: Date.now,
  sleep,
  onClose: (until) =>
    showNotice(
      "rate",
      "rate",
      "Adam is pacing requests to stay within your plan’s limit. Your numbers are safe; picking up again in {s}.",
      until,
    ),
  onOpen: () => clearNotice("rate"),
});

export async function send<T>(path: string, o: SendOptions = {}): Promise<{ data: T; response: Response }> {
  for (let attempt = 0; ; attempt++) {
    for (let waiting = rateGate.waiting; waiting; waiting = rateGate.waiting) await waiting;
    const wait = backoffSeconds(attempt);
    let response: Response;
    try {
      response = await fetch(API_ORIGIN + path, {
        method: o.method ?? "GET",
        headers: {
          accept: "application/json",
          ...(o.body === undefined ? {} : { "content-type": "application/json" }),
          ...o.headers,
        },
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        credentials: o.cookies ? "include" : "omit",
        cache: "no-store",
      });
    } catch {
      if (o.once) throw new ApiError(0, "network", "Adam could not be reached.");
      showNotice(
        "network",
        "network",
        "Can’t reach Adam right now. Check your connection; trying again in {s}.",
        Date.now() + wait * 1000,
      );
      await backoff(wait * 1000);
      continue;
    }
    clearNotice("network");
    const outcome = outcomeOf(response.status, o);
    if (outcome === "rate_limited") {
      await rateGate.close(retryAfter(response.headers.get("retry-after")));
      continue;
    }
    if (outcome === "busy") {
      showNotice(
        "busy",
        "busy",
        "Adam’s servers are busy for a moment; trying again in {s}.",
        Date.now() + wait * 1000,
      );
      await sleep(wait * 1000);
      continue;
    }
    clearNotice("busy");
    if (response.status === 204) return { data: undefined as T, response };
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string; details?: { path?: string; message: string }[] };
    } | null;
    if (!response.ok) {
      const error = body?.error;
      throw new ApiError(
        response.status,
        error?.code ?? "http_error",
        error?.message ?? `HTTP ${response.status}`,
        error?.details,
        Number(response.headers.get("retry-after")) || 0,
      );
    }
    return { data: body as T, response };
  }
}
