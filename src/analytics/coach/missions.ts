/**
 * Weekly missions: a few concrete things to do this (local) week, each suggested from what the
 * creator's own data said at the week's start and each checked from data Adam observes (when
 * videos were posted, their labels, their 24 h counts). Nothing a creator would have to report.
 *
 * - best-window: post three videos in the window best-time found reliable; before it has one,
 *   spread-times: post in three different windows (which is what lets it find one).
 * - follow-up: a video doing twice its trend at 24 h is a spike; post another video within the
 *   48 hours after Adam saw it (while the audience it brought is still around).
 * - cadence: at least the creator's usual number of posts a week (median of the four weeks before).
 * - label: two videos with the label that reliably beats their other videos.
 *
 * Past weeks are recomputed the same way from the history, so a week's missions never change
 * after the fact and the streak needs no stored state.
 */
import { median } from "../numbers";
import { DAY_MS, HOUR_MS } from "../time";
import { bestTime } from "./best-time";
import { labelStats } from "./label-stats";
import { labelName, labelVideos, windowLabel } from "./labels";
import { type LocalParts, localParts, nextWeekStart, weekStart } from "./local-time";
import { residuals } from "./trend";
import type { BestTimeWindow, CoachVideo, Mission, MissionWeek, Missions, VideoLabels } from "./types";

export const BEST_WINDOW_POSTS = 3;
export const SPREAD_WINDOWS = 3;
export const LABEL_POSTS = 2;
/** Twice the trend at 24 h. */
export const SPIKE_RESIDUAL = Math.log(2);
export const FOLLOW_UP_HOURS = 48;
const HISTORY_WEEKS = 8;
const SHOWN_HISTORY = 8;

/** What was known at `t`: videos posted by then, counts only for the ages they had reached. */
function knownAt(videos: readonly CoachVideo[], t: number): CoachVideo[] {
  return videos
    .filter((v) => v.createdAtMs <= t)
    .map((v) => ({
      ...v,
      views24h: v.createdAtMs + DAY_MS <= t ? v.views24h : null,
      views7d: v.createdAtMs + 7 * DAY_MS <= t ? v.views7d : null,
    }));
}

function inWindow(w: BestTimeWindow, hour: number, weekday: number): boolean {
  const [from, to] = w.key
    .slice(w.key.indexOf(":") + 1)
    .split("-")
    .map(Number) as [number, number];
  return hour >= from && hour < to && (!w.key.startsWith("weekdays:") || weekday < 5);
}

/** "with #booktok", "over 60 s", "in your “morning routine” series". */
function labelPhrase(key: string): string {
  if (key.startsWith("series:")) return `in your ${labelName(key)} series`;
  if (key.startsWith("length:")) return labelName(key);
  return `with ${labelName(key)}`;
}

function mission(m: Omit<Mission, "completed">): Mission {
  return { ...m, done: Math.min(m.done, m.target), completed: m.done >= m.target };
}

