/**
 * The creator dashboard: boot, the header and the router. The session is renewed from the
 * refresh cookie on load; without one the visitor gets the log-in (or sign-up) form.
 */
// oxlint-disable-next-line import/no-unassigned-import -- the stylesheet, bundled into build/app.css
import "./styles.css";
import { forgetCache, get, revalidateScreens } from "./api";
import { mountScreen, type Component } from "./component";
import { fill, h } from "./dom";
import { mountNotices, showNotice } from "./notice";
import { go, href, parseRoute, resolveRoute, type Route } from "./router";
import { onSessionChange, refresh, signOut, user } from "./session";
import { alertsLink, onUnreadChange, refreshAlertBadge } from "./views/alert-badge";
import { authView } from "./views/auth";
import { CONNECT_ERRORS } from "./views/connect";
import { growthView } from "./views/growth";
import { notificationsView } from "./views/notifications";
import { overviewView } from "./views/overview";
import { settingsView } from "./views/settings";
import { videoView } from "./views/video";
import type { View } from "./views/view";
import { WATCH_ERRORS } from "./watch-errors";

const main = document.getElementById("main") as HTMLElement;
const nav = document.getElementById("session-nav") as HTMLElement;
mountNotices(document.getElementById("notices") as HTMLElement);

// The skip link's target is not a route: focus the content without touching the hash.
document.querySelector<HTMLAnchorElement>(".skip-link")?.addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

/** What TikTok's redirect back (through the API's callback) says, read once and removed from the address. */
const params = new URLSearchParams(location.search);
const justConnected = params.get("connected");
const connectError = params.get("connect_error");
const watchConnected = params.get("watch_connected");
const watchError = params.get("watch_error");
if (justConnected || connectError || watchConnected || watchError)
  history.replaceState(null, "", location.pathname + location.hash);
if (justConnected || watchConnected) revalidateScreens();
if (watchConnected)
  showNotice(
    "connect",
    "success",
    "Watch-time insights are added. Adam is reading TikTok’s analytics now; they cover up to a day or two ago.",
  );
if (watchError)
  showNotice(
    "connect",
    "error",
    (Object.hasOwn(WATCH_ERRORS, watchError) && WATCH_ERRORS[watchError]) ||
      "Adding watch-time insights didn’t work. Please try again.",
  );
if (justConnected)
  showNotice("connect", "success", "TikTok is connected. Adam is taking the first snapshot of your account now.");
if (connectError)
  showNotice(
    "connect",
    "error",
    // own keys only: `?connect_error=constructor` must not find Object's prototype
    (Object.hasOwn(CONNECT_ERRORS, connectError) && CONNECT_ERRORS[connectError]) ||
      "Connecting TikTok didn’t work. Please try again.",
  );

/** The screen on show: leaving it destroys its cards (timers, charts, listeners). */
let screen: Component | null = null;
let email: string | null = null;
let askedWho = false;

function renderNav(): void {
  const u = user();
  if (!u) return fill(nav, h("a", { class: "button button-small", href: "../" }, "Adam home"));
  const logout = h("button", { class: "button button-small", type: "button" }, "Log out");
  logout.addEventListener("click", async () => {
    logout.disabled = true;
    await signOut().catch(() => undefined);
    go(href.login);
  });
  const growth = h(
    "a",
    {
      class: "button button-small",
      href: href.growth(),
      "aria-current": parseRoute(location.hash)?.name === "growth" ? "page" : null,
      "aria-label": "Growth plan",
    },
    h("span", { class: "nav-full" }, "Growth plan"),
    h("span", { class: "nav-short" }, "Plan"),
  );
  const settings = h(
    "a",
    {
      class: "button button-small",
      href: href.settings,
      "aria-current": parseRoute(location.hash)?.name === "settings" ? "page" : null,
    },
    "Settings",
  );
  fill(
    nav,
    h(
      "span",
      { class: "who" },
      email ? h("span", { class: "email" }, email) : null,
      h("span", { class: "tag" }, `${u.tier[0]?.toUpperCase()}${u.tier.slice(1)} plan`),
    ),
    alertsLink(parseRoute(location.hash)?.name === "notifications"),
    growth,
    settings,
    logout,
  );
}

/** The screen for a route (signed out, every route but sign-up is the log-in). */
function viewFor(route: Route): View {
  const afterSignIn = () => go(href.overview());
  switch (route.name) {
    case "login":
    case "signup":
      return authView(route.name, afterSignIn);
    case "overview":
      return overviewView(route.account, justConnected);
    case "video":
      return videoView(route.id);
    case "settings":
      return settingsView();
    case "notifications":
      return notificationsView();
    case "growth":
      return growthView(route.account);
  }
}

function show(route: Route): void {
  screen?.destroy();
  main.removeAttribute("aria-busy");
  screen = mountScreen(main, viewFor(resolveRoute(route, user() !== null)));
  renderNav();
  // Move focus to the new page's heading, as a page load would (not on the first load).
  if (booted) main.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
  window.scrollTo({ top: 0 });
}

onUnreadChange(renderNav);
/** New alerts show in the header within a minute, whatever page is open. */
const BADGE_REFRESH_MS = 60_000;
window.setInterval(() => {
  if (user()) refreshAlertBadge();
}, BADGE_REFRESH_MS);

let booted = false;
function showCurrent(): void {
  const r = parseRoute(location.hash);
  if (r) show(r);
}

window.addEventListener("hashchange", showCurrent);
onSessionChange((u) => {
  if (u === null) {
    forgetCache();
    email = null;
    renderNav();
    if (booted && parseRoute(location.hash)?.name !== "signup") {
      showNotice("session", "info", "You’re logged out. Log in to see your numbers.");
      go(href.login);
    }
    return;
  }
  refreshAlertBadge();
  if (email === null && !askedWho) {
    // Not rate-limited: who is signed in, for the header.
    askedWho = true;
    void get<{ email: string }>("/api/v1/me")
      .then((me) => {
        email = me.email;
        renderNav();
      })
      .catch(() => undefined)
      .finally(() => (askedWho = false));
  }
  renderNav();
});

async function boot(): Promise<void> {
  main.setAttribute("aria-busy", "true");
  await refresh();
  renderNav();
  showCurrent();
  booted = true;
}

void boot();
