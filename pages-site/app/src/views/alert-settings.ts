/**
 * Settings → Alerts: which kinds, which channels (email, push on this browser and others,
 * webhooks), quiet hours in the creator's time zone, the daily digest and the daily cap. The
 * browser asks for push permission only when the creator presses "Turn on push on this browser".
 */
import { ALERT_KINDS } from "../alert-labels";
import { api, type AlertKind, type AlertPreferences, type AlertSettings } from "../api";
import { fill, h } from "../dom";
import { formatDate } from "../format";
import { ApiError } from "../http";
import { currentEndpoint, pushSupport, turnOnPush, unsubscribeHere } from "../push";
import { section, skeleton } from "./view";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const hours = Array.from({ length: 24 }, (_, hour) => hour);
const pad = (n: number) => String(n).padStart(2, "0");

function zones(current: string): string[] {
  const all =
    (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
  return [...new Set([current, browserZone(), "UTC", ...all])];
}

const checkbox = (id: string, checked: boolean, extra: Record<string, string | boolean> = {}) =>
  h("input", { type: "checkbox", id, name: id, checked, ...extra });

function messageOf(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.details.length) return error.details.map((d) => d.message).join("; ");
  if (error instanceof ApiError && error.status !== 0 && error.status < 500) return error.message;
  return fallback;
}

