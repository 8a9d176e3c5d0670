/**
 * An alert in plain words: what was seen against what was expected, and how sure Adam is. Stored
 * with the anomaly (details.evidence, details.confidenceText) so the insight card, the dashboard
 * and any notification say the same thing.
 */
import { formatCount, formatHours, formatPace } from "../format";
import type { AnomalyCandidate } from "./types";

export function confidenceText(confidence: number): string {
  const pct = `${Math.round(100 * confidence)}%`;
  if (confidence >= 0.9) return `very likely a real change (${pct})`;
  if (confidence >= 0.7) return `likely a real change (${pct})`;
  return `possibly a real change (${pct})`;
}

function windowHours(a: AnomalyCandidate): number {
  return Number(a.details.windowHours ?? (a.windowEnd - a.windowStart) / 3_600_000);
}

export function evidenceText(a: AnomalyCandidate): string {
  const hours = formatHours(windowHours(a));
  const pace = formatPace((a.observed + 1) / (a.expected + 1));
  if (a.metric === "followers") {
    const usual = Number(a.details.usualPerHour ?? 0);
    return a.kind === "spike"
      ? `+${formatCount(a.observed)} followers in ${hours}, ${pace} your usual pace (about ${formatCount(usual * windowHours(a))} in that time).`
      : `Only ${formatCount(a.observed)} new followers in ${hours}, where you usually gain about ${formatCount(a.expected)}.`;
  }
  const trend = `the ~${formatCount(a.expected)} its own trend predicted for those hours of the day`;
  if (a.kind === "drop")
    return `Only ${formatCount(a.observed)} views in the last ${hours}, ${pace} ${trend}; it held low through the whole window.`;
  const usual =
    typeof a.details.ageMatchedZ === "number" ? ", and far more than your videos usually gain at this age" : "";
  return `+${formatCount(a.observed)} views in the last ${hours}, ${pace} ${trend}${usual}; it held through the whole window.`;
}

/** The candidate with its plain-words evidence and confidence in its details. */
export function described(a: AnomalyCandidate): AnomalyCandidate {
  return { ...a, details: { ...a.details, evidence: evidenceText(a), confidenceText: confidenceText(a.confidence) } };
}
