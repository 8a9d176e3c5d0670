/**
 * A confirmation before something that cannot be taken back: a native modal `<dialog>` (focus
 * kept inside, Escape cancels, focus returns to the button that opened it). Cancel has the focus
 * first; the confirming button says exactly what happens. A failed action keeps the dialog open
 * with the reason in it.
 */
import { h } from "./dom";

export interface ConfirmOptions {
  id: string;
  title: string;
  content: (Node | string | null)[];
  confirmLabel: string;
  busyLabel: string;
  /** Runs on confirm; throwing an Error keeps the dialog open and shows its message. */
  action: () => Promise<void>;
  /** Whether the confirm button may be pressed yet (checked on every input in the dialog). */
  ready?: () => boolean;
}

export function confirmDialog(o: ConfirmOptions): HTMLDialogElement {
  const error = h("p", { class: "form-error", role: "alert", id: `${o.id}-error` });
  const cancel = h("button", { class: "button", type: "button", autofocus: true }, "Cancel");
  const confirm = h("button", { class: "button button-danger", type: "submit" }, o.confirmLabel);
  const form = h(
    "form",
    { method: "dialog", class: "dialog-body", "aria-describedby": `${o.id}-error` },
    h("h2", { id: `${o.id}-title` }, o.title),
    ...o.content,
    error,
    h("div", { class: "dialog-actions" }, cancel, confirm),
  );
  const dialog = h("dialog", { class: "dialog card", id: o.id, "aria-labelledby": `${o.id}-title` }, form);
  const refresh = () => (confirm.disabled = o.ready ? !o.ready() : false);
  form.addEventListener("input", refresh);
  form.addEventListener("change", refresh);
  cancel.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (o.ready && !o.ready()) return;
    error.textContent = "";
    confirm.disabled = cancel.disabled = true;
    confirm.textContent = o.busyLabel;
    try {
      await o.action();
      dialog.close();
    } catch (e) {
      error.textContent = e instanceof Error ? e.message : "That didn’t work. Please try again.";
    } finally {
      cancel.disabled = false;
      confirm.textContent = o.confirmLabel;
      refresh();
    }
  });
  dialog.addEventListener("close", () => dialog.remove());
  refresh();
  return dialog;
}

/** Shows the dialog modally; it removes itself when closed. */
export function openDialog(dialog: HTMLDialogElement): void {
  document.body.append(dialog);
  dialog.showModal();
}
