/**
 * Turning stored rows into the coach's videos. A video Adam first saw when it was already older
 * than 24 h (everything posted before the creator connected) has no 24 h checkpoint; its count at
 * 24 h is then read back along the creator's own growth shape (shape.ts): views × share(24 h) /
 * share(its age). That is an estimate — a video's own curve varies around the typical one — but it
 * lets a creator's back catalogue speak from the first day instead of after weeks of new posts.
 */
import { GENERIC_SHAPE, typicalShape } from "../shape";
import type { GrowthShape } from "../types";
import type { CoachVideo } from "./types";

export interface StoredVideo extends Omit<CoachVideo, "views24h" | "views7d"> {
  views24h: number | null;
  views7d: number | null;
  /** The latest count and the age it was made at. */
  latest: { ageHours: number; views: number } | null;
}

function backcast(latest: StoredVideo["latest"], ageHours: number, share: (age: number) => number): number | null {
  if (!latest || latest.ageHours < ageHours) return null;
  const at = share(latest.ageHours);
  return at > 0 ? Math.round((latest.views * share(ageHours)) / at) : null;
}

export function toCoachVideos(rows: readonly StoredVideo[], growth: GrowthShape | undefined): CoachVideo[] {
  const share = typicalShape(growth ?? GENERIC_SHAPE);
  return rows.map(({ latest, ...v }) => ({
    ...v,
    views24h: v.views24h ?? backcast(latest, 24, share),
    views7d: v.views7d ?? backcast(latest, 168, share),
  }));
}
