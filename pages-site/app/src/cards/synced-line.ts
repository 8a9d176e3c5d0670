/** "Last synced 4 minutes ago", kept current while it is on screen. */
import type { Component } from "../component";
import { fill, h } from "../dom";
import { timeAgo } from "../format";

const TICK_MS = 30_000;

export function syncedLine(at: string | null, paused = false): Component {
  const el = h("span", { class: paused ? "synced paused" : "synced" });
  const update = () => {
    if (!at) return fill(el, "Not synced yet");
    fill(
      el,
      h("span", { class: "live-dot", "aria-hidden": "true" }),
      "Last synced ",
      h("time", { datetime: at, title: new Date(at).toLocaleString() }, timeAgo(at)),
    );
  };
  update();
  const timer = window.setInterval(update, TICK_MS);
  return { el, destroy: () => window.clearInterval(timer) };
}
