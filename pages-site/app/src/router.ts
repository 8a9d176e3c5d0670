/**
 * Hash routes, so the dashboard is static files under `/app/` (and `/adam/app/`) with no server
 * rewrite: `#/login`, `#/signup`, `#/` (the first account), `#/account/<id>`, `#/video/<id>`,
 * `#/settings`, `#/notifications`.
 * The landing site links to `app/#signup`, which is read as `#/signup`. Other hashes (the skip
 * link's `#main`) are not routes and change nothing.
 */
export type Route =
  | { name: "login" }
  | { name: "signup" }
  | { name: "overview"; account: string | null }
  | { name: "video"; id: string }
  | { name: "settings" }
  | { name: "notifications" };

export function parseRoute(hash: string): Route | null {
  const path = hash.replace(/^#\/?/, "");
  if (hash === "" || hash === "#" || path === "") return { name: "overview", account: null };
  if (!hash.startsWith("#/") && !["#signup", "#login"].includes(hash)) return null;
  const [head, id] = path.split("/");
  if (head === "login") return { name: "login" };
  if (head === "signup") return { name: "signup" };
  if (head === "settings") return { name: "settings" };
  if (head === "notifications") return { name: "notifications" };
  if (head === "account" && id && /^\d+$/.test(id)) return { name: "overview", account: id };
  if (head === "video" && id && /^\d+$/.test(id)) return { name: "video", id };
  return { name: "overview", account: null };
}

export const href = {
  login: "#/login",
  signup: "#/signup",
  overview: (account?: string) => (account ? `#/account/${account}` : "#/"),
  video: (id: string) => `#/video/${id}`,
  settings: "#/settings",
  notifications: "#/notifications",
};

export function go(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = hash;
}
