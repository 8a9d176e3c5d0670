/** CSV export: RFC 4180 quoting, ISO times, a download made in the browser from the API's rows. */

type Cell = string | number | null | undefined;

function quote(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  const text = String(cell);
  // Quote what needs it, and neutralise formulas a spreadsheet would run (=, +, -, @ at the start).
  const safe = /^[=+\-@\t\r]/.test(text) && typeof cell === "string" ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";
}

/** Saves `content` as a file; text is saved as CSV unless a blob with its own type is given. */
export function download(filename: string, content: string | Blob): void {
  const blob = typeof content === "string" ? new Blob([content], { type: "text/csv;charset=utf-8" }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A name safe for any file system: lower case, dashes. */
export const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "export";
