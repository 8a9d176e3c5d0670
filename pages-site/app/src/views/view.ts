/**
 * A view (a screen) renders into `<main>` and may return what stops it (timers, charts, its
 * cards), run when it is left: the router mounts it as a component (component.ts).
 */
import type { ScreenView } from "../component";
import { h } from "../dom";
import { ApiError } from "../http";

export type View = ScreenView;

/** A placeholder block shown while a section loads (announced once by its `aria-busy` parent). */
export const skeleton = (className = "") => h("div", { class: `skeleton ${className}`, "aria-hidden": "true" });

/** A section that could not load, with a way to try again. */
export function failed(error: unknown, retry: () => void): HTMLElement {
  const message =
    error instanceof ApiError && error.status === 404
      ? "This was not found, or it belongs to another account."
      : "This part didn’t load.";
  return h(
    "div",
    { class: "empty empty-error" },
    h("p", null, message),
    h("button", { class: "button button-small", type: "button", onclick: retry }, "Try again"),
  );
}

/** Runs `load` for a section, showing loading and failure states in `el`. */
export async function section<T>(
  el: HTMLElement,
  load: () => Promise<T>,
  render: (data: T) => void,
  isLive: () => boolean,
): Promise<void> {
  el.setAttribute("aria-busy", "true");
  try {
    const data = await load();
    if (!isLive()) return;
    el.replaceChildren();
    render(data);
  } catch (error) {
    if (!isLive() || (error instanceof ApiError && error.status === 401)) return;
    el.replaceChildren(failed(error, () => void section(el, load, render, isLive)));
  } finally {
    el.removeAttribute("aria-busy");
  }
}
