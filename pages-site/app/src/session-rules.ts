/**
 * The session's decisions, apart from its state and timers: when a token is renewed, whether a
 * request may use it, and the rule that two refreshes never overlap (the refresh cookie rotates,
 * so a second one in flight would present a spent token and end the session).
 */

/** Tokens are renewed at 80% of their life: before they expire, never during a request. */
export const renewAfterMs = (expiresInSeconds: number): number => expiresInSeconds * 1000 * 0.8;

export type TokenUse = "use" | "renew" | "signed_out";

/** What a request does with the token held now (`now` and `renewAt` on the same clock). */
export function tokenUse(s: { token: string | null; signedIn: boolean; now: number; renewAt: number }): TokenUse {
  if (s.token && s.now < s.renewAt) return "use";
  if (!s.token && !s.signedIn) return "signed_out";
  return "renew";
}

/** After a 401 on `used`: renew, unless another request already did (the held token is newer). */
export const needsRenewal = (held: string | null, used: string): boolean => !held || held === used;

/** A failed refresh is worth a notice unless the API said plainly there is no session (401, 403). */
export const refreshFailureIsNews = (status: number | null): boolean => status !== 401 && status !== 403;

/** `run`, at most one at a time: a call while one is under way gets the same promise. */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  return () =>
    (running ??= run().finally(() => {
      running = null;
    }));
}
