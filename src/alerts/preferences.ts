import { localParts } from "../analytics/coach/local-time";
import { ALERT_KINDS, type AlertKind } from "../db/schema/identity";

/**
 * A user's alert preferences and the clock rules that follow from them: quiet hours and the
 * local day, in the user's own time zone (an IANA name, as the browser reports it). Pure.
 */
export interface AlertPreferences {
  kinds: AlertKind[];
  emailEnabled: boolean;
  pushEnabled: boolean;
  webhooksEnabled: boolean;
  timeZone: string;
  /** Minutes after local midnight; both null (or equal): no quiet hours. */
  quietStart: number | null;
  quietEnd: number | null;
  /** Where alerts raised in quiet hours go: out when the quiet hours end, or into the daily digest. */
  held: "release" | "digest";
  digestEnabled: boolean;
  digestHour: number;
  dailyCap: number;
}

/** No row yet: every kind, no channel but the in-app list, no quiet hours, 10 a day. */
export const DEFAULT_PREFERENCES: AlertPreferences = {
  kinds: [...ALERT_KINDS],
  emailEnabled: false,
  pushEnabled: false,
  webhooksEnabled: false,
  timeZone: "UTC",
  quietStart: null,
  quietEnd: null,
  held: "release",
  digestEnabled: false,
  digestHour: 8,
  dailyCap: 10,
};

// One clock for the coach and alerts: the settings API validates zones with it too.
export { isTimeZone } from "../analytics/coach/local-time";

/** The wall clock in a time zone at an instant: date, and minutes after midnight. */
export function localTime(timeZone: string, atMs: number): { date: string; minutes: number; hour: number } {
  const { year, month, day, hour, minute } = localParts(atMs, timeZone);
  const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { date, minutes: hour * 60 + minute, hour };
}

function inWindow(minute: number, start: number, end: number): boolean {
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * Whether `atMs` falls in the user's quiet hours, and if so when they end (the instant the local
 * clock reads `quietEnd`, to the minute; a daylight-saving change inside the quiet hours moves it
 * by that hour).
 */
export function quietUntil(
  p: Pick<AlertPreferences, "timeZone" | "quietStart" | "quietEnd">,
  atMs: number,
): number | null {
  if (p.quietStart === null || p.quietEnd === null || p.quietStart === p.quietEnd) return null;
  const { minutes } = localTime(p.timeZone, atMs);
  if (!inWindow(minutes, p.quietStart, p.quietEnd)) return null;
  const wait = (p.quietEnd - minutes + 1440) % 1440;
  const minuteStart = Math.floor(atMs / 60_000) * 60_000;
  return minuteStart + wait * 60_000;
}

/** The instant the user's local day containing `atMs` began (for the daily cap). */
export function localDayStart(timeZone: string, atMs: number): number {
  const { minutes } = localTime(timeZone, atMs);
  return Math.floor(atMs / 60_000) * 60_000 - minutes * 60_000;
}

export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
