/**
 * Experiments: the creator names two conditions (labels, or a label's absence); every video posted
 * after the start that matches exactly one of them joins that arm (one matching both, or neither,
 * stays out). The effect is A against B on age-matched 24 h views (residuals against the trend, so
 * a creator growing during the experiment does not favour the later arm).
 *
 * Residuals here are against the trend of the videos before each one (trend.trailingResiduals), so
 * a video's value is fixed once it has its 24 h count.
 *
 * The interval is a confidence sequence (normal mixture, see stats.mixtureHalfWidth): it holds at
 * every number of videos at once, so the dashboard may show it after each new video and a creator
 * may stop whenever they like — peeking cannot manufacture a winner. A verdict is given only when
 * it excludes "no difference" and each arm has at least MIN_ARM_VIDEOS measured videos.
 */
import { meanDifference, mixtureHalfWidth, ratioInterval } from "./stats";
import { labelName } from "./labels";
import { trailingResiduals } from "./trend";
import type { ArmCondition, ArmSummary, CoachVideo, ExperimentInput, ExperimentResult, VideoLabels } from "./types";

/** 1 − the interval's level, over all looks together. */
export const EXPERIMENT_ALPHA = 0.1;
/** The mixture's scale: effects of about ×1.5 (0.4 log units) are the ones it is tuned to find fastest. */
export const MIXTURE_TAU = 0.4;
export const MIN_ARM_VIDEOS = 3;

export function matches(labels: ReadonlySet<string>, condition: ArmCondition): boolean {
  return labels.has(condition.label) !== (condition.negate ?? false);
}

export function conditionName(c: ArmCondition): string {
  return c.negate ? `not ${labelName(c.label)}` : labelName(c.label);
}

/** Which arm a video joins, if any. */
export function assignArm(
  video: { createdAtMs: number },
  labels: ReadonlySet<string>,
  experiment: Pick<ExperimentInput, "armA" | "armB" | "startMs" | "endMs">,
): "a" | "b" | null {
  if (video.createdAtMs < experiment.startMs) return null;
  if (experiment.endMs !== undefined && experiment.endMs !== null && video.createdAtMs > experiment.endMs) return null;
  const a = matches(labels, experiment.armA);
  const b = matches(labels, experiment.armB);
  return a === b ? null : a ? "a" : "b";
}

/** The always-valid interval for A − B from the two arms' residuals; null until both arms have two. */
export function sequentialEffect(a: readonly number[], b: readonly number[]) {
  if (a.length < 2 || b.length < 2) return null;
  const d = meanDifference(a, b);
  const half = mixtureHalfWidth(d.variance, EXPERIMENT_ALPHA, MIXTURE_TAU);
  return { estimate: d.estimate, half, ...ratioInterval(d.estimate, half) };
}

function percent(ratio: number): string {
  const p = Math.round((ratio - 1) * 100);
  return `${p >= 0 ? "+" : "−"}${Math.abs(p)}%`;
}

export function evaluateExperiment(
  experiment: ExperimentInput,
  videos: readonly CoachVideo[],
  labelled: readonly VideoLabels[],
  r24 = trailingResiduals(videos, "h24"),
): ExperimentResult {
  const labelsOf = new Map(labelled.map((l) => [l.videoId, new Set(l.labels)]));
  const arms: { a: ArmSummary; b: ArmSummary } = { a: { videos: [], measured: 0 }, b: { videos: [], measured: 0 } };
  for (const v of [...videos].sort((x, y) => x.createdAtMs - y.createdAtMs)) {
    const arm = assignArm(v, labelsOf.get(v.id) ?? new Set(), experiment);
    if (!arm) continue;
    const residual = r24.get(v.id) ?? null;
    arms[arm].videos.push({
      id: v.id,
      createdAtMs: v.createdAtMs,
      residual: residual === null ? null : Math.round(residual * 1000) / 1000,
    });
    if (residual !== null) arms[arm].measured++;
  }
  const values = (arm: ArmSummary) => arm.videos.flatMap((v) => (v.residual === null ? [] : [v.residual]));
  const e = sequentialEffect(values(arms.a), values(arms.b));
  const nameA = conditionName(experiment.armA);
  const nameB = conditionName(experiment.armB);
  const enough = arms.a.measured >= MIN_ARM_VIDEOS && arms.b.measured >= MIN_ARM_VIDEOS;
  const verdict: ExperimentResult["verdict"] =
    !e || !enough ? "collecting" : e.low > 1 ? "a-better" : e.high < 1 ? "b-better" : "no-difference-yet";
  const range = e ? `${percent(e.ratio)} (${percent(e.low)} to ${percent(e.high)})` : "";
  const summary =
    verdict === "collecting"
      ? `Collecting: ${arms.a.measured} ${nameA} and ${arms.b.measured} ${nameB} videos with a 24-hour count (a verdict needs ${MIN_ARM_VIDEOS} each)`
      : verdict === "no-difference-yet"
        ? `No difference yet: ${nameA} vs ${nameB} ${range}; keep posting both`
        : verdict === "a-better"
          ? `${nameA} beats ${nameB}: ${range} views at 24 h`
          : `${nameB} beats ${nameA}: ${percent(1 / (e as { ratio: number }).ratio)} views at 24 h (${nameA} vs ${nameB} ${range})`;
  return {
    id: experiment.id,
    name: experiment.name,
    arms,
    effect: e ? { ratio: e.ratio, low: e.low, high: e.high } : null,
    verdict,
    summary,
  };
}
