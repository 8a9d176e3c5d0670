import { round } from "../numbers";
import type { ActivityByHour } from "./types";

/** Days of hourly activity averaged (the newest ones TikTok reported). */
export const ACTIVITY_DAYS = 28;

/**
 * When the creator's followers are on TikTok: the average count per UTC hour over the newest
 * reported days (null when no day had activity: accounts under 100 followers get none).
 */
export function activityByHour(
  days: readonly { date: string; activity: readonly (number | null)[] | null }[],
): ActivityByHour | null {
  const recent = days
    .filter((d) => d.activity && d.activity.some((x) => x !== null))
    .toSorted((a, b) => (a.date < b.date ? 1 : -1))
    .slice(0, ACTIVITY_DAYS);
  if (!recent.length) return null;
  const hours = Array.from({ length: 24 }, (_, h) => {
    const values = recent.map((d) => d.activity?.[h]).filter((x): x is number => typeof x === "number");
    return values.length ? round(values.reduce((s, x) => s + x, 0) / values.length, 1) : null;
  });
  const bestHours = hours
    .map((value, hour) => ({ value, hour }))
    .filter((x): x is { value: number; hour: number } => x.value !== null)
    .toSorted((a, b) => b.value - a.value || a.hour - b.hour)
    .slice(0, 3)
    .map((x) => x.hour);
  return { hours, days: recent.length, bestHours };
}