function weekMissions(
  weekStartMs: number,
  weekEndMs: number,
  videos: readonly CoachVideo[],
  labelled: ReadonlyMap<string, readonly string[]>,
  spikes: readonly { video: CoachVideo; seenAtMs: number }[],
  timeZone: string,
  nowMs: number,
  localById: ReadonlyMap<string, LocalParts>,
): Mission[] {
  const known = knownAt(videos, weekStartMs);
  const thisWeek = videos.filter((v) => v.createdAtMs >= weekStartMs && v.createdAtMs < weekEndMs);
  const local = (v: CoachVideo) => localById.get(v.id) ?? localParts(v.createdAtMs, timeZone);
  const list: Mission[] = [];

  const best = bestTime(known, timeZone, { nowMs: weekStartMs, local: localById }).best;
  if (best) {
    const hits = thisWeek.filter((v) => inWindow(best, local(v).hour, local(v).weekday));
    list.push(
      mission({
        key: `best-window:${best.key}`,
        kind: "best-window",
        title: `Post ${BEST_WINDOW_POSTS} videos in your best window, ${best.name}`,
        reason: `Your videos posted ${best.name} got ${Math.round((best.ratio - 1) * 100)}% more views at 24 h than your others`,
        target: BEST_WINDOW_POSTS,
        done: hits.length,
        videoIds: hits.map((v) => v.id),
      }),
    );
  } else if (known.length > 0) {
    const firstByWindow = new Map<string, string>();
    for (const v of thisWeek) {
      const w = windowLabel(local(v).hour);
      if (!firstByWindow.has(w)) firstByWindow.set(w, v.id);
    }
    list.push(
      mission({
        key: "spread-times",
        kind: "spread-times",
        title: `Post in ${SPREAD_WINDOWS} different time windows`,
        reason: "Adam cannot tell yet which posting time works best for you: videos at different times will show it",
        target: SPREAD_WINDOWS,
        done: firstByWindow.size,
        videoIds: [...firstByWindow.values()],
      }),
    );
  }

  for (const s of spikes) {
    if (s.seenAtMs < weekStartMs || s.seenAtMs >= weekEndMs || s.seenAtMs > nowMs) continue;
    const followUps = videos.filter(
      (v) => v.createdAtMs > s.seenAtMs && v.createdAtMs <= s.seenAtMs + FOLLOW_UP_HOURS * HOUR_MS,
    );
    const title = s.video.title ?? s.video.description ?? "your video";
    list.push(
      mission({
        key: `follow-up:${s.video.id}`,
        kind: "follow-up",
        title: `Post a follow-up within ${FOLLOW_UP_HOURS} h of the spike on “${title.slice(0, 60)}”`,
        reason: "It did more than twice your usual views at 24 h: its new viewers are still around",
        target: 1,
        done: followUps.length > 0 ? 1 : 0,
        videoIds: followUps.slice(0, 1).map((v) => v.id),
      }),
    );
  }

  const weekly: number[] = [];
  for (let k = 1; k <= 4; k++) {
    const from = weekStartMs - k * 7 * DAY_MS;
    weekly.push(videos.filter((v) => v.createdAtMs >= from && v.createdAtMs < from + 7 * DAY_MS).length);
  }
  const firstPost = Math.min(...videos.map((v) => v.createdAtMs));
  if (firstPost <= weekStartMs - 14 * DAY_MS) {
    const usual = Math.max(1, Math.min(14, Math.round(median(weekly))));
    list.push(
      mission({
        key: `cadence:${usual}`,
        kind: "cadence",
        title: `Post ${usual} video${usual === 1 ? "" : "s"} this week`,
        reason: `Your usual pace over the last four weeks; keeping it keeps your audience`,
        target: usual,
        done: thisWeek.length,
        videoIds: thisWeek.map((v) => v.id),
      }),
    );
  }

  const knownLabels: VideoLabels[] = known.map((v) => ({ videoId: v.id, labels: [...(labelled.get(v.id) ?? [])] }));
  const strong = labelStats(known, knownLabels, { kinds: ["hashtag", "series", "length"], h24Only: true })
    .filter((l) => l.h24 && l.h24.low > 1)
    .sort((a, b) => (b.h24?.low ?? 0) - (a.h24?.low ?? 0))[0];
  if (strong) {
    const hits = thisWeek.filter((v) => labelled.get(v.id)?.includes(strong.key));
    list.push(
      mission({
        key: `label:${strong.key}`,
        kind: "label",
        title: `Post ${LABEL_POSTS} videos ${labelPhrase(strong.key)}`,
        reason: `Your videos ${labelPhrase(strong.key)} got ${Math.round(((strong.h24?.ratio ?? 1) - 1) * 100)}% more views at 24 h than your others`,
        target: LABEL_POSTS,
        done: hits.length,
        videoIds: hits.map((v) => v.id),
      }),
    );
  }
  return list;
}

export function missions(
  videos: readonly CoachVideo[],
  labelled: readonly VideoLabels[] | undefined,
  timeZone: string,
  nowMs: number,
): Missions {
  const labels = new Map((labelled ?? labelVideos(videos, timeZone)).map((l) => [l.videoId, l.labels]));
  const r24 = residuals(videos, "h24");
  const spikes = videos
    .filter((v) => (r24.get(v.id) ?? -Infinity) >= SPIKE_RESIDUAL)
    .map((video) => ({ video, seenAtMs: video.createdAtMs + DAY_MS }));
  const localById = new Map(videos.map((v) => [v.id, localParts(v.createdAtMs, timeZone)]));
  const current = weekStart(nowMs, timeZone);
  const starts = [current];
  for (let k = 0; k < HISTORY_WEEKS; k++) starts.unshift(weekStart((starts[0] as number) - 3 * DAY_MS, timeZone));
  const weeks: MissionWeek[] = starts.map((start) => {
    const end = nextWeekStart(start, timeZone);
    const list = weekMissions(start, end, videos, labels, spikes, timeZone, nowMs, localById);
    return { weekStartMs: start, missions: list, completed: list.length > 0 && list.every((m) => m.completed) };
  });
  const now = weeks.pop() as MissionWeek;
  let streak = now.completed ? 1 : 0;
  for (let i = weeks.length - 1; i >= 0 && (weeks[i] as MissionWeek).completed; i--) streak++;
  return { current: now, streak, history: weeks.slice(-SHOWN_HISTORY).reverse() };
}
