import { TikTokError } from "./errors";

/**
 * What both TikTok clients (the Display API's ./client.ts, the Accounts API's ./business/client.ts)
 * do the same way: one request with a deadline, its answer read as JSON, and bounded retries with
 * capped exponential backoff and full jitter. Every failure is a TikTokError saying whether a
 * retry can help.
 */
export interface TransportOptions {
  /** Abort one HTTP attempt after this long. */
  timeoutMs: number;
  /** Attempts per call, first included. */
  maxAttempts: number;
  /** First backoff; doubles per attempt, capped at 2 s, with full jitter. */
  baseDelayMs: number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  /** Called once per HTTP request sent (the ingest log counts TikTok calls). */
  onRequest?: (endpoint: string) => void;
}

const MAX_DELAY_MS = 2_000;

/** What creating either client takes: its app's credentials, and the transport's options, each with a default. */
export interface ClientOptions extends Partial<TransportOptions> {
  apiBase: string;
  clientKey: string;
  clientSecret: string;
}

/** A client's options with their defaults: 3 attempts, 250 ms first backoff, the global fetch. */
export function transportOf(
  options: Partial<TransportOptions>,
  defaults: Pick<TransportOptions, "timeoutMs">,
): TransportOptions {
  return {
    timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
    maxAttempts: options.maxAttempts ?? 3,
    baseDelayMs: options.baseDelayMs ?? 250,
    fetch: options.fetch ?? fetch,
    sleep: options.sleep ?? defaultSleep,
    onRequest: options.onRequest,
  };
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** An answer that parsed as JSON, whatever its status, with the headers a caller times and paces by. */
export interface JsonAnswer {
  status: number;
  body: unknown;
  /** Retry-After, in seconds. */
  retryAfter?: number;
  /** The Date header: TikTok's clock. */
  dateMs?: number;
}

/** One attempt: the answer as JSON, or a TikTokError for what never arrived or never parsed. */
export async function requestJson(
  transport: TransportOptions,
  endpoint: string,
  url: string,
  init: RequestInit,
): Promise<JsonAnswer> {
  transport.onRequest?.(endpoint);
  // called unbound: the Workers runtime's fetch refuses any other `this`
  const fetchFn = transport.fetch;
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(transport.timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    const code = name === "TimeoutError" || name === "AbortError" ? "timeout" : "network_error";
    throw new TikTokError(code, (error as Error).message, { endpoint });
  }
  const retryAfter = Number(res.headers.get("retry-after")) || undefined;
  const dateMs = Date.parse(res.headers.get("date") ?? "") || undefined;
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text), retryAfter, dateMs };
  } catch {
    throw new TikTokError(
      res.status >= 500 ? "http_error" : "malformed_response",
      `HTTP ${res.status}, body is not JSON`,
      { endpoint, httpStatus: res.status },
    );
  }
}

/**
 * Runs `call`, retrying what `mayRetry` allows (by default what is retryable), waiting a jittered
 * backoff or TikTok's Retry-After, whichever is longer (a Retry-After counts up to 2 s: longer
 * waits are the caller's to schedule).
 */
export async function withRetries<T>(
  transport: TransportOptions,
  call: () => Promise<T>,
  mayRetry = (error: TikTokError) => error.retryable,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof TikTokError) || !mayRetry(error) || n >= transport.maxAttempts) throw error;
      const backoff = Math.random() * Math.min(MAX_DELAY_MS, transport.baseDelayMs * 2 ** (n - 1));
      await transport.sleep(Math.max(backoff, Math.min(error.details.retryAfterSeconds ?? 0, 2) * 1000));
    }
  }
}
