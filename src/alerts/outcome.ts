/**
 * What one attempt at a channel came to, whatever the channel: sent, gone for good (404/410: an
 * expired push subscription, a deleted webhook: the target is disabled), refused (a 4xx that a
 * retry cannot change), or worth a retry (429, 5xx, timeouts, network trouble), with the wait
 * the other side asked for.
 */
export type SendOutcome =
  | { ok: true; providerId: string | null }
  | {
      ok: false;
      kind: "gone" | "rejected" | "retry";
      status: number | null;
      message: string;
      retryAfterSeconds?: number;
    };

/** Each channel request gets this long; a slow receiver is retried, not waited on. */
export const SEND_TIMEOUT_MS = 10_000;

export function outcomeOf(res: Response, providerId: string | null = null): SendOutcome {
  if (res.ok) return { ok: true, providerId };
  const status = res.status;
  const retryAfter = Number(res.headers.get("retry-after"));
  const message = `HTTP ${status}`;
  if (status === 404 || status === 410) return { ok: false, kind: "gone", status, message };
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return {
      ok: false,
      kind: "retry",
      status,
      message,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: Math.min(retryAfter, 3600) } : {}),
    };
  }
  // 3xx included: a redirect is not followed (it could lead anywhere, a private address too)
  return { ok: false, kind: "rejected", status, message };
}

/** fetch with a deadline and no redirects; network trouble and timeouts come back as a retry. */
export async function send(url: string, init: RequestInit, providerId?: (res: Response) => Promise<string | null>) {
  try {
    const res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(SEND_TIMEOUT_MS) });
    const id = res.ok && providerId ? await providerId(res).catch(() => null) : null;
    if (!res.ok || !providerId) await res.body?.cancel();
    return outcomeOf(res, id);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, kind: "retry", status: null, message: message.slice(0, 200) } satisfies SendOutcome;
  }
}
