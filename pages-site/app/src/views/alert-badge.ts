/**
 * The header's "Alerts" link with the unread count, refreshed every minute while signed in (one
 * small request on the session budget) and whenever the notifications change.
 */
import { api } from "../api";
import { h } from "../dom";
import { href } from "../router";

let unread = 0;
const listeners = new Set<() => void>();

export function unreadCount(): number {
  return unread;
}

export function onUnreadChange(listener: () => void): void {
  listeners.add(listener);
}

export function refreshAlertBadge(): void {
  void api
    .alerts(1)
    .then((r) => {
      if (r.unread === unread) return;
      unread = r.unread;
      for (const l of listeners) l();
    })
    .catch(() => undefined);
}

export function alertsLink(current: boolean): HTMLElement {
  return h(
    "a",
    {
      class: "button button-small alerts-link",
      href: href.notifications,
      "aria-current": current ? "page" : null,
      "aria-label": unread ? `Alerts, ${unread} unread` : "Alerts",
    },
    "Alerts",
    unread ? h("span", { class: "badge", "aria-hidden": "true" }, unread > 99 ? "99+" : String(unread)) : null,
  );
}
