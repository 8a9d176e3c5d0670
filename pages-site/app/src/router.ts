/**
 * Hash routes, so the dashboard is static files under `/app/` (and `/adam/app/`) with no server
 * rewrite: `#/login`, `#/signup`, `#/` (the first account), `#/account/<id>`, `#/video/<id>`,
 * `#/settings`, `#/notifications`, `#/growth` (the first account's growth plan), `#/growth/<id>`.
 * The landing site links to `app/#signup`, which is read as `#/signup`. Other hashes (the skip
 * link's `#main`) are not routes and change nothing.
 */
export type Route =
  | { name: "login" }
  | { name: "signup" }
  | { name: "overview"; account: string | null }
  | { name: "video"; id: string }
  | { name: "settings" }
  | { name: "notifications" }
  | { name: "growth"; account: string | null };

export function parseRoute(hash: string): Route | null {
  const path = hash.replace(/^#\/?/, "");
  if (hash === "" || hash === "#" || path === "") return { name: "overview", account: null };
  if (!hash.startsWith("#/") && !["#signup", "#login"].includes(hash)) return null;
  const [head, id] = path.split("/");
  if (head === "login") return { name: "login" };
  if (head === "signup") return { name: "signup" };
  if (head === "settings") return { name: "settings" };
  if (head === "notifications") return { name: "notifications" };
  if (head === "growth") return { name: "growth", account: id && /^\d+$/.test(id) ? id : null };
  if (head === "account" && id && /^\d+$/.test(id)) return { name: "overview", account: id };
  if (head === "video" && id && /^\d+$/.test(id)) return { name: "video", id };
  return { name: "overview", account: null };
}

/** Where a route leads for this visitor: signed out, everything but sign-up is the log-in; signed in, the forms lead home. */
export function resolveRoute(route: Route, signedIn: boolean): Route {
  if (!signedIn && route.name !== "signup") return { name: "login" };
  if (signedIn && (route.name === "login" || route.name === "signup")) return { name: "overview", account: null };
  return route;
}

export const href = {
  login: "#/login",
  signup: "#/signup",
  overview: (account?: string) => (account ? `#/account/${account}` : "#/"),
  video: (id: string) => `#/video/${id}`,
  settings: "#/settings",
  notifications: "#/notifications",
  growth: (account?: string) => (account ? `#/growth/${account}` : "#/growth"),
};

export function go(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
}
