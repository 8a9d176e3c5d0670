/**
 * A creator's momentum: a multiplier on every new video's views that trends (growth per year)
 * and wanders (a knot every two weeks), so a 90-day follower projection faces real uncertainty.
 * ln(momentum) is linear between knots, which keeps its time integral in closed form.
 */
import type { CreatorParams } from "./creator.ts";
import { hash, normal } from "./hash.ts";
import { DAY_MS } from "./time.ts";

const KNOT_MS = 14 * DAY_MS;
const YEAR_MS = 365 * DAY_MS;
/** σ of the wander at each knot, in ln units. */
const WANDER = 0.2;

function lnMomentumAtKnot(c: CreatorParams, knot: number, originMs: number): number {
  return (c.growthPerYear * (knot * KNOT_MS - originMs)) / YEAR_MS + WANDER * normal(hash(c.key, knot, 0x6d6f6d));
}

/** Momentum at tMs; `originMs` is where the trend crosses 1 (the world's history start). */
export function momentum(c: CreatorParams, tMs: number, originMs: number): number {
  const knot = Math.floor(tMs / KNOT_MS);
  const a = lnMomentumAtKnot(c, knot, originMs);
  const b = lnMomentumAtKnot(c, knot + 1, originMs);
  return Math.exp(a + ((b - a) * (tMs - knot * KNOT_MS)) / KNOT_MS);
}

/** ∫ exp(linear) over [start, end] given ln values at both ends. */
function segment(start: number, end: number, lnStart: number, lnEnd: number): number {
  if (!(end > start)) return 0;
  const d = lnEnd - lnStart;
  return Math.abs(d) < 1e-9
    ? (end - start) * Math.exp(lnStart)
    : ((end - start) * (Math.exp(lnEnd) - Math.exp(lnStart))) / d;
}

/**
 * ∫ momentum(s) ds from `originMs` to any t ≤ `untilMs`, in ms. Knots are drawn once, so
 * evaluating it at several instants (jitter, purges) costs one partial segment each.
 */
export function momentumIntegrator(c: CreatorParams, originMs: number, untilMs: number): (tMs: number) => number {
  const firstKnot = Math.floor(originMs / KNOT_MS);
  const lastKnot = Math.floor(untilMs / KNOT_MS) + 1;
  const ln: number[] = [];
  for (let k = firstKnot; k <= lastKnot; k++) ln.push(lnMomentumAtKnot(c, k, originMs));
  const lnAt = (t: number) => {
    const i = Math.min(ln.length - 2, Math.max(0, Math.floor(t / KNOT_MS) - firstKnot));
    const a = ln[i] as number;
    return a + (((ln[i + 1] as number) - a) * (t - (firstKnot + i) * KNOT_MS)) / KNOT_MS;
  };
  // cumulative[i] = integral from origin to the start of knot interval i (origin for i = 0).
  const cumulative = [0];
  for (let i = 0; i < ln.length - 1; i++) {
    const start = Math.max(originMs, (firstKnot + i) * KNOT_MS);
    const end = (firstKnot + i + 1) * KNOT_MS;
    cumulative.push((cumulative[i] as number) + segment(start, end, lnAt(start), ln[i + 1] as number));
  }
  return (tMs: number) => {
    const t = Math.min(untilMs, tMs);
    if (!(t > originMs)) return 0;
    const i = Math.min(ln.length - 2, Math.floor(t / KNOT_MS) - firstKnot);
    const start = Math.max(originMs, (firstKnot + i) * KNOT_MS);
    return (cumulative[i] as number) + segment(start, t, lnAt(start), lnAt(t));
  };
}