function render(el: HTMLElement, s: AlertSettings, reload: () => void): void {
  const p = s.preferences;
  const status = h("p", { class: "muted form-status", role: "status" });
  const kindBoxes = ALERT_KINDS.map(({ kind, label, hint }) => ({
    kind,
    box: checkbox(`alert-kind-${kind}`, p.kinds.includes(kind)),
    label,
    hint,
  }));
  const email = checkbox("alert-email", p.email, { disabled: !s.available.email });
  const push = checkbox("alert-push", p.push, { disabled: !s.available.push });
  const webhooks = checkbox("alert-webhooks", p.webhooks);
  const quiet = checkbox("quiet-on", p.quiet_hours !== null);
  const quietStart = h("input", {
    type: "time",
    id: "quiet-start",
    value: p.quiet_hours?.start ?? "22:00",
    required: true,
  });
  const quietEnd = h("input", { type: "time", id: "quiet-end", value: p.quiet_hours?.end ?? "07:00", required: true });
  const zone = h(
    "select",
    { id: "time-zone" },
    zones(p.time_zone === "UTC" && !p.quiet_hours ? browserZone() : p.time_zone).map((z) =>
      h(
        "option",
        { value: z, selected: z === (p.time_zone === "UTC" && !p.quiet_hours ? browserZone() : p.time_zone) },
        z,
      ),
    ),
  );
  const heldRelease = h("input", {
    type: "radio",
    name: "held",
    id: "held-release",
    value: "release",
    checked: p.held === "release",
  });
  const heldDigest = h("input", {
    type: "radio",
    name: "held",
    id: "held-digest",
    value: "digest",
    checked: p.held === "digest",
  });
  const digest = checkbox("digest-on", p.digest.enabled, { disabled: !s.available.email });
  const digestHour = h(
    "select",
    { id: "digest-hour" },
    hours.map((hour) => h("option", { value: String(hour), selected: hour === p.digest.hour }, `${pad(hour)}:00`)),
  );
  const cap = h("input", {
    type: "number",
    id: "daily-cap",
    min: 1,
    max: 100,
    value: String(p.daily_cap),
    inputmode: "numeric",
  });

  const quietFields = h(
    "div",
    { class: "quiet-fields" },
    h("div", { class: "field" }, h("label", { for: "quiet-start" }, "From"), quietStart),
    h("div", { class: "field" }, h("label", { for: "quiet-end" }, "Until"), quietEnd),
    h("div", { class: "field field-wide" }, h("label", { for: "time-zone" }, "Time zone"), zone),
    h(
      "div",
      { class: "radio-group", role: "radiogroup", "aria-label": "Alerts that come in during quiet hours" },
      h("label", { class: "check" }, heldRelease, "Send them when quiet hours end"),
      h("label", { class: "check" }, heldDigest, "Keep them for the daily digest"),
    ),
  );
  const syncQuiet = () => {
    quietFields.hidden = !quiet.checked;
  };
  quiet.addEventListener("change", syncQuiet);
  syncQuiet();

  const preferences = (): AlertPreferences => ({
    kinds: kindBoxes.filter((k) => k.box.checked).map((k) => k.kind as AlertKind),
    email: email.checked,
    push: push.checked,
    webhooks: webhooks.checked,
    time_zone: zone.value,
    quiet_hours: quiet.checked ? { start: quietStart.value, end: quietEnd.value } : null,
    held: heldDigest.checked ? "digest" : "release",
    digest: { enabled: digest.checked, hour: Number(digestHour.value) },
    daily_cap: Math.min(100, Math.max(1, Number(cap.value) || 10)),
  });
  const save = async (done = "Saved.") => {
    status.textContent = "Saving…";
    try {
      await api.savePreferences(preferences());
      status.textContent = done;
    } catch (error) {
      status.textContent = messageOf(error, "Saving didn’t work; please try again.");
    }
  };

  // Push: this browser and the others
  const pushStatus = h("p", { class: "muted", role: "status" });
  const pushList = h("ul", { class: "targets" });
  const support = pushSupport();
  const turnOn = h(
    "button",
    { class: "button button-small", type: "button", id: "push-here" },
    "Turn on push on this browser",
  );
  turnOn.disabled = !s.available.push || support !== "supported" || !s.push_public_key;
  if (support === "unsupported")
    pushStatus.textContent =
      "This browser can’t receive push notifications (on an iPhone: add Adam to the Home Screen first).";
  if (support === "denied")
    pushStatus.textContent = "Notifications are blocked for this site in your browser settings.";
  turnOn.addEventListener("click", async () => {
    turnOn.disabled = true;
    pushStatus.textContent = "Asking your browser…";
    try {
      const result = await turnOnPush(s.push_public_key as string);
      if (result === "on") {
        push.checked = true;
        await save("Push is on for this browser.");
        reload();
        return;
      }
      pushStatus.textContent =
        result === "denied"
          ? "Your browser didn’t allow notifications, so push stays off."
          : "This browser can’t receive push notifications.";
    } catch (error) {
      pushStatus.textContent = messageOf(error, "Turning push on didn’t work; please try again.");
    }
    turnOn.disabled = false;
  });
  void currentEndpoint().then((here) =>
    fill(
      pushList,
      s.push_subscriptions.map((sub) => {
        const mine = here !== null && new URL(here).host === sub.endpoint_host && s.push_subscriptions.length === 1;
        const remove = h("button", { class: "button button-small", type: "button" }, "Remove");
        remove.addEventListener("click", async () => {
          remove.disabled = true;
          await api.removePushSubscription(sub.id).catch(() => undefined);
          if (mine) await unsubscribeHere().catch(() => undefined);
          reload();
        });
        return h(
          "li",
          { class: "target", "data-push": sub.id },
          h(
            "div",
            null,
            h("strong", null, mine ? "This browser" : browserName(sub.user_agent)),
            h(
              "span",
              { class: "muted" },
              ` · since ${formatDate(sub.created_at)}`,
              sub.disabled_at ? ` · stopped: ${sub.disabled_reason ?? "no longer valid"}` : "",
            ),
          ),
          remove,
        );
      }),
    ),
  );

  // Webhooks
  const hookUrl = h("input", {
    type: "url",
    id: "webhook-url",
    placeholder: "https://hooks.slack.com/services/…",
    autocomplete: "off",
    maxlength: 2048,
  });
  const hookStatus = h("p", { class: "muted", role: "status" });
  const addHook = h("button", { class: "button button-small", type: "button" }, "Add webhook");
  addHook.addEventListener("click", async () => {
    if (!hookUrl.value.trim()) {
      hookStatus.textContent = "Paste the webhook’s URL first.";
      return;
    }
    addHook.disabled = true;
    hookStatus.textContent = "Adding…";
    try {
      await api.addWebhook(hookUrl.value.trim());
      if (!webhooks.checked) {
        webhooks.checked = true;
        await save();
      }
      reload();
    } catch (error) {
      hookStatus.textContent = `That URL can’t be used: ${messageOf(error, "please try again")}.`;
      addHook.disabled = false;
    }
  });
  const hookList = h(
    "ul",
    { class: "targets" },
    s.webhooks.map((w) => {
      const remove = h("button", { class: "button button-small", type: "button" }, "Remove");
      remove.addEventListener("click", async () => {
        remove.disabled = true;
        await api.removeWebhook(w.id).catch(() => undefined);
        reload();
      });
      return h(
        "li",
        { class: "target", "data-webhook": w.id },
        h(
          "div",
          { class: "target-main" },
          h("strong", { class: "target-url" }, w.url),
          h(
            "span",
            { class: "muted" },
            `${w.format === "json" ? "Signed JSON" : w.format === "slack" ? "Slack" : "Discord"}`,
            w.disabled_at ? ` · stopped: ${w.disabled_reason ?? "the URL is gone"}` : "",
          ),
          h(
            "details",
            null,
            h("summary", null, "Signing secret"),
            h("code", { class: "secret" }, w.signing_secret),
            h(
              "p",
              { class: "muted" },
              "Each request carries Adam-Signature: t=…,v1=HMAC-SHA256 of t.body with this secret.",
            ),
          ),
        ),
        remove,
      );
    }),
  );

  const form = h(
    "form",
    { class: "alert-form", novalidate: true },
    h(
      "fieldset",
      null,
      h("legend", null, "What to tell you"),
      kindBoxes.map(({ box, label, hint }) =>
        h(
          "label",
          { class: "check" },
          box,
          h("span", null, h("strong", null, label), h("span", { class: "muted" }, ` — ${hint}`)),
        ),
      ),
    ),
    h(
      "fieldset",
      null,
      h("legend", null, "Where"),
      h("label", { class: "check" }, email, `Email to ${s.email}`),
      h("label", { class: "check" }, push, "Push notifications"),
      h("div", { class: "channel-detail" }, pushList, h("div", { class: "actions" }, turnOn), pushStatus),
      h("label", { class: "check" }, webhooks, "Webhooks (Slack, Discord or any https URL)"),
      h(
        "div",
        { class: "channel-detail" },
        hookList,
        h(
          "div",
          { class: "inline-form" },
          h("label", { for: "webhook-url", class: "visually-hidden" }, "Webhook URL"),
          hookUrl,
          addHook,
        ),
        hookStatus,
      ),
    ),
    h(
      "fieldset",
      null,
      h("legend", null, "When"),
      h("label", { class: "check" }, quiet, "Quiet hours: hold alerts at night"),
      quietFields,
      h("label", { class: "check" }, digest, "A daily digest email of the day’s alerts, at"),
      h(
        "div",
        { class: "field field-inline" },
        h("label", { for: "digest-hour", class: "visually-hidden" }, "Digest time"),
        digestHour,
      ),
      h(
        "div",
        { class: "field field-inline" },
        h("label", { for: "daily-cap" }, "At most this many alerts a day (the rest wait in Notifications)"),
        cap,
      ),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { class: "button button-primary", type: "submit" }, "Save alert settings"),
      status,
    ),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void save();
  });
  fill(el, form);
}

