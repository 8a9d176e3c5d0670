/** A "download" button that stays disabled while its export runs (one file per click). */
import { download, toCsv } from "./csv";
import type { Table } from "./csv-rows";
import { h, icon } from "./dom";

export function exportButton(label: string, run: () => Promise<void> | void): HTMLButtonElement {
  const button = h("button", { class: "button button-small", type: "button" }, icon("download"), label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await run();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** Saves a table as a CSV file. */
export const saveCsv = (filename: string, table: Table): void => download(filename, toCsv(table.header, table.rows));
