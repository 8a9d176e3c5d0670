/** A detection before cooldown: becomes an Anomaly once matched against open events. */
export interface AnomalyCandidate {
  videoId: string | null;
  metric: "views" | "followers";
  kind: "spike" | "drop";
  severity: "low" | "medium" | "high";
  score: number;
  windowStart: number;
  windowEnd: number;
  observed: number;
  expected: number;
  details: Record<string, unknown>;
}
