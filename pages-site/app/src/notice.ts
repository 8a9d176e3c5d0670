/**
 * The calm line under the header that says why the dashboard is waiting (rate limit, network,
 * a busy server) and when it tries again. One notice per reason; the newest shows.
 */
import { h, fill } from "./dom";

export type NoticeKind = "rate" | "network" | "busy" | "info" | "success" | "error";

export interface Shown {
  kind: NoticeKind;
  text: string;
  until?: number;
}

/** The kinds that say the dashboard is waiting (with a spinner), and those the reader may dismiss. */
export const waits = (kind: NoticeKind): boolean => kind === "rate" || kind === "network" || kind === "busy";
export const dismissible = (kind: NoticeKind): boolean => kind === "success" || kind === "info" || kind === "error";

let region: HTMLElement | null = null;
const shown = new Map<string, Shown>();
let ticker: number | undefined;

export function mountNotices(el: HTMLElement): void {
  region = el;
  render();
}

/** Shows (or replaces) the notice `key`; with `until` (ms) it counts down "… in N s". */
export function showNotice(key: string, kind: NoticeKind, text: string, until?: number): void {
  shown.set(key, { kind, text, until });
  render();
}

export function clearNotice(key: string): void {
  if (shown.delete(key)) render();
}

/** The notice on show: the newest (a replaced notice counts from when it was first shown). */
export function currentNotice(): { key: string; notice: Shown } | null {
  const last = [...shown.entries()].at(-1);
  return last ? { key: last[0], notice: last[1] } : null;
}

function render(): void {
  if (!region) return;
  const last = currentNotice();
  if (!last) {
    fill(region);
    // emptied, never hidden: a live region must stay in the accessibility tree to be announced
    region.classList.add("is-empty");
    window.clearInterval(ticker);
    ticker = undefined;
    return;
  }
  const { key, notice } = last;
  region.classList.remove("is-empty");
  const [before, after] = notice.text.split("{s}");
  // The countdown ticks visually only: a live region re-read every second would be noise.
  const text =
    after === undefined
      ? before
      : [
          before,
          h("span", { class: "countdown", "aria-hidden": "true" }, countdown(notice.until)),
          h("span", { class: "visually-hidden" }, "a moment"),
          after,
        ];
  fill(
    region,
    h(
      "div",
      { class: `notice notice-${notice.kind}` },
      waits(notice.kind) ? h("span", { class: "spinner", "aria-hidden": "true" }) : null,
      h("p", null, text),
      dismissible(notice.kind)
        ? h(
            "button",
            {
              class: "icon-button notice-close",
              type: "button",
              "aria-label": "Dismiss",
              onclick: () => clearNotice(key),
            },
            "×",
          )
        : null,
    ),
  );
  window.clearInterval(ticker);
  ticker = notice.until === undefined ? undefined : window.setInterval(updateCountdown, 1000);
}

/** "12 s" until `until`; "a moment" for the last second (or no time). */
export function countdown(until: number | undefined, now = Date.now()): string {
  const seconds = until === undefined ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
  return seconds <= 1 ? "a moment" : `${seconds} s`;
}

function updateCountdown(): void {
  const last = [...shown.values()].at(-1);
  const span = region?.querySelector(".countdown");
  if (last && span) span.textContent = countdown(last.until);
}
