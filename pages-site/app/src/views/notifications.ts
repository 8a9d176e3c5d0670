/**
 * Notifications: the recent alerts of the accounts the creator holds, newest first, unread ones
 * marked. Opening one marks it read; "Mark all as read" does the rest. The list refreshes every
 * minute while it is open (the session budget, not the plan's data requests).
 */
import { KIND_LABEL } from "../alert-labels";
import { api, type Alert } from "../api";
import { fill, h } from "../dom";
import { formatDateTime, timeAgo } from "../format";
import { href } from "../router";
import { refreshAlertBadge } from "./alert-badge";
import { section, skeleton, type View } from "./view";

const REFRESH_MS = 60_000;

function item(alert: Alert, onOpen: (a: Alert) => void): HTMLElement {
  const target = alert.video_id ? href.video(alert.video_id) : href.overview(alert.account_id);
  const link = h("a", { href: target, class: "alert-link" }, alert.title);
  link.addEventListener("click", () => onOpen(alert));
  return h(
    "li",
    { class: `alert-item${alert.read ? "" : " unread"}`, "data-alert": alert.id, "data-kind": alert.kind },
    h(
      "div",
      { class: "alert-meta" },
      h("span", { class: `alert-kind kind-${alert.kind}` }, KIND_LABEL[alert.kind]),
      alert.read ? null : h("span", { class: "unread-dot" }, h("span", { class: "visually-hidden" }, "Unread")),
      h("time", { datetime: alert.created_at, title: formatDateTime(alert.created_at) }, timeAgo(alert.created_at)),
    ),
    h("h2", { class: "alert-title" }, link),
    h("p", { class: "alert-body" }, alert.body),
  );
}

export const notificationsView = (): View => (main) => {
  let live = true;
  const list = h("div", { "aria-busy": "true" }, skeleton("card"));
  const markAll = h("button", { class: "button button-small", type: "button", disabled: true }, "Mark all as read");
  const summary = h("p", { class: "muted", id: "unread-summary" }, " ");

  const render = ({ unread, alerts }: { unread: number; alerts: Alert[] }) => {
    summary.textContent =
      alerts.length === 0 ? " " : unread === 0 ? "All caught up." : `${unread} unread alert${unread === 1 ? "" : "s"}.`;
    markAll.disabled = unread === 0;
    fill(
      list,
      alerts.length
        ? h(
            "ol",
            { class: "alert-list" },
            alerts.map((a) =>
              item(a, (opened) => {
                if (!opened.read) void api.markRead([opened.id]).then(() => refreshAlertBadge());
              }),
            ),
          )
        : h(
            "div",
            { class: "empty" },
            h("p", null, "No alerts yet."),
            h(
              "p",
              { class: "muted" },
              "When a video takes off or stalls, it shows here within minutes, and by email, push or webhook if you turn them on in ",
              h("a", { href: href.settings }, "Settings"),
              ".",
            ),
          ),
    );
  };
  const load = () =>
    void section(
      list,
      () => api.alerts(),
      render,
      () => live,
    );
  markAll.addEventListener("click", async () => {
    markAll.disabled = true;
    await api.markRead("all").catch(() => undefined);
    refreshAlertBadge();
    load();
  });

  main.append(
    h(
      "div",
      { class: "page-head" },
      h("div", null, h("h1", { tabindex: -1 }, "Notifications"), summary),
      h(
        "div",
        { class: "actions" },
        markAll,
        h("a", { class: "button button-small", href: href.settings }, "Alert settings"),
      ),
    ),
    h("section", { class: "card notifications-card", "aria-labelledby": "unread-summary" }, list),
  );
  document.title = "Notifications — Adam";
  load();
  const timer = window.setInterval(load, REFRESH_MS);
  return () => {
    live = false;
    window.clearInterval(timer);
  };
};
