/**
 * How each label's videos do: their residuals against everyone else's, at 24 h and 7 d. Below
 * MIN_LABEL_VIDEOS on either side there is no comparison, only "not enough videos yet": with a
 * typical spread of 0.8 log units per video, five against the rest already leave a 90% interval
 * from about ×0.5 to ×2 — any fewer and the interval says nothing a creator could act on.
 */
import { compareGroups, normalQuantile, ratioInterval } from "./stats";
import { labelKind, labelName } from "./labels";
import { residuals, type Age } from "./trend";
import type { CoachVideo, LabelEffect, LabelKind, LabelStat, VideoLabels } from "./types";

export const MIN_LABEL_VIDEOS = 5;
export const LABEL_LEVEL = 0.9;

function effect(videoIds: readonly string[], r: Map<string, number>): LabelEffect | { n: number; others: number } {
  const inLabel = new Set(videoIds);
  const group: number[] = [];
  const rest: number[] = [];
  for (const [id, x] of r) (inLabel.has(id) ? group : rest).push(x);
  if (group.length < MIN_LABEL_VIDEOS || rest.length < MIN_LABEL_VIDEOS)
    return { n: group.length, others: rest.length };
  const c = compareGroups(group, rest);
  return { ...ratioInterval(c.estimate, normalQuantile(1 - (1 - LABEL_LEVEL) / 2) * c.se), n: c.n, others: c.others };
}

/** `kinds`: only these kinds of label; `h24Only`: skip the 7-day comparison (missions need neither). */
export function labelStats(
  videos: readonly CoachVideo[],
  labelled: readonly VideoLabels[],
  options: { kinds?: readonly LabelKind[]; h24Only?: boolean } = {},
): LabelStat[] {
  const byLabel = new Map<string, string[]>();
  for (const v of labelled)
    for (const l of v.labels) {
      if (options.kinds && !options.kinds.includes(labelKind(l))) continue;
      const ids = byLabel.get(l);
      if (ids) ids.push(v.videoId);
      else byLabel.set(l, [v.videoId]);
    }
  const r = {
    h24: residuals(videos, "h24"),
    d7: options.h24Only ? new Map<string, number>() : residuals(videos, "d7"),
  };
  const stats: LabelStat[] = [];
  for (const [key, ids] of byLabel) {
    const ages = (["h24", "d7"] as Age[]).map((age) => effect(ids, r[age]));
    const [h24, d7] = ages.map((e) => ("ratio" in e ? e : null)) as [LabelEffect | null, LabelEffect | null];
    const first = ages[0] as { n: number; others: number };
    let note: string | null = null;
    if (!h24) {
      note =
        ids.length === videos.length
          ? "on every video: nothing to compare with"
          : first.n < MIN_LABEL_VIDEOS
            ? `not enough videos yet: ${first.n} of ${MIN_LABEL_VIDEOS} with a 24-hour count`
            : `not enough videos yet: ${first.others} without it (need ${MIN_LABEL_VIDEOS})`;
    }
    stats.push({ key, kind: labelKind(key), name: labelName(key), videos: ids.length, h24, d7, note });
  }
  const kindOrder = ["manual", "series", "hashtag", "length", "window", "weekday"];
  return stats.sort(
    (a, b) =>
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || b.videos - a.videos || a.key.localeCompare(b.key),
  );
}
