/** The rows of each CSV export, from the API's answers (pure: the download itself is csv.ts's). */
import type { AccountSeries, AccountWatch, Video, VideoSeries, VideoWatch } from "./api";

type Cell = string | number | null | undefined;
export interface Table {
  header: string[];
  rows: Cell[][];
}

const HOUR_MS = 3_600_000;

/** An account's history, one row per snapshot slot. */
export function accountHistoryTable(series: AccountSeries): Table {
  return {
    header: ["time", "followers", "following", "likes", "videos", "views"],
    rows: series.t.map((t, i) => [
      new Date(t).toISOString(),
      series.followers[i],
      series.following[i],
      series.likes[i],
      series.videos[i],
      series.views[i],
    ]),
  };
}

/** The video table as shown (its order), one row per video. */
export function videosTable(videos: Video[]): Table {
  return {
    header: [
      "video_id",
      "title",
      "posted_at",
      "status",
      "views",
      "likes",
      "comments",
      "shares",
      "engagement_rate",
      "url",
    ],
    rows: videos.map((v) => [
      v.id,
      v.title ?? "",
      v.create_time,
      v.status,
      v.views,
      v.likes,
      v.comments,
      v.shares,
      v.engagement_rate,
      v.share_url ?? "",
    ]),
  };
}

/** A video's history: when each snapshot was taken, its slot, the video's age then (hours, 2 decimals). */
export function videoHistoryTable(createTime: string, series: VideoSeries): Table {
  const created = Date.parse(createTime);
  return {
    header: ["time", "slot", "age_hours", "views", "likes", "comments", "shares"],
    rows: series.fetched.map((t, i) => [
      new Date(t).toISOString(),
      new Date(series.t[i] as number).toISOString(),
      Math.round(((t - created) / HOUR_MS) * 100) / 100,
      series.views[i],
      series.likes[i],
      series.comments[i],
      series.shares[i],
    ]),
  };
}

/** TikTok's daily account figures, with the hours watched on the days that have them. */
export function watchDaysTable(w: AccountWatch): Table {
  const hours = new Map(w.watch_time.map((d) => [d.day, d.hours_watched]));
  return {
    header: ["date", "views", "profile_views", "followers_gained", "followers_lost", "hours_watched"],
    rows: w.days.date.map((date, i) => [
      date,
      w.days.views[i] ?? null,
      w.days.profile_views[i] ?? null,
      w.days.followers_gained[i] ?? null,
      w.days.followers_lost[i] ?? null,
      hours.get(date) ?? null,
    ]),
  };
}

/** A video's watch report: retention against the band, the compared figures, sources, audience, countries. */
export function videoWatchTable(w: NonNullable<VideoWatch["report"]>): Table {
  const rows: Cell[][] = [];
  w.retention.positions.forEach((p, i) =>
    rows.push([
      "retention",
      `${Math.round(p * 100)}%`,
      w.retention.video?.[i] ?? null,
      w.retention.band?.p25[i] ?? null,
      w.retention.band?.p50[i] ?? null,
      w.retention.band?.p75[i] ?? null,
    ]),
  );
  for (const [name, c] of [
    ["hook_3s", w.hook],
    ["average_seconds", w.average_seconds],
    ["average_share", w.average_share],
    ["completion", w.completion],
  ] as const)
    rows.push([name, "", c.value, c.usual?.p25 ?? null, c.usual?.p50 ?? null, c.usual?.p75 ?? null]);
  for (const s of w.sources ?? []) rows.push(["source", s.source, s.share, null, s.usual, s.recent]);
  for (const [k, v] of Object.entries(w.audience ?? {})) rows.push(["audience", k, v, null, null, null]);
  for (const [k, v] of Object.entries(w.countries ?? {})) rows.push(["country", k, v, null, null, null]);
  return {
    header: ["section", "name", "value", "typical_p25", "typical_p50_or_usual", "typical_p75_or_recent"],
    rows,
  };
}
