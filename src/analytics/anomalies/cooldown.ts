/**
 * One event, one alert. A detection of the same video, metric and kind within the cooldown of an
 * open event extends that event and reuses its key; only a detection after a quiet cooldown
 * opens a new one. Keys derive from the event's first window, so a redelivered job or a rerun
 * produces the same key and the database's unique (account_id, event_key) stores it once.
 * A drop right after a spike on the same series is the spike ending, and is not reported.
 */
import { DAY_MS, HOUR_MS } from "../time";
import type { Anomaly, OpenEvent, RecentAnomaly } from "../types";
import type { AnomalyCandidate } from "./types";

export const COOLDOWN_MS = 12 * HOUR_MS;
/** After a spike, the return to normal pace is not a drop: no drop alert on that video for this long. */
export const SPIKE_AFTERMATH_MS = 48 * HOUR_MS;
/** Open events are forgotten after a week without re-detection. */
const KEEP_OPEN_MS = 7 * DAY_MS;
const SLOT_MS = 30 * 60_000;

function sameEvent(
  a: { videoId: string | null; metric: string; kind: string },
  b: { videoId: string | null; metric: string; kind: string },
): boolean {
  return a.videoId === b.videoId && a.metric === b.metric && a.kind === b.kind;
}

export function eventKeyOf(c: { videoId: string | null; metric: string; kind: string; windowStart: number }): string {
  return `${c.videoId ?? "account"}:${c.metric}:${c.kind}:${Math.floor(c.windowStart / SLOT_MS) * SLOT_MS}`;
}

/**
 * Turns this run's candidates into anomalies with stable keys and returns the open events to
 * store. `recent` (from the database) stands in for open events a lost summary would have held.
 */
export function applyCooldown(
  candidates: readonly AnomalyCandidate[],
  open: readonly OpenEvent[],
  recent: readonly RecentAnomaly[],
  now: number,
): { anomalies: Anomaly[]; open: OpenEvent[] } {
  const events = open.filter((e) => e.lastSeenMs >= now - KEEP_OPEN_MS).map((e) => ({ ...e }));
  for (const r of recent) {
    if (!events.some((e) => e.eventKey === r.eventKey)) events.push({ ...r, lastSeenMs: r.windowEnd });
  }
  const anomalies: Anomaly[] = [];
  for (const c of candidates) {
    if (
      c.kind === "drop" &&
      events.some(
        (e) =>
          e.kind === "spike" &&
          e.videoId === c.videoId &&
          e.metric === c.metric &&
          e.lastSeenMs >= c.windowStart - SPIKE_AFTERMATH_MS,
      )
    )
      continue;
    const match = events
      .filter((e) => sameEvent(e, c) && e.lastSeenMs >= c.windowStart - COOLDOWN_MS)
      .sort((a, b) => b.lastSeenMs - a.lastSeenMs)[0];
    const event: OpenEvent = match ?? {
      eventKey: eventKeyOf(c),
      videoId: c.videoId,
      metric: c.metric,
      kind: c.kind,
      windowStart: c.windowStart,
      windowEnd: c.windowEnd,
      lastSeenMs: now,
    };
    if (match) {
      match.windowStart = Math.min(match.windowStart, c.windowStart);
      match.windowEnd = Math.max(match.windowEnd, c.windowEnd);
      match.lastSeenMs = Math.max(match.lastSeenMs, now);
    } else events.push(event);
    // The row spans the whole event; observed/expected are this run's test window, named in details.
    anomalies.push({
      ...c,
      eventKey: event.eventKey,
      windowStart: event.windowStart,
      windowEnd: event.windowEnd,
      details: { ...c.details, testWindowStart: c.windowStart, testWindowEnd: c.windowEnd },
    });
  }
  return {
    anomalies,
    open: events
      .filter((e) => e.lastSeenMs >= now - KEEP_OPEN_MS)
      .sort((a, b) => a.windowStart - b.windowStart || a.eventKey.localeCompare(b.eventKey)),
  };
}
