/**
 * An alert's confidence in [0, 1]. The analytics are gaining their own (`Anomaly.confidence`);
 * until an anomaly carries one, its robust z-score stands in, saturating at 10.
 */
import type { Anomaly } from "../../../src/analytics/index.ts";

export function confidenceOf(a: Anomaly): number {
  const own = (a as { confidence?: number }).confidence;
  return typeof own === "number" && Number.isFinite(own) ? own : Math.min(1, Math.abs(a.score) / 10);
}
