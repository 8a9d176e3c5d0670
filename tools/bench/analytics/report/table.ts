/**
 * The human report's tables: one row per figure, one column per world, and a last column with
 * the worst world's value and its tag. A cell carries the number the worst is chosen by and the
 * text shown ("–" where the world has no truth for the figure). All tables of a report share
 * their column widths, so a world's figures line up from the first table to the last.
 */
import { worstOf } from "./worst.ts";
import type { Worse } from "./worst.ts";

export interface Cell {
  text: string;
  /** The text in the worst column, where the world's tag follows it (default: text). */
  short?: string;
  value: number | null;
}

export interface Row<S> {
  label: string;
  cell: (score: S) => Cell;
  /** Which way is worse; without it the worst column stays empty (counts, sizes). */
  worse?: Worse;
}

export interface Section<S> {
  title: string;
  rows: Row<S>[];
}

export const NONE: Cell = { text: "–", value: null };

function worstText<S>(row: Row<S>, cells: Cell[], tags: readonly string[]): string {
  if (!row.worse) return "";
  const worst = worstOf(
    cells.map((c, i) => ({ world: String(i), value: c.value })),
    row.worse,
  );
  const cell = worst && (cells[Number(worst.world)] as Cell);
  return worst && cell ? `${cell.short ?? cell.text} ${tags[Number(worst.world)]}` : "–";
}

/** Renders every section with the same column widths; returns one string per table. */
export function renderTables<S>(
  sections: readonly Section<S>[],
  worlds: readonly { tag: string; score: S }[],
): string[] {
  const tags = worlds.map((w) => w.tag);
  const withWorst = worlds.length > 1;
  const header = ["", ...tags, ...(withWorst ? ["worst"] : [])];
  const bodies = sections.map((s) =>
    s.rows.map((row) => {
      const cells = worlds.map((w) => row.cell(w.score));
      return [row.label, ...cells.map((c) => c.text), ...(withWorst ? [worstText(row, cells, tags)] : [])];
    }),
  );
  const all = [header, ...bodies.flat()];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return sections.map((s, i) => [s.title, line(header), ...(bodies[i] ?? []).map(line)].join("\n"));
}
