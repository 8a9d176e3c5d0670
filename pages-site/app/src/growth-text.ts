/** The growth plan's words and numbers (pure): effects as percentages, a goal's outlook, an experiment's arms, an error's message. */
import type { ArmInput, GoalStatus, LabelStat } from "./api";
import { formatDate } from "./format";
import { ApiError } from "./http";

/** An effect as a ratio to the creator's own trend: 1.12 → "+12%". */
export const percent = (ratio: number) => {
  const p = Math.round((ratio - 1) * 100);
  return `${p >= 0 ? "+" : "−"}${Math.abs(p)}%`;
};
export const range = (e: { ratio: number; low: number; high: number }) =>
  `${percent(e.ratio)} (${percent(e.low)} to ${percent(e.high)})`;

/** What the goal's line says after its current value: reached, or the chance by the deadline and the likely date. */
export function goalLine(g: GoalStatus): string {
  if (g.achieved) return "Reached. Well done.";
  const chance =
    g.probability === null ? "" : `${Math.round(g.probability * 100)}% chance by ${formatDate(g.deadlineMs)}`;
  const likely = g.likelyDateMs ? ` · likely ${formatDate(g.likelyDateMs)}` : "";
  return [chance + likely, g.note].filter(Boolean).join(" · ");
}

/** An experiment's arm by its label's name: "duets", or "not duets". */
export function armName(arm: ArmInput, labels: LabelStat[]): string {
  const name = labels.find((l) => l.key === arm.label)?.name ?? arm.label;
  return arm.negate ? `not ${name}` : name;
}

/** What went wrong, for the form's status line: the API's own words for a refused value, else `fallback`. */
export function messageOf(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.details.length) return error.details.map((d) => d.message).join("; ");
  if (error instanceof ApiError && error.status !== 0 && error.status < 500) return error.message;
  return fallback;
}
