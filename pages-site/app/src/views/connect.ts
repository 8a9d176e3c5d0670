/**
 * Connecting TikTok: the API answers `{authorize_url}` (and sets an httpOnly cookie that binds the
 * flow to this browser); the dashboard navigates there; TikTok sends the creator back through the
 * API's callback to `app/?connected=<id>` or `app/?connect_error=<reason>`.
 */
import { api } from "../api";
import { h } from "../dom";
import { showNotice } from "../notice";

export const CONNECT_ERRORS: Record<string, string> = {
  access_denied:
    "You chose not to allow access on TikTok, so nothing was connected. You can connect whenever you like.",
  invalid_state:
    "That connection attempt didn’t start in this browser, or was already used. Please start it again from here.",
  expired_state: "The connection attempt took too long and expired. Please try again.",
  code_rejected: "TikTok didn’t accept the sign-in. Please try connecting again.",
  tiktok_unavailable: "TikTok isn’t answering right now. Please try again in a few minutes.",
};

export async function startConnect(button: HTMLButtonElement): Promise<void> {
  const label = button.textContent;
  button.disabled = true;
  button.textContent = "Opening TikTok…";
  try {
    location.assign(await api.connectUrl());
  } catch {
    button.disabled = false;
    button.textContent = label;
    showNotice("connect", "error", "Couldn’t start connecting to TikTok. Please try again.");
  }
}

export function connectButton(text = "Connect TikTok", primary = true): HTMLButtonElement {
  const button = h("button", { class: `button${primary ? " button-primary" : ""}`, type: "button" }, text);
  button.addEventListener("click", () => void startConnect(button));
  return button;
}

/** The first thing a new user sees. */
export function connectEmptyState(): HTMLElement {
  return h(
    "section",
    { class: "empty-hero card", "aria-labelledby": "connect-title" },
    h("h1", { id: "connect-title", tabindex: -1 }, "Connect your TikTok account"),
    h(
      "p",
      { class: "muted" },
      "Adam reads your public videos and their counts (never your password or messages), takes a snapshot every 30 minutes, and shows you how each new video does against your own history.",
    ),
    h(
      "ol",
      { class: "steps" },
      h("li", null, "Connect: you approve read-only access on TikTok."),
      h("li", null, "Your first snapshot arrives within a few minutes."),
      h("li", null, "Velocity curves, forecasts and insights fill in as history builds up."),
    ),
    connectButton(),
  );
}
