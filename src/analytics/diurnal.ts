/**
 * The audience's daily rhythm: how much faster than average a creator's videos gather views at
 * each hour of the day (UTC). Views run ±10–35% around the day's mean; without this every
 * evening peak looks like a spike and every night like a drop (the seasonal part that Twitter's
 * S-H-ESD removes with STL before testing).
 *
 * Estimated each run from the videos polled every 30 minutes: each video's hourly log velocity
 * minus a smooth quadratic trend in log age, the median residual per hour of day across videos,
 * blended into the stored profile so it settles over days.
 */
import { clamp, median, round } from "./numbers";
import { HOUR_MS, hoursBetween } from "./time";
import type { DiurnalProfile, VideoSnapshot } from "./types";

const HOURS = 24;
/** Windows of dense polling only: an hourly factor cannot be read from 6-hourly snapshots. */
const MAX_INTERVAL_MS = 1.5 * HOUR_MS;
/** Below ~3 h a video is still climbing to its peak; that curve is not the audience's rhythm. */
const MIN_AGE_HOURS = 3;
/**
 * Only videos averaging this many views per window take part. Selecting videos (not windows) by
 * count matters: dropping quiet windows of a small video would make its busy hours look busier.
 */
const MIN_MEAN_GAINED = 20;
const MIN_WINDOWS_PER_VIDEO = 12;
const MIN_PER_HOUR = 3;
/** An hour's factor is shrunk towards 0 by n / (n + SHRINK), and kept within a 2× swing. */
const SHRINK = 5;
const MAX_LOG_FACTOR = 0.7;
/** New estimates move the stored profile by at most this share (about a week to settle fully). */
const BLEND = 0.05;

export const FLAT_PROFILE: DiurnalProfile = { logFactors: Array.from({ length: HOURS }, () => 0), weight: 0 };

function hourOf(tMs: number): number {
  return (((tMs % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS;
}

/** exp(profile) at a time of day, interpolated between hour centres. */
function factorAt(profile: DiurnalProfile, tMs: number): number {
  const h = hourOf(tMs) - 0.5;
  const i = Math.floor(h);
  const f = h - i;
  const a = profile.logFactors[(i + HOURS) % HOURS] ?? 0;
  const b = profile.logFactors[(i + 1) % HOURS] ?? 0;
  return Math.exp(a + (b - a) * f);
}

/** Mean rhythm factor over [fromMs, toMs] (1 for a flat profile). */
export function seasonalFactor(profile: DiurnalProfile, fromMs: number, toMs: number): number {
  const steps = Math.max(1, Math.ceil((toMs - fromMs) / (HOUR_MS / 2)));
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += factorAt(profile, fromMs + ((i + 0.5) * (toMs - fromMs)) / steps);
  return sum / steps;
}

/** Solves a 3×3 linear system by Cramer's rule; undefined when singular. */
function solve3(m: number[][], r: number[]): number[] | undefined {
  const det = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  if (Math.abs(d) < 1e-12) return undefined;
  return [0, 1, 2].map((col) => det(m.map((row, i) => row.map((x, j) => (j === col ? (r[i] as number) : x)))) / d);
}

/** Residuals of the least-squares quadratic y ≈ a + b·x + c·x² (the smooth rise and decay of one video). */
function quadraticResiduals(xs: readonly number[], ys: readonly number[]): number[] {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const u = xs.map((x) => x - mx);
  const sum = (f: (x: number, y: number) => number) => u.reduce((s, x, i) => s + f(x, ys[i] as number), 0);
  const [s2, s3, s4] = [sum((x) => x * x), sum((x) => x ** 3), sum((x) => x ** 4)];
  const coef = solve3(
    [
      [n, 0, s2],
      [0, s2, s3],
      [s2, s3, s4],
    ],
    [sum((_, y) => y), sum((x, y) => x * y), sum((x, y) => x * x * y)],
  );
  const fit = (x: number) =>
    coef ? (coef[0] as number) + (coef[1] as number) * x + (coef[2] as number) * x * x : sum((_, y) => y) / n;
  return ys.map((y, i) => y - fit(u[i] as number));
}

/** This run's estimate: median detrended log velocity per hour of day. Undefined without dense data. */
export function estimateDiurnal(
  videos: readonly { createdAtMs: number; snapshots: readonly VideoSnapshot[] }[],
): { logFactors: number[]; windows: number } | undefined {
  const byHour: number[][] = Array.from({ length: HOURS }, () => []);
  let windows = 0;
  for (const v of videos) {
    const xs: number[] = [];
    const ys: number[] = [];
    const mids: number[] = [];
    let total = 0;
    const s = v.snapshots;
    // Hour-long windows (two 30-minute deltas), only where polling was dense and no counter dipped.
    for (let i = 2; i < s.length; i += 2) {
      const a = s[i - 2] as VideoSnapshot;
      const m = s[i - 1] as VideoSnapshot;
      const b = s[i] as VideoSnapshot;
      if (
        b.t - a.t > 2 * MAX_INTERVAL_MS ||
        hoursBetween(v.createdAtMs, a.t) < MIN_AGE_HOURS ||
        m.views < a.views ||
        b.views < m.views
      )
        continue;
      const gained = b.views - a.views;
      total += gained;
      xs.push(Math.log(hoursBetween(v.createdAtMs, (a.t + b.t) / 2)));
      ys.push(Math.log((gained + 0.5) / hoursBetween(a.t, b.t)));
      mids.push((a.t + b.t) / 2);
    }
    if (xs.length < MIN_WINDOWS_PER_VIDEO || total / xs.length < MIN_MEAN_GAINED) continue;
    quadraticResiduals(xs, ys).forEach((r, i) => (byHour[Math.floor(hourOf(mids[i] as number))] as number[]).push(r));
    windows += xs.length;
  }
  if (windows === 0) return undefined;
  const raw = byHour.map((h) => (h.length >= MIN_PER_HOUR ? median(h) : 0));
  const mean = raw.reduce((sum, x) => sum + x, 0) / HOURS;
  return {
    logFactors: raw.map((x, i) =>
      clamp(
        ((x - mean) * (byHour[i] as number[]).length) / ((byHour[i] as number[]).length + SHRINK),
        -MAX_LOG_FACTOR,
        MAX_LOG_FACTOR,
      ),
    ),
    windows,
  };
}

/** Blends this run's estimate into the stored profile (the first estimate is taken as is). */
export function updateDiurnal(
  stored: DiurnalProfile | undefined,
  estimate: { logFactors: number[]; windows: number } | undefined,
): DiurnalProfile {
  const base = stored ?? FLAT_PROFILE;
  if (!estimate) return base;
  const w = base.weight === 0 ? 1 : BLEND;
  return {
    logFactors: base.logFactors.map((x, i) => round(x + w * ((estimate.logFactors[i] ?? 0) - x), 4)),
    weight: base.weight + 1,
  };
}
