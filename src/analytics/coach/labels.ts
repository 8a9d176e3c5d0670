/**
 * Automatic content labels: hashtags from the description, a length band, the posting window and
 * weekday in the creator's time zone, and series (titles sharing a recurring phrase); plus the
 * labels the creator adds by hand.
 */
import { localParts, WEEKDAYS } from "./local-time";
import type { CoachVideo, LabelKind, VideoLabels } from "./types";

/** Posting windows: three local hours each, so every window holds enough posts to compare. */
export const WINDOW_HOURS = 3;
export const LENGTH_BANDS = [
  { key: "length:under-30", name: "under 30 s", from: 0, to: 30 },
  { key: "length:30-60", name: "30–60 s", from: 30, to: 60 },
  { key: "length:over-60", name: "over 60 s", from: 60, to: Infinity },
] as const;
/** A phrase is a series when at least this many videos share it (and not more than half of them all). */
export const SERIES_MIN_VIDEOS = 3;
const SERIES_MAX_SHARE = 0.5;
const STOPWORDS = new Set(
  "a an the and or but of to in on at for with from by is are was be it its this that my your our i me we you he she they what how why when do did does not no so".split(
    " ",
  ),
);
const WEEKDAY_NAMES = ["Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays"];

export function hashtags(text: string | null): string[] {
  if (!text) return [];
  const tags = new Set<string>();
  for (const m of text.matchAll(/#([\p{L}\p{N}_]+)/gu)) tags.add((m[1] as string).toLowerCase());
  return [...tags];
}

export function lengthLabel(seconds: number | null): string | null {
  if (seconds === null || !(seconds > 0)) return null;
  return LENGTH_BANDS.find((b) => seconds >= b.from && seconds < b.to)?.key ?? null;
}

export function windowLabel(hour: number): string {
  const from = Math.floor(hour / WINDOW_HOURS) * WINDOW_HOURS;
  return `window:${from}-${from + WINDOW_HOURS}`;
}

/** The words of a title (description without hashtags when there is no title), lower-cased. */
function words(v: CoachVideo): string[] {
  const text = (v.title ?? v.description ?? "").replace(/#[\p{L}\p{N}_]+/gu, " ").toLowerCase();
  return text.match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** Phrases of 2–4 words that do not start or end with a stopword. */
function phrases(ws: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let n = 2; n <= 4; n++)
    for (let i = 0; i + n <= ws.length; i++) {
      const gram = ws.slice(i, i + n);
      if (STOPWORDS.has(gram[0] as string) || STOPWORDS.has(gram[n - 1] as string)) continue;
      out.add(gram.join(" "));
    }
  return out;
}

/**
 * Series: phrases shared by at least SERIES_MIN_VIDEOS videos and at most half of all of them (a
 * phrase on every video is a signature, not a series). Of phrases with the same videos, the
 * longest is kept ("morning routine" and "my morning routine day" on the same five videos are one
 * series).
 */
export function seriesOf(videos: readonly CoachVideo[]): Map<string, string[]> {
  const byPhrase = new Map<string, string[]>();
  for (const v of videos)
    for (const p of phrases(words(v))) {
      const ids = byPhrase.get(p);
      if (ids) ids.push(v.id);
      else byPhrase.set(p, [v.id]);
    }
  const limit = Math.max(SERIES_MIN_VIDEOS, SERIES_MAX_SHARE * videos.length);
  const kept = [...byPhrase].filter(([, ids]) => ids.length >= SERIES_MIN_VIDEOS && ids.length <= limit);
  kept.sort((a, b) => b[0].split(" ").length - a[0].split(" ").length || a[0].localeCompare(b[0]));
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const [phrase, ids] of kept) {
    const set = ids.join(",");
    if (seen.has(set)) continue;
    seen.add(set);
    out.set(phrase, ids);
  }
  return out;
}

/** Every video's labels (automatic and manual). */
export function labelVideos(videos: readonly CoachVideo[], timeZone: string): VideoLabels[] {
  const series = seriesOf(videos);
  const seriesByVideo = new Map<string, string[]>();
  for (const [phrase, ids] of series)
    for (const id of ids) {
      const list = seriesByVideo.get(id);
      if (list) list.push(phrase);
      else seriesByVideo.set(id, [phrase]);
    }
  return videos.map((v) => {
    const local = localParts(v.createdAtMs, timeZone);
    const labels = [
      ...hashtags(v.description).map((t) => `hashtag:${t}`),
      ...[lengthLabel(v.durationSeconds)].filter((l): l is string => l !== null),
      windowLabel(local.hour),
      `weekday:${WEEKDAYS[local.weekday]}`,
      ...(seriesByVideo.get(v.id) ?? []).map((p) => `series:${p}`),
      ...(v.manualLabels ?? []).map((m) => `manual:${m}`),
    ];
    return { videoId: v.id, labels: [...new Set(labels)] };
  });
}

export function labelKind(key: string): LabelKind {
  return key.slice(0, key.indexOf(":")) as LabelKind;
}

/** A label as people read it. */
export function labelName(key: string): string {
  const value = key.slice(key.indexOf(":") + 1);
  switch (labelKind(key)) {
    case "hashtag":
      return `#${value}`;
    case "length":
      return LENGTH_BANDS.find((b) => b.key === key)?.name ?? value;
    case "window": {
      const [from, to] = value.split("-");
      return `${from}–${to} h`;
    }
    case "weekday":
      return WEEKDAY_NAMES[WEEKDAYS.indexOf(value as (typeof WEEKDAYS)[number])] ?? value;
    case "series":
      return `“${value}”`;
    case "manual":
      return value;
  }
}
