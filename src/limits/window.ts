/**
 * A counted window with a block: how many attempts at something were made in the current window,
 * and until when further attempts are refused. Pure and synchronous, so the Durable Object that
 * owns a key can decide and record an attempt in one step that no concurrent request can split:
 * an attempt is counted before it is allowed, so however many arrive at once, at most `limit` of
 * them are ever allowed in a window.
 */
export interface WindowRule {
  limit: number;
  windowSeconds: number;
  /** How long attempts are refused once the limit is reached. */
  blockSeconds: number;
}

export interface WindowState {
  count: number;
  windowStartMs: number;
  blockedUntilMs?: number;
}

export interface Verdict {
  allowed: boolean;
  /** 0 when allowed; else seconds until an attempt can be allowed again. */
  retryAfterSeconds: number;
}

const secondsUntil = (ms: number, nowMs: number) => Math.max(1, Math.ceil((ms - nowMs) / 1000));

/**
 * One attempt. The attempt that reaches the limit is still allowed and starts the block; the
 * ones after it are refused (and not counted) until the block ends.
 */
export function attempt(
  state: WindowState | undefined,
  rule: WindowRule,
  nowMs: number,
): { verdict: Verdict; state: WindowState } {
  if (state?.blockedUntilMs !== undefined && state.blockedUntilMs > nowMs) {
    return { verdict: { allowed: false, retryAfterSeconds: secondsUntil(state.blockedUntilMs, nowMs) }, state };
  }
  const fresh =
    !state || state.blockedUntilMs !== undefined || nowMs - state.windowStartMs >= rule.windowSeconds * 1000;
  const count = (fresh ? 0 : state.count) + 1;
  const next: WindowState = { count, windowStartMs: fresh ? nowMs : state.windowStartMs };
  if (count >= rule.limit) next.blockedUntilMs = nowMs + rule.blockSeconds * 1000;
  return { verdict: { allowed: true, retryAfterSeconds: 0 }, state: next };
}

/** An allowed attempt that turned out fine gives its count back (never below zero, never lifting a block). */
export function refund(state: WindowState | undefined): WindowState | undefined {
  if (!state) return undefined;
  return { ...state, count: Math.max(0, state.count - 1) };
}

/** When nothing in the state matters any more, so it can be forgotten. */
export function expiresAt(state: WindowState, rule: WindowRule): number {
  return Math.max(state.blockedUntilMs ?? 0, state.windowStartMs + rule.windowSeconds * 1000);
}
