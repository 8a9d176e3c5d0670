import type { Anomaly, Insight } from "../analytics";
import type { AlertKind } from "../db/schema/identity";

/**
 * Which of a snapshot job's findings become alerts: anomalies whose confidence reaches the
 * threshold (ALERT_MIN_CONFIDENCE), and fast starts. Pure: the job stores what this returns in
 * the same batch as the anomalies and insights themselves.
 *
 * - views spike → `spike`, views drop and follower drop → `drop`, follower spike → `follower_jump`,
 *   each worded as its insight card (`anomaly:<eventKey>`), so an email says what the dashboard says;
 * - a fast-start card (`pace:<videoId>`) → `fast_start`, once per video. A pace card is a measured
 *   fact (the video against the creator's own videos at the same age), not an inference, so its
 *   confidence is its severity's: high 0.95, medium 0.8, low 0.6;
 * - `goal_reached` has no producer yet (the goals feature is not built): the kind exists in
 *   preferences and in the outbox so that feature only has to write rows.
 */
export interface AlertDraft {
  key: string;
  kind: AlertKind;
  videoId: string | null;
  title: string;
  body: string;
  confidence: number;
}

const PACE_CONFIDENCE = { high: 0.95, medium: 0.8, low: 0.6, info: 0.5 } as const;

export function kindOfAnomaly(a: Pick<Anomaly, "metric" | "kind">): AlertKind {
  if (a.metric === "followers") return a.kind === "spike" ? "follower_jump" : "drop";
  return a.kind;
}

function fallbackWords(a: Anomaly): { title: string; body: string } {
  const what = a.metric === "followers" ? "followers" : "views";
  return {
    title: a.kind === "spike" ? `Your ${what} are spiking` : `Your ${what} have stalled`,
    body: `${Math.round(a.observed)} ${what} in the window against about ${Math.round(a.expected)} expected.`,
  };
}

export function alertDrafts(
  anomalies: readonly Anomaly[],
  insights: readonly Insight[],
  minConfidence: number,
): AlertDraft[] {
  const cards = new Map(insights.map((i) => [i.factKey, i]));
  const drafts: AlertDraft[] = [];
  for (const a of anomalies) {
    if (!(a.confidence >= minConfidence)) continue;
    const card = cards.get(`anomaly:${a.eventKey}`);
    drafts.push({
      key: `anomaly:${a.eventKey}`,
      kind: kindOfAnomaly(a),
      videoId: card?.videoId ?? a.videoId,
      ...(card ? { title: card.title, body: card.body } : fallbackWords(a)),
      confidence: a.confidence,
    });
  }
  for (const card of insights) {
    if (card.kind !== "fast_start" || !card.videoId) continue;
    const confidence = PACE_CONFIDENCE[card.severity];
    if (confidence < minConfidence) continue;
    drafts.push({
      key: `fast_start:${card.videoId}`,
      kind: "fast_start",
      videoId: card.videoId,
      title: card.title,
      body: card.body,
      confidence,
    });
  }
  return drafts;
}
