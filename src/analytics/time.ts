/** Time units. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function hoursBetween(fromMs: number, toMs: number): number {
  return (toMs - fromMs) / HOUR_MS;
}

/** Start of the UTC day holding tMs. (Creator time zones are not known to the analytics.) */
export function utcDayStart(tMs: number): number {
  return Math.floor(tMs / DAY_MS) * DAY_MS;
}
