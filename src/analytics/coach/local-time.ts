/**
 * Creator-local clock readings (the hour and weekday a video was posted, where a week starts),
 * DST-safe: everything goes through Intl with the creator's IANA time zone, never a fixed offset.
 */
import { DAY_MS, HOUR_MS } from "../time";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (the API validates with this). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

/** Readings by zone and minute: Intl's formatToParts costs microseconds, and missions ask for the same videos week after week. */
const readings = new Map<string, LocalParts>();
const MAX_READINGS = 50_000;

export function localParts(tMs: number, timeZone: string): LocalParts {
  const key = `${timeZone}|${Math.floor(tMs / 60_000)}`;
  const known = readings.get(key);
  if (known) return known;
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(tMs))) parts[p.type] = p.value;
  const reading = {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS.indexOf((parts.weekday ?? "Mon").toLowerCase().slice(0, 3) as Weekday),
  };
  if (readings.size >= MAX_READINGS) readings.clear();
  readings.set(key, reading);
  return reading;
}

/** Local time minus UTC at tMs, in ms (whole minutes). */
export function offsetMs(tMs: number, timeZone: string): number {
  const p = localParts(tMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(tMs / 60_000) * 60_000;
}

/** The instant of local midnight starting the local day `y-m-d` (iterated for DST changes). */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  let t = wall - offsetMs(wall, timeZone);
  t = wall - offsetMs(t, timeZone);
  return t;
}

/** Local Monday 00:00 of the week holding tMs. */
export function weekStart(tMs: number, timeZone: string): number {
  const p = localParts(tMs, timeZone);
  const monday = new Date(Date.UTC(p.year, p.month - 1, p.day) - p.weekday * DAY_MS);
  return localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), timeZone);
}

/** Local Monday 00:00 of the week after the one starting at `startMs` (a DST week is 167 or 169 h). */
export function nextWeekStart(startMs: number, timeZone: string): number {
  return weekStart(startMs + 7 * DAY_MS + 12 * HOUR_MS, timeZone);
}
