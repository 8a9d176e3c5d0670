/**
 * Summary statistics of world B (cohort-waves), to check it looks plausible:
 * `npx tsx tools/bench/worlds/cohort-waves-stats.ts [creators] [days] [seed] [followerTruthDays]`.
 */
import { generateCreator } from "./cohort-waves.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const n = Number(process.argv[2] ?? 200);
const days = Number(process.argv[3] ?? 28);
const seed = Number(process.argv[4] ?? 1);
const fromMs = Date.UTC(2025, 0, 1);
const window = { fromMs, toMs: fromMs + days * DAY, followerTruthDays: Number(process.argv[5] ?? 90) };

const t0 = performance.now();
const cpu0 = process.cpuUsage();
const creators = Array.from({ length: n }, (_, i) => generateCreator(seed, i, window));
const ms = performance.now() - t0;
const cpuMs = (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1000;

function q(xs: number[], ps = [0.05, 0.25, 0.5, 0.75, 0.95, 0.99]): string {
  const s = [...xs].sort((a, b) => a - b);
  return ps
    .map((p) => `p${p * 100}=${Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN)}`)
    .join(" ");
}

const v24: number[] = [];
const v7: number[] = [];
let videos = 0;
let inWindow = 0;
let snapshots = 0;
let unchanged = 0;
let pairsYoungBusy = 0;
let unchangedYoungBusy = 0;
let spikes = 0;
let resurf = 0;
let drops = 0;
let dips = 0;
const byBucket = [0, 0, 0, 0, 0, 0]; // [pairs, unchanged] for views < 1,000, < 100,000, ≥ 100,000
let gone = 0;
let nulls = 0;
let outageGaps = 0;
let missed = 0;
let jumps = 0;
const followers0: number[] = [];
const jumpSizes: number[] = [];
const firstDelay: number[] = [];
const eventsPerWeek: number[] = [];
for (const c of creators) {
  followers0.push(c.followers[0]?.count ?? 0);
  jumps += (c.followerJumps ?? []).length;
  for (const j of c.followerJumps ?? []) jumpSizes.push(j.followers ?? 0);
  const jobs = c.followers.filter((f) => f.t <= window.toMs);
  for (let i = 1; i < jobs.length; i++) {
    const gap = Math.round((jobs[i]!.t - jobs[i - 1]!.t) / (30 * 60_000));
    if (gap >= 4) outageGaps++;
    else if (gap === 2) missed++;
  }
  let ev = 0;
  for (const v of c.videos) {
    videos++;
    if (v.createdAt >= fromMs) {
      inWindow++;
      firstDelay.push((v.snapshots[0]!.t - v.createdAt) / 60_000);
    }
    if (v.truth.views24h === null) nulls++;
    else if (v.createdAt >= fromMs) v24.push(v.truth.views24h);
    if (v.truth.views7d !== null && v.createdAt >= fromMs) v7.push(v.truth.views7d);
    if (v.unavailableFrom !== undefined) gone++;
    for (const s of v.truth.spikes ?? []) {
      ev++;
      if (s.kind === "drop") drops++;
      else if (s.resurfacing) resurf++;
      else spikes++;
    }
    for (let i = 1; i < v.snapshots.length; i++) {
      const a = v.snapshots[i - 1]!;
      const b = v.snapshots[i]!;
      snapshots++;
      if (b.views === a.views) unchanged++;
      if (b.views < a.views) dips++;
      const bucket = a.views < 1000 ? 0 : a.views < 100_000 ? 2 : 4;
      byBucket[bucket]!++;
      if (b.views === a.views) byBucket[bucket + 1]!++;
      if (b.t - v.createdAt < 72 * HOUR && a.views > 1000) {
        pairsYoungBusy++;
        if (b.views === a.views) unchangedYoungBusy++;
      }
    }
  }
  eventsPerWeek.push((ev / days) * 7);
}
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
console.log(`${n} creators × ${days} days (seed ${seed}): ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU`);
console.log(`followers at connection: ${q(followers0)}`);
console.log(`videos ${videos} (${inWindow} posted in window), unavailable ${gone}, views24h null ${nulls}`);
console.log(`views at 24 h (posted in window): ${q(v24)}`);
console.log(`views at 7 d (posted in window): ${q(v7)}`);
console.log(`first snapshot delay (min): ${q(firstDelay, [0, 0.05, 0.5, 0.95, 1])}`);
console.log(
  `labelled: ${spikes} spikes, ${resurf} resurfacing, ${drops} drops; per creator-week ${(eventsPerWeek.reduce((s, x) => s + x, 0) / n).toFixed(2)}`,
);
console.log(`follower jumps: ${jumps}; sizes ${q(jumpSizes, [0.1, 0.5, 0.9])}`);
console.log(
  `unchanged consecutive snapshots: ${pct(unchanged, snapshots)} of ${snapshots}; on busy (>1000 views) videos under 72 h: ${pct(unchangedYoungBusy, pairsYoungBusy)}; view dips ${dips}`,
);
console.log(
  `unchanged by size: < 1,000 views ${pct(byBucket[1]!, byBucket[0]!)}, < 100,000 ${pct(byBucket[3]!, byBucket[2]!)}, ≥ 100,000 ${pct(byBucket[5]!, byBucket[4]!)}`,
);
console.log(
  `job gaps: outages (≥ 2 h) ${outageGaps} (${(outageGaps / n / (days / 30)).toFixed(2)} per creator-month), single missed ${missed}`,
);
