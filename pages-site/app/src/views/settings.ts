/**
 * Settings: the TikTok accounts connected (each can be disconnected), a download of everything
 * Adam holds, and deleting the Adam account. Each step that cannot be taken back asks first, in
 * a dialog that says what will happen and what happens next.
 */
import { api, forgetCache, type Account, type Disconnected } from "../api";
import { download } from "../csv";
import { confirmDialog, openDialog } from "../dialog";
import { fill, h, icon } from "../dom";
import { formatDate } from "../format";
import { ApiError } from "../http";
import { showNotice } from "../notice";
import { forgetSession, renew } from "../session";
import { alertSettingsCard } from "./alert-settings";
import { connectButton } from "./connect";
import { accountName } from "../account-name";
import { section, skeleton, type View } from "./view";

/** How long a disconnected account's history is kept (the API's DELETION_GRACE_DAYS). */
const GRACE_DAYS = 30;

const STATUS_LABEL: Record<Account["status"], string> = {
  active: "Connected",
  needs_reconnect: "Needs reconnecting",
  missing_scopes: "Needs permissions",
  revoked: "Disconnected",
};

/** What the creator reads after a disconnect. */
function disconnectedMessage(name: string, done: Disconnected): string {
  const access =
    done.tiktok_access === "revoking"
      ? "TikTok didn’t answer just now, so Adam keeps trying to remove its access (you can also remove Adam under Settings → Security → Manage app permissions in TikTok)."
      : "Adam no longer has access to it on TikTok.";
  const history = done.delete_after
    ? `Its history is kept until ${formatDate(done.delete_after)}: connect it again before then to pick up where you left off.`
    : "Its history is deleted.";
  return `${name} is disconnected. ${access} ${history}`;
}

function disconnectDialog(account: Account, onDone: () => void): HTMLDialogElement {
  const name = accountName(account);
  const erase = h("input", { type: "checkbox", id: "erase-history", name: "erase" });
  const until = formatDate(Date.now() + GRACE_DAYS * 86_400_000);
  const keep = h(
    "li",
    { id: "history-fate" },
    `Your history of this account is kept for ${GRACE_DAYS} days, until ${until}, then deleted. Connect it again before then and it’s all still here.`,
  );
  erase.addEventListener("change", () =>
    fill(
      keep,
      erase.checked
        ? "Your history of this account is deleted right away. This can’t be undone."
        : `Your history of this account is kept for ${GRACE_DAYS} days, until ${until}, then deleted. Connect it again before then and it’s all still here.`,
    ),
  );
  return confirmDialog({
    id: "disconnect-dialog",
    title: `Disconnect ${name}?`,
    content: [
      h(
        "ul",
        { class: "consequences" },
        h("li", null, "Adam stops taking snapshots of this account right away."),
        h("li", null, "Adam’s access is removed from the TikTok account: it leaves TikTok’s list of connected apps."),
        keep,
      ),
      h("label", { class: "check" }, erase, "Delete this account’s history now instead"),
    ],
    confirmLabel: "Disconnect",
    busyLabel: "Disconnecting…",
    action: async () => {
      let done: Disconnected;
      try {
        done = await api.disconnect(account.id, erase.checked);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          throw new Error("This account is no longer connected to you. Reload to see your accounts now.", {
            cause: error,
          });
        }
        throw new Error("Disconnecting didn’t work. Nothing was changed; please try again.", { cause: error });
      }
      // The next access token no longer lists the account, and nothing kept for it is shown again.
      forgetCache();
      await renew();
      showNotice("settings", "success", disconnectedMessage(name, done));
      onDone();
    },
  });
}

function deleteDialog(): HTMLDialogElement {
  const password = h("input", {
    id: "confirm-password",
    name: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
    maxlength: 256,
  });
  const understood = h("input", { type: "checkbox", id: "confirm-understood", name: "understood" });
  return confirmDialog({
    id: "delete-dialog",
    title: "Delete your Adam account?",
    content: [
      h(
        "ul",
        { class: "consequences" },
        h("li", null, "Adam’s access is removed from every TikTok account you connected."),
        h(
          "li",
          null,
          "Their snapshots, videos, insights and anomalies are deleted right away, and so is the history Adam still keeps of accounts you disconnected.",
        ),
        h("li", null, "Your Adam account, your sign-ins and your settings are deleted. You are signed out everywhere."),
      ),
      h("p", { class: "muted" }, "This can’t be undone. Download your data first if you want to keep it."),
      h("div", { class: "field" }, h("label", { for: "confirm-password" }, "Your password, to confirm"), password),
      h("label", { class: "check" }, understood, "I understand this deletes my account and data for good"),
    ],
    confirmLabel: "Delete my account",
    busyLabel: "Deleting…",
    ready: () => understood.checked && password.value.length > 0,
    action: async () => {
      try {
        await api.deleteAccount(password.value);
      } catch (error) {
        password.value = "";
        if (error instanceof ApiError && error.status === 403) {
          throw new Error("That password isn’t right.", { cause: error });
        }
        if (error instanceof ApiError && error.status === 429) {
          const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
          throw new Error(`Too many attempts. For your safety, please wait ${minutes} minutes and try again.`, {
            cause: error,
          });
        }
        throw new Error("Deleting didn’t work. Nothing was changed; please try again.", { cause: error });
      }
      // signed out in every tab; this one lands on the log-in page, with the news
      forgetSession();
      showNotice("session", "success", "Your Adam account and all its data were deleted. Thank you for trying Adam.");
    },
  });
}

