/**
 * `--json`: one world's figures as a plain object. The keys of the brief are fixed (a consumer
 * reads them): forecasts[{target, from, n, adam, bestBaseline, coverage}], spikes and drops
 * {recall, precision, alerts}, followerJumps {recall, attribution}, creatorDays; the others are
 * extra detail. null means the data had no truth for the figure (or nothing to count).
 */
import type { AlertScore, WorldScore } from "../score/index.ts";
import { shareOf } from "../stats.ts";

export interface ForecastJson {
  target: "24h" | "7d";
  from: string;
  n: number;
  adam: number | null;
  bestBaseline: number | null;
  coverage: number | null;
  unknown: number;
}

export interface AlertJson {
  recall: number | null;
  precision: number | null;
  alerts: number;
  alertsPerCreatorWeek: number | null;
  unknownAlerts: number;
}

export interface WorldJson {
  forecasts: ForecastJson[];
  spikes: AlertJson;
  drops: AlertJson;
  followerJumps: {
    recall: number | null;
    attribution: number | null;
    precision: number | null;
    alerts: number;
    unknownCreators: number;
  };
  creatorDays: number;
  creators: number;
  /** View alerts (spikes and drops) from each confidence up. */
  alertsByConfidence: {
    minConfidence: number;
    precision: number | null;
    alerts: number;
    alertsPerCreatorWeek: number | null;
  }[];
  analyzeMs: { p50: number | null; p95: number | null; max: number | null; runs: number };
}

const round = (x: number | null, digits = 4) => (x === null ? null : Number(x.toFixed(digits)));

function alertJson(a: AlertScore): AlertJson {
  return {
    recall: round(shareOf(a.recall)),
    precision: round(shareOf(a.precision)),
    alerts: a.alerts,
    alertsPerCreatorWeek: round(a.alertsPerCreatorWeek),
    unknownAlerts: a.unknownAlerts,
  };
}

export function worldJson(s: WorldScore): WorldJson {
  return {
    forecasts: s.forecasts.map((f) => ({
      target: f.target,
      from: f.from,
      n: f.n,
      adam: round(f.adam),
      bestBaseline: round(f.bestBaseline),
      coverage: round(f.coverage),
      unknown: f.unknown,
    })),
    spikes: alertJson(s.alerts.spikes),
    drops: alertJson(s.alerts.drops),
    followerJumps: {
      recall: round(shareOf(s.followers.recall)),
      attribution: round(shareOf(s.followers.attribution)),
      precision: round(shareOf(s.followers.precision)),
      alerts: s.followers.alerts,
      unknownCreators: s.followers.unknownCreators,
    },
    creatorDays: round(s.creatorDays, 1) as number,
    creators: s.creators,
    alertsByConfidence: s.alerts.byConfidence.map((b) => ({
      minConfidence: b.minConfidence,
      precision: round(shareOf(b.precision)),
      alerts: b.alerts,
      alertsPerCreatorWeek: round(b.alertsPerCreatorWeek),
    })),
    analyzeMs: { p50: round(s.cpu.p50, 3), p95: round(s.cpu.p95, 3), max: round(s.cpu.max, 3), runs: s.cpu.runs },
  };
}
