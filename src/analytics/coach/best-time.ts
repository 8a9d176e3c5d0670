/**
 * Best time to post, from results: which local posting windows gave this creator's videos more
 * views at 24 h than their trend predicts, beside when their audience actually watches.
 *
 * Each three-hour window (every day, and weekdays only) is compared with the videos posted outside
 * it. Many windows are tried, so two guards keep chance from crowning one: the estimates are shrunk
 * towards "no difference" by how much the windows differ beyond their noise (see stats.shrink), and a
 * window is only called better when its shrunk interval clears zero at a level corrected for the
 * number of windows tried (Bonferroni, one-sided: only a better window is announced).
 */
import type { DiurnalProfile } from "../types";
import { type LocalParts, localParts, offsetMs } from "./local-time";
import { WINDOW_HOURS, windowLabel } from "./labels";
import { MIN_LABEL_VIDEOS } from "./label-stats";
import { compareGroups, normalQuantile, ratioInterval, shrink } from "./stats";
import { residuals } from "./trend";
import type { BestTime, BestTimeWindow, CoachVideo } from "./types";
import { HOUR_MS } from "../time";

/** Chance, across all windows together, of announcing a best window when none is better. */
export const FAMILY_ERROR = 0.1;
export const DISPLAY_LEVEL = 0.9;

interface Candidate {
  key: string;
  name: string;
  member: (hour: number, weekday: number) => boolean;
}

function candidates(): Candidate[][] {
  const all: Candidate[] = [];
  const weekdays: Candidate[] = [];
  for (let from = 0; from < 24; from += WINDOW_HOURS) {
    const span = `${from}–${from + WINDOW_HOURS} h`;
    const inWindow = (h: number) => h >= from && h < from + WINDOW_HOURS;
    all.push({ key: windowLabel(from), name: span, member: (h) => inWindow(h) });
    weekdays.push({
      key: `weekdays:${from}-${from + WINDOW_HOURS}`,
      name: `Weekdays ${span}`,
      member: (h, d) => d < 5 && inWindow(h),
    });
  }
  return [all, weekdays];
}

function percent(ratio: number): string {
  const p = Math.round((ratio - 1) * 100);
  return `${p >= 0 ? "+" : "−"}${Math.abs(p)}%`;
}

/** Relative views per local hour (mean 1), from the learnt UTC rhythm; null before anything is learnt. */
export function audienceByLocalHour(
  profile: DiurnalProfile | undefined,
  timeZone: string,
  nowMs: number,
): number[] | null {
  if (!profile || profile.weight === 0) return null;
  const shift = Math.round(offsetMs(nowMs, timeZone) / HOUR_MS);
  const factors = Array.from({ length: 24 }, (_, local) =>
    Math.exp(profile.logFactors[(((local - shift) % 24) + 24) % 24] ?? 0),
  );
  const m = factors.reduce((s, x) => s + x, 0) / 24;
  return factors.map((x) => Math.round((x / m) * 100) / 100);
}

export function bestTime(
  videos: readonly CoachVideo[],
  timeZone: string,
  options: { diurnal?: DiurnalProfile; nowMs: number; local?: ReadonlyMap<string, LocalParts> },
): BestTime {
  const r = residuals(videos, "h24");
  const local = options.local ?? new Map(videos.map((v) => [v.id, localParts(v.createdAtMs, timeZone)]));
  const groups = candidates();
  const tried = groups.reduce((s, g) => s + g.length, 0);
  const zFamily = normalQuantile(1 - FAMILY_ERROR / tried);
  const zDisplay = normalQuantile(1 - (1 - DISPLAY_LEVEL) / 2);
  const windows: BestTimeWindow[] = [];
  for (const group of groups) {
    const compared = group.flatMap((c) => {
      const inside: number[] = [];
      const outside: number[] = [];
      for (const [id, x] of r) {
        const p = local.get(id)!;
        (c.member(p.hour, p.weekday) ? inside : outside).push(x);
      }
      if (inside.length < MIN_LABEL_VIDEOS || outside.length < MIN_LABEL_VIDEOS) return [];
      return [{ c, ...compareGroups(inside, outside) }];
    });
    const shrunk = shrink(compared);
    compared.forEach((x, i) => {
      const s = shrunk[i] as { mean: number; sd: number };
      windows.push({
        key: x.c.key,
        name: x.c.name,
        n: x.n,
        ...ratioInterval(s.mean, zDisplay * s.sd),
        rawRatio: ratioInterval(x.estimate, 0).ratio,
        reliable: s.sd > 0 && s.mean - zFamily * s.sd > 0,
      });
    });
  }
  // Of the reliable windows, the one whose lower bound is highest (the surest gain).
  const best =
    windows.filter((w) => w.reliable).sort((a, b) => b.low - a.low || b.n - a.n || a.key.localeCompare(b.key))[0] ??
    null;
  const measured = r.size;
  const answer = best
    ? `${best.name}: ${percent(best.ratio)} (${percent(best.low)} to ${percent(best.high)}) over ${best.n} videos`
    : measured < 2 * MIN_LABEL_VIDEOS
      ? `Not enough videos yet: ${measured} with a 24-hour count (a comparison needs ${2 * MIN_LABEL_VIDEOS})`
      : `No reliable difference between posting times yet (${measured} videos compared)`;
  return {
    answer,
    best,
    windows: windows.sort((a, b) => a.key.localeCompare(b.key, "en", { numeric: true })),
    videos: measured,
    audienceByHour: audienceByLocalHour(options.diurnal, timeZone, options.nowMs),
    timeZone,
  };
}
