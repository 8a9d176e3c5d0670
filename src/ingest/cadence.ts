import { SLOT_MS } from "./messages";

/**
 * How often each thing is fetched (pure). The account's user/info and the newest page of
 * video/list run every cycle; tracked videos are re-queried on a schedule that follows their
 * age, because a video's numbers move fastest in its first days:
 *
 *   age < 3 days    every cycle (30 min)   the velocity curve and early forecasts need them
 *   3 to 8 days     every 2 hours          up to the 7-day checkpoint
 *   8 to 90 days    every 6 hours          an old video resurfacing is seen within hours
 *   older           daily                  (also how unavailable videos are watched for a return)
 * The newest page of video/list (20 videos) comes every cycle anyway: its counters refresh the
 * videos' current figures, but only a due video's become a snapshot, so history follows this table.

 *
 * Slower refreshes are spread over their interval by a hash of the video id, so an account whose
 * videos were all discovered in one cycle does not query them all in one later cycle.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function refreshIntervalMs(ageMs: number, status: "public" | "unavailable"): number {
  if (status === "unavailable" || ageMs >= 90 * DAY_MS) return DAY_MS;
  if (ageMs >= 8 * DAY_MS) return 6 * HOUR_MS;
  if (ageMs >= 3 * DAY_MS) return 2 * HOUR_MS;
  return SLOT_MS;
}

/** A stable 32-bit hash (FNV-1a) for spreading work by id. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** When a video fetched in `slot` is next due (a slot boundary). */
export function nextRefreshAt(
  videoId: string,
  slot: number,
  createdAtMs: number,
  status: "public" | "unavailable",
): number {
  const interval = refreshIntervalMs(slot - createdAtMs, status);
  if (interval === SLOT_MS) return slot + SLOT_MS;
  const slots = interval / SLOT_MS;
  const spread = hash32(videoId) % Math.max(1, Math.floor(slots / 2));
  return slot + (slots - spread) * SLOT_MS;
}

/** Where in the 30-minute window an account is snapshotted: the same offset every cycle. */
export function paceOffsetSeconds(accountId: string, spreadSeconds: number): number {
  return spreadSeconds <= 0 ? 0 : hash32(accountId) % spreadSeconds;
}

/** Retries back off exponentially with jitter: 30 s, 60 s, 120 s … capped at 15 minutes. */
export function retryDelaySeconds(attempt: number, baseSeconds: number, random: number): number {
  if (baseSeconds <= 0) return 0;
  const ceiling = Math.min(900, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * (0.5 + random / 2));
}
