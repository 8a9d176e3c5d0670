/**
 * The session. The access token lives in this module's memory only (never in storage); the
 * refresh token is an httpOnly cookie on the API's origin that only `/api/v1/auth/*` receives.
 *
 * The refresh cookie rotates on every use and a reused one ends the session, so two refreshes
 * must never overlap: one promise per tab, and a Web Lock across the tabs of this browser (they
 * share the cookie jar, so the tab that waits sends the already rotated cookie).
 */
import { ApiError, send } from "./http";
import { showNotice } from "./notice";
import { needsRenewal, refreshFailureIsNews, renewAfterMs, singleFlight, tokenUse } from "./session-rules";

export interface User {
  id: string;
  tier: "free" | "creator" | "pro";
  tiktok_account_ids: string[];
}

interface SessionResponse {
  access_token: string;
  expires_in: number;
  user: User;
}

let token: string | null = null;
/** performance.now() after which the token is renewed before use. */
let renewAt = 0;
let current: User | null = null;
/** The refresh under way, which requests wait for before using the token. */
let refreshing: Promise<User | null> | null = null;
let renewTimer: number | undefined;
const listeners = new Set<(user: User | null) => void>();
// Only in a page: imported elsewhere (the unit tests, in Node), the module opens nothing.
const channel =
  typeof window !== "undefined" && "BroadcastChannel" in window ? new BroadcastChannel("adam-session") : null;

export const user = (): User | null => current;

/** Called with the new user on sign-in or renewal, and with null when the session ends. */
export function onSessionChange(listener: (user: User | null) => void): void {
  listeners.add(listener);
}

function accept(session: SessionResponse): User {
  token = session.access_token;
  // Renew at 80% of the token's life, and before any request made after that.
  const renewIn = renewAfterMs(session.expires_in);
  renewAt = performance.now() + renewIn;
  window.clearTimeout(renewTimer);
  renewTimer = window.setTimeout(() => void refresh(), renewIn);
  current = session.user;
  for (const listener of listeners) listener(current);
  return current;
}

function drop(broadcast: boolean): void {
  const had = current !== null || token !== null;
  token = null;
  current = null;
  window.clearTimeout(renewTimer);
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a BroadcastChannel has no target origin
  if (broadcast) channel?.postMessage("signed-out");
  if (had || broadcast) for (const listener of listeners) listener(null);
}

// Another tab logged out: the refresh cookie is gone for this one too.
channel?.addEventListener("message", (event) => {
  if (event.data === "signed-out") drop(false);
});

const refreshOnce = singleFlight(async (): Promise<User | null> => {
  const run = async () => {
    try {
      // Once, never retried: the cookie rotates, so repeating a refresh whose answer was lost
      // would present a spent token and end the session for every tab.
      const { data } = await send<SessionResponse>("/api/v1/auth/refresh", {
        method: "POST",
        cookies: true,
        once: true,
      });
      return accept(data);
    } catch (error) {
      if (refreshFailureIsNews(error instanceof ApiError ? error.status : null)) {
        showNotice(
          "session",
          "error",
          "Adam couldn’t restore your session just now. Log in again, or reload to retry.",
        );
      }
      drop(false);
      return null;
    }
  };
  return "locks" in navigator ? navigator.locks.request("adam-refresh", run) : run();
});

/** Trades the refresh cookie for an access token; null when there is no (longer a) session. */
export function refresh(): Promise<User | null> {
  const flight = refreshOnce();
  refreshing = flight;
  return flight.finally(() => {
    if (refreshing === flight) refreshing = null;
  });
}

/** A usable access token, renewed first when it is old; null when signed out. */
export async function accessToken(): Promise<string | null> {
  if (refreshing) await refreshing;
  const use = tokenUse({ token, signedIn: current !== null, now: performance.now(), renewAt });
  if (use === "use") return token;
  if (use === "signed_out") return null;
  await refresh();
  return token;
}

/** The API answered 401 to a request made with `used`: renew once, unless someone already has. */
export async function renewAfter401(used: string): Promise<string | null> {
  if (!needsRenewal(token, used)) return token;
  await refresh();
  return token;
}

export async function signIn(kind: "login" | "signup", email: string, password: string): Promise<User> {
  const { data } = await send<SessionResponse>(`/api/v1/auth/${kind}`, {
    method: "POST",
    body: { email, password },
    cookies: true,
    failOn429: true,
  });
  return accept(data);
}

export async function signOut(): Promise<void> {
  try {
    await send("/api/v1/auth/logout", { method: "POST", cookies: true, once: true });
  } finally {
    drop(true);
  }
}

/** The account is gone (deleted): this tab and the others forget the session. */
export function forgetSession(): void {
  drop(true);
}

/** A renewal now: the token's claims change (an account was disconnected). */
export function renew(): Promise<User | null> {
  return refresh();
}

/** The session ended underneath us (the refresh cookie expired or was revoked). */
export function sessionLost(): void {
  drop(false);
}
