/** Numbers and times as a creator reads them. */
const whole = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat("en", { style: "percent", maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", year: "numeric" });
const dateTimeFormat = new Intl.DateTimeFormat("en", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
});

/** 1,234,567 */
export const formatNumber = (n: number | null | undefined): string =>
  n === null || n === undefined ? "—" : whole.format(n);

/** 1.2M, 12.3K, 950 */
export const formatCount = (n: number | null | undefined): string =>
  n === null || n === undefined ? "—" : Math.abs(n) < 10_000 ? whole.format(n) : compact.format(n);

/** 6.3% */
export const formatPercent = (r: number | null | undefined): string =>
  r === null || r === undefined ? "—" : percent.format(r);

/** +1,234 / −56 / ±0 (a real minus sign, so screen readers say "minus"). */
export function formatChange(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  if (n === 0) return "±0";
  return `${n > 0 ? "+" : "−"}${formatCount(Math.abs(n))}`;
}

export const formatDate = (ms: number | string): string => dateFormat.format(new Date(ms));
export const formatDateTime = (ms: number | string): string => dateTimeFormat.format(new Date(ms));

/** "just now", "4 minutes ago", "3 hours ago", "2 days ago". */
export function timeAgo(ms: number | string, now = Date.now()): string {
  const seconds = Math.round((now - new Date(ms).getTime()) / 1000);
  if (seconds < 60) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"} ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}

/** An age in hours: "45 min", "6 h", "3 d". */
export function formatAge(hours: number): string {
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} d`;
}

/** 3.1× */
export const formatRatio = (r: number): string => `${r >= 10 ? Math.round(r) : Math.round(r * 10) / 10}×`;

/** Where a video stands among n earlier ones at the same age: "faster than all 6", "faster than 4 of 6". */
export function paceAgainst(percentile: number, n: number): string {
  const faster = Math.round((percentile / 100) * n);
  if (faster >= n) return `faster than all ${n}`;
  if (faster <= 0) return `slower than all ${n}`;
  return `faster than ${faster} of ${n}`;
}

/** A change of a rate, in percentage points: +0.4 pt. */
export function formatPoints(n: number): string {
  const points = Math.round(n * 1000) / 10;
  return points === 0 ? "±0 pt" : `${points > 0 ? "+" : "−"}${Math.abs(points)} pt`;
}
