/**
 * Forecast accuracy per target (24 h from 1, 3, 6, 12 h; 7 d from 6, 24, 72 h) and over all ages:
 * Adam's median |ln error| beside the best of the market's three baselines, and how often the
 * truth fell inside Adam's P10–P90 (80% is right). A forecast whose truth the data does not know
 * is left out and counted as unknown.
 */
import { FORECAST_AGES } from "../collect.ts";
import type { ForecastSample } from "../collect.ts";
import { absLogError, median, orNull } from "../stats.ts";

export interface ForecastRow {
  target: "24h" | "7d";
  from: string;
  n: number;
  /** Forecasts made whose truth is unknown (not in n). */
  unknown: number;
  adam: number | null;
  baselines: { median: number | null; ratio: number | null; pace: number | null };
  /** The lowest of the baselines' errors. */
  bestBaseline: number | null;
  /** adam / bestBaseline: below 1 beats the market. */
  ratio: number | null;
  coverage: number | null;
}

type Known = ForecastSample & { actual: number };

function row(target: number, from: string, samples: readonly ForecastSample[]): ForecastRow {
  const known = samples.filter((s): s is Known => s.actual !== null);
  const err = (pick: (x: Known) => number) =>
    known.length > 0 ? orNull(median(known.map((x) => absLogError(pick(x), x.actual)))) : null;
  const adam = err((x) => x.adam.p50);
  const baselines = { median: err((x) => x.median), ratio: err((x) => x.ratio), pace: err((x) => x.pace) };
  const finite = Object.values(baselines).filter((b): b is number => b !== null);
  const bestBaseline = finite.length > 0 ? Math.min(...finite) : null;
  return {
    target: target === 24 ? "24h" : "7d",
    from,
    n: known.length,
    unknown: samples.length - known.length,
    adam,
    baselines,
    bestBaseline,
    ratio: adam !== null && bestBaseline !== null && bestBaseline > 0 ? adam / bestBaseline : null,
    coverage:
      known.length > 0
        ? known.filter((x) => x.actual >= x.adam.p10 && x.actual <= x.adam.p90).length / known.length
        : null,
  };
}

export function scoreForecasts(samples: readonly ForecastSample[]): ForecastRow[] {
  return Object.entries(FORECAST_AGES).flatMap(([key, ages]) => {
    const target = Number(key);
    const ofTarget = samples.filter((s) => s.target === target);
    return [
      ...ages.map((age) =>
        row(
          target,
          `${age}h`,
          ofTarget.filter((s) => s.age === age),
        ),
      ),
      row(target, "all", ofTarget),
    ];
  });
}
