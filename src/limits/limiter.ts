import type { Verdict, WindowRule } from "./window";

/**
 * The counters behind lockouts and quotas, one Durable Object per key. What happens when a counter
 * cannot be reached is the caller's choice: failed logins fail closed for the account (no
 * guessing while the count is unknown), the rest fail open (a quota must not take sign-ups down).
 */
export interface Limiter {
  attempt(key: string, rule: WindowRule): Promise<Verdict>;
  refund(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export function durableLimiter(namespace: Env["LIMITER"]): Limiter {
  const stub = (key: string) => namespace.get(namespace.idFromName(key));
  return {
    attempt: (key, rule) => stub(key).attempt(rule),
    refund: (key) => stub(key).refund(),
    reset: (key) => stub(key).reset(),
  };
}
