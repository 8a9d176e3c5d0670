/** Number and duration wording for insight cards, without Intl so output never depends on locale data. */
import { finite } from "./numbers";

function withSeparators(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 4,210 · 48k · 12.4k · 1.2M · 3.4B */
export function formatCount(x: number): string {
  const n = finite(x);
  const abs = Math.abs(n);
  const compact = (v: number, unit: string) => `${v >= 100 ? Math.round(v) : Math.round(v * 10) / 10}${unit}`;
  if (abs >= 1e9) return (n < 0 ? "-" : "") + compact(abs / 1e9, "B");
  if (abs >= 1e6) return (n < 0 ? "-" : "") + compact(abs / 1e6, "M");
  if (abs >= 1e4) return (n < 0 ? "-" : "") + compact(abs / 1e3, "k");
  return withSeparators(n);
}

/** 3.1 (one decimal, at least 0.1) */
export function formatRatio(x: number): string {
  return Math.max(0.1, Math.round(finite(x) * 10) / 10).toString();
}

/**
 * "3.1×", or "over 20×": past that the expected side is a handful of views and the exact ratio is
 * noise (400× of an expected 1 view says less than "+920 views").
 */
export function formatPace(x: number): string {
  return finite(x) >= 20 ? "over 20×" : `${formatRatio(x)}×`;
}

/** "45 min", "2 h", "3 days" */
export function formatHours(hours: number): string {
  const h = Math.max(0, finite(hours));
  if (h < 1) return `${Math.max(1, Math.round(h * 60))} min`;
  if (h < 48) return `${Math.round(h)} h`;
  return `${Math.round(h / 24)} days`;
}

/** 2025-03-31 (UTC) */
export function formatDate(tMs: number): string {
  return new Date(finite(tMs)).toISOString().slice(0, 10);
}

/**
 * A mid-rank percentile among n videos in words: "faster than all 6", "faster than 4 of 6",
 * "slower than all 6" (a percentile of 100 among 6 videos reads better as what it means).
 */
export function paceAgainst(percentile: number, n: number): string {
  const faster = Math.round((finite(percentile) / 100) * n);
  if (faster >= n) return `faster than all ${n}`;
  if (faster <= 0) return `slower than all ${n}`;
  return `faster than ${faster} of ${n}`;
}
