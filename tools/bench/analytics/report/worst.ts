/**
 * The worst world, figure by figure: lowest recall, precision, attribution; highest error ratio;
 * coverage farthest from 80%; most alerts per creator-week; slowest analyzeAccount. Worlds with
 * no value for a figure (null: no truth) are ignored for it; if none has one, the worst is null.
 */
import type { AlertJson, ForecastJson, WorldJson } from "./json.ts";

export type Worse = "lower" | "higher" | "far-from-80%";

export interface Candidate {
  world: string;
  value: number | null;
}

const badness = (value: number, worse: Worse) =>
  worse === "lower" ? -value : worse === "higher" ? value : Math.abs(value - 0.8);

export function worstOf(candidates: readonly Candidate[], worse: Worse): { world: string; value: number } | null {
  let worst: { world: string; value: number } | null = null;
  for (const c of candidates) {
    if (c.value === null || !Number.isFinite(c.value)) continue;
    if (!worst || badness(c.value, worse) > badness(worst.value, worse)) worst = { world: c.world, value: c.value };
  }
  return worst;
}

/** `worst` in --json: WorldJson's shape, plus `which` naming the world behind each figure. */
export interface WorstJson extends WorldJson {
  which: Record<string, string>;
}

export function worstJson(worlds: readonly [string, WorldJson][]): WorstJson {
  const which: Record<string, string> = {};
  const pick = (key: string, worse: Worse, value: (w: WorldJson) => number | null): number | null => {
    const w = worstOf(
      worlds.map(([world, j]) => ({ world, value: value(j) })),
      worse,
    );
    if (w) which[key] = w.world;
    return w?.value ?? null;
  };
  /** The world a whole group of figures is taken from (so its counts go with its figure). */
  const from = (key: string, worse: Worse, value: (w: WorldJson) => number | null): WorldJson | undefined => {
    const w = worstOf(
      worlds.map(([world, j]) => ({ world, value: value(j) })),
      worse,
    );
    if (w) which[key] = w.world;
    return worlds.find(([name]) => name === w?.world)?.[1];
  };
  const first = worlds[0]?.[1];
  if (!first) throw new Error("worstJson: no worlds");

  const forecasts = first.forecasts.map((row, i): ForecastJson => {
    const at = (j: WorldJson) => j.forecasts[i] as ForecastJson;
    const key = `forecasts.${row.target}.${row.from}`;
    // The ratio decides; n, Adam's and the baseline's errors are that world's.
    const w = from(`${key}.ratio`, "higher", (j) => {
      const f = at(j);
      return f.adam !== null && f.bestBaseline ? f.adam / f.bestBaseline : null;
    });
    const f = w ? at(w) : undefined;
    return {
      target: row.target,
      from: row.from,
      n: f?.n ?? 0,
      adam: f?.adam ?? null,
      bestBaseline: f?.bestBaseline ?? null,
      coverage: pick(`${key}.coverage`, "far-from-80%", (j) => at(j).coverage),
      unknown: f?.unknown ?? 0,
    };
  });

  const alerts = (kind: "spikes" | "drops"): AlertJson => {
    const noisiest = from(`${kind}.alertsPerCreatorWeek`, "higher", (j) => j[kind].alertsPerCreatorWeek);
    return {
      recall: pick(`${kind}.recall`, "lower", (j) => j[kind].recall),
      precision: pick(`${kind}.precision`, "lower", (j) => j[kind].precision),
      alerts: noisiest?.[kind].alerts ?? 0,
      alertsPerCreatorWeek: noisiest?.[kind].alertsPerCreatorWeek ?? null,
      unknownAlerts: noisiest?.[kind].unknownAlerts ?? 0,
    };
  };

  const noisyFollowers = from("followerJumps.alerts", "higher", (j) => j.followerJumps.alerts / (j.creatorDays || 1));
  return {
    forecasts,
    spikes: alerts("spikes"),
    drops: alerts("drops"),
    followerJumps: {
      recall: pick("followerJumps.recall", "lower", (j) => j.followerJumps.recall),
      attribution: pick("followerJumps.attribution", "lower", (j) => j.followerJumps.attribution),
      precision: pick("followerJumps.precision", "lower", (j) => j.followerJumps.precision),
      alerts: noisyFollowers?.followerJumps.alerts ?? 0,
      unknownCreators: noisyFollowers?.followerJumps.unknownCreators ?? 0,
    },
    // Not a figure to be worst at: the total replayed, so the object still says how much was judged.
    creatorDays: Number(worlds.reduce((n, [, j]) => n + j.creatorDays, 0).toFixed(1)),
    creators: worlds.reduce((n, [, j]) => n + j.creators, 0),
    alertsByConfidence: first.alertsByConfidence.map((band, i) => {
      const at = (j: WorldJson) => j.alertsByConfidence[i] as WorldJson["alertsByConfidence"][number];
      const key = `alertsByConfidence.${band.minConfidence}`;
      const noisiest = from(`${key}.alertsPerCreatorWeek`, "higher", (j) => at(j).alertsPerCreatorWeek);
      return {
        minConfidence: band.minConfidence,
        precision: pick(`${key}.precision`, "lower", (j) => at(j).precision),
        alerts: noisiest ? at(noisiest).alerts : 0,
        alertsPerCreatorWeek: noisiest ? at(noisiest).alertsPerCreatorWeek : null,
      };
    }),
    analyzeMs: {
      p50: pick("analyzeMs.p50", "higher", (j) => j.analyzeMs.p50),
      p95: pick("analyzeMs.p95", "higher", (j) => j.analyzeMs.p95),
      max: pick("analyzeMs.max", "higher", (j) => j.analyzeMs.max),
      runs: worlds.reduce((n, [, j]) => n + j.analyzeMs.runs, 0),
    },
    which,
  };
}