function browserName(agent: string | null): string {
  if (!agent) return "A browser";
  const name = /Edg\//.test(agent)
    ? "Edge"
    : /Firefox\//.test(agent)
      ? "Firefox"
      : /Chrome\//.test(agent)
        ? "Chrome"
        : /Safari\//.test(agent)
          ? "Safari"
          : "A browser";
  const device = /iPhone|iPad/.test(agent)
    ? " on iOS"
    : /Android/.test(agent)
      ? " on Android"
      : /Mac OS X/.test(agent)
        ? " on a Mac"
        : /Windows/.test(agent)
          ? " on Windows"
          : "";
  return `${name}${device}`;
}

export function alertSettingsCard(isLive: () => boolean): HTMLElement {
  const body = h("div", { "aria-busy": "true" }, skeleton("line"));
  const load = () =>
    void section(
      body,
      () => api.alertSettings(),
      (s) => render(body, s, load),
      isLive,
    );
  load();
  return h(
    "section",
    { class: "card settings-card", "aria-labelledby": "alerts-title", id: "alerts" },
    h("h2", { id: "alerts-title" }, "Alerts"),
    h(
      "p",
      { class: "muted" },
      "Adam tells you when a video takes off or stalls, within minutes of the snapshot that shows it. Every alert is also in Notifications.",
    ),
    body,
  );
}