function exportButton(): HTMLElement {
  const status = h("p", { class: "muted export-status", role: "status" });
  const button = h(
    "button",
    { class: "button", type: "button", id: "export-data" },
    icon("download"),
    "Download my data",
  );
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Preparing your file…";
    try {
      const { blob, filename } = await api.exportData((bytes) => {
        status.textContent = `Downloading… ${(bytes / 1_048_576).toFixed(1)} MB`;
      });
      download(filename, blob);
      status.textContent = `Saved ${filename} (${(blob.size / 1_048_576).toFixed(1)} MB).`;
    } catch (error) {
      status.textContent =
        error instanceof ApiError && error.status === 429
          ? "You’ve downloaded your data a few times this hour. Please try again later."
          : "The download didn’t finish. Please try again.";
    } finally {
      button.disabled = false;
    }
  });
  return h("div", { class: "export" }, button, status);
}

function accountRow(account: Account, onDisconnected: () => void): HTMLElement {
  const disconnect = h("button", { class: "button button-small", type: "button" }, "Disconnect…");
  disconnect.addEventListener("click", () => openDialog(disconnectDialog(account, onDisconnected)));
  return h(
    "li",
    { class: "connection", "data-account": account.id },
    account.avatar_url ? h("img", { class: "avatar", src: account.avatar_url, alt: "", width: 40, height: 40 }) : null,
    h(
      "div",
      { class: "connection-name" },
      h("strong", null, accountName(account)),
      h(
        "span",
        { class: "muted" },
        account.username ? `@${account.username} · ` : "",
        STATUS_LABEL[account.status] ?? account.status,
      ),
    ),
    disconnect,
  );
}

export const settingsView = (): View => (main) => {
  let live = true;
  const connections = h("div", { "aria-busy": "true" }, skeleton("line"));
  const load = () =>
    void section(
      connections,
      // the user's own record: the accounts held now, on the session budget (not the plan's data requests)
      () => api.me(),
      ({ accounts }) =>
        fill(
          connections,
          accounts.length
            ? h(
                "ul",
                { class: "connections" },
                accounts.map((a) => accountRow(a, load)),
              )
            : h("p", { class: "muted" }, "No TikTok account is connected."),
          h(
            "div",
            { class: "actions" },
            connectButton(accounts.length ? "Connect another account" : "Connect TikTok", false),
          ),
        ),
      () => live,
    );

  main.append(
    h(
      "div",
      { class: "page-head" },
      h(
        "div",
        null,
        h("h1", { tabindex: -1 }, "Settings"),
        h("p", { class: "muted" }, "Your TikTok connections, your alerts, your data, and your Adam account."),
      ),
    ),
    h(
      "section",
      { class: "card settings-card", "aria-labelledby": "connections-title" },
      h("h2", { id: "connections-title" }, "Connected TikTok accounts"),
      h(
        "p",
        { class: "muted" },
        `Disconnecting stops snapshots at once and removes Adam from the TikTok account’s connected apps. The history is kept for ${GRACE_DAYS} days in case you come back, then deleted, or deleted at once if you ask.`,
      ),
      connections,
    ),
    alertSettingsCard(() => live),
    h(
      "section",
      { class: "card settings-card", "aria-labelledby": "data-title" },
      h("h2", { id: "data-title" }, "Your data"),
      h(
        "p",
        { class: "muted" },
        "Everything Adam holds about you in one file: your profile and sign-ins, and for each connected account its snapshots, videos, insights and anomalies. JSON Lines: one record per line, readable by any data tool.",
      ),
      exportButton(),
    ),
    h(
      "section",
      { class: "card settings-card danger-zone", "aria-labelledby": "delete-title" },
      h("h2", { id: "delete-title" }, "Delete your Adam account"),
      h(
        "p",
        { class: "muted" },
        "Deletes your account and the history of every TikTok account you connected, and removes Adam’s access on TikTok. It can’t be undone.",
      ),
      h(
        "button",
        { class: "button button-danger", type: "button", onclick: () => openDialog(deleteDialog()) },
        "Delete my account…",
      ),
    ),
    h(
      "p",
      { class: "muted settings-foot" },
      "What Adam stores and for how long: ",
      h("a", { href: "../adam-privacy" }, "privacy"),
      ".",
    ),
  );
  document.title = "Settings — Adam";
  load();
  return () => {
    live = false;
  };
};
