/**
 * Spike and drop alerts on views against the true events (see events.ts for when one counts):
 * recall, precision, how many alerts a creator gets a week, and precision by the alert's
 * confidence, from which a threshold for notifications can be chosen.
 */
import type { CreatorResult, Detection } from "../collect.ts";
import { fraction } from "../stats.ts";
import type { Fraction } from "../stats.ts";
import { inWindow, isJudged, knownVideos, matches, truthEvents } from "./events.ts";
import type { Kind, TruthEvent } from "./events.ts";

/** Confidence bands reported; 0 is every alert. */
export const CONFIDENCE_BANDS = [0, 0.5, 0.7, 0.9] as const;

export interface AlertScore {
  recall: Fraction;
  precision: Fraction;
  /** Every alert of the replay, edges included: each would have reached a creator. */
  alerts: number;
  alertsPerCreatorWeek: number | null;
  /** Alerts on videos of unknown truth: counted above, judged nowhere. */
  unknownAlerts: number;
  recallFresh: Fraction;
  recallResurfacing: Fraction;
}

export interface BandScore {
  minConfidence: number;
  /** Spikes and drops together, each judged from the run its confidence first reached the band. */
  precision: Fraction;
  alerts: number;
  alertsPerCreatorWeek: number | null;
}

export interface ViewAlertScores {
  spikes: AlertScore;
  drops: AlertScore;
  /** The market's rule (views ≥ 2× the creator's median final views) read as spike alerts. */
  market: { recall: Fraction; precision: Fraction; alerts: number };
  byConfidence: BandScore[];
  videos: number;
  unknownVideos: number;
}

/** The detection as a notifier with this threshold would have sent it, if ever. */
function atConfidence(d: Detection, min: number): Detection | undefined {
  const rise = d.rises.find((r) => r.confidence >= min);
  return rise && { ...d, firstSeenMs: rise.t };
}

export function scoreViewAlerts(results: readonly CreatorResult[], creatorWeeks: number): ViewAlertScores {
  const byCreator = new Map(results.map((r) => [r.creator, r]));
  const windowed = (d: Detection) => inWindow(byCreator.get(d.creator) as CreatorResult, d.firstSeenMs);
  const known = knownVideos(results);
  const scoredTruths = truthEvents(results, "scored");
  const anyTruth = truthEvents(results, "all");
  const perWeek = (n: number) => (creatorWeeks > 0 ? n / creatorWeeks : null);
  const views = results.flatMap((r) => r.detections).filter((d) => d.metric === "views");

  const recallOf = (ts: TruthEvent[], dets: Detection[]) =>
    fraction(ts.filter((t) => dets.some((d) => matches(d, t))).length, ts.length);
  // Precision judges alerts on videos of known truth, inside the window; recall takes every
  // alert: one first seen in the last day still found an event that started before it.
  const precisionOf = (dets: Detection[]) => {
    const judged = dets.filter((d) => isJudged(known, d) && windowed(d));
    return fraction(judged.filter((d) => anyTruth.some((t) => matches(d, t))).length, judged.length);
  };

  const kindScore = (kind: Kind): AlertScore => {
    const dets = views.filter((d) => d.kind === kind);
    const ts = scoredTruths.filter((t) => t.kind === kind);
    return {
      recall: recallOf(ts, dets),
      precision: precisionOf(dets),
      alerts: dets.length,
      alertsPerCreatorWeek: perWeek(dets.length),
      unknownAlerts: dets.filter((d) => !isJudged(known, d)).length,
      recallFresh: recallOf(
        ts.filter((t) => !t.resurfacing),
        dets,
      ),
      recallResurfacing: recallOf(
        ts.filter((t) => t.resurfacing),
        dets,
      ),
    };
  };

  const market: Detection[] = results.flatMap((r) =>
    [...r.marketFlags].map(([videoId, t]) => ({
      creator: r.creator,
      videoId,
      metric: "views",
      kind: "spike" as const,
      firstSeenMs: t,
      topVideoId: null,
      rises: [],
      peak: { t, confidence: 1, score: 0, observed: 0, expected: 0, windowStart: t, windowEnd: t },
    })),
  );

  const videos = results.reduce((n, r) => n + r.videos.length, 0);
  return {
    spikes: kindScore("spike"),
    drops: kindScore("drop"),
    market: {
      recall: recallOf(
        scoredTruths.filter((t) => t.kind === "spike"),
        market,
      ),
      precision: precisionOf(market),
      alerts: market.length,
    },
    byConfidence: CONFIDENCE_BANDS.map((min) => {
      const sent = views.map((d) => atConfidence(d, min)).filter((d): d is Detection => d !== undefined);
      return {
        minConfidence: min,
        precision: precisionOf(sent),
        alerts: sent.length,
        alertsPerCreatorWeek: perWeek(sent.length),
      };
    }),
    videos,
    unknownVideos: videos - known.size,
  };
}
