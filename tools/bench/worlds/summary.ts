/**
 * Summary statistics of synthetic worlds, to eyeball them side by side:
 *   npx tsx tools/bench/worlds/summary.ts [creators=200] [days=28] [seed=1] [world module …]
 * A world module exports WORLD and generateCreator(seed, index, window) (see point-process.ts).
 */
import type { BacktestCreator } from "../../tiktok-sim/model/sample.ts";

const HOUR = 3_600_000;
const DAY = 86_400_000;

type GenerateCreator = (
  seed: number,
  index: number,
  window: { fromMs: number; toMs: number; followerTruthDays?: number },
) => BacktestCreator;

function quantiles(xs: number[], qs: number[]): string {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return "n/a";
  return qs
    .map((q) => {
      const v = s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
      return `p${Math.round(q * 100)}=${v >= 100 ? Math.round(v).toLocaleString("en") : v.toFixed(2)}`;
    })
    .join(" ");
}

async function main() {
  const [creatorsArg, daysArg, seedArg, ...modules] = process.argv.slice(2);
  const creators = Number(creatorsArg ?? 200);
  const days = Number(daysArg ?? 28);
  const seed = Number(seedArg ?? 1);
  const fromMs = Date.UTC(2025, 0, 1);
  const window = { fromMs, toMs: fromMs + days * DAY, followerTruthDays: 90 };
  for (const path of modules.length ? modules : ["./point-process.ts"]) {
    const mod = (await import(path)) as { WORLD: { name: string }; generateCreator: GenerateCreator };
    const started = performance.now();
    const data = Array.from({ length: creators }, (_, i) => mod.generateCreator(seed, i, window));
    const ms = performance.now() - started;
    const v24: number[] = [];
    const v7: number[] = [];
    let videos = 0;
    let snapshots = 0;
    let unchanged = 0;
    let busyPairs = 0;
    let busyUnchanged = 0;
    let dips = 0;
    let gone = 0;
    const firstDelay: number[] = [];
    let spikes = 0;
    let drops = 0;
    let resurfacing = 0;
    let jumps = 0;
    let outages = 0;
    let outageHours = 0;
    let missed = 0;
    const followers: number[] = [];
    const medianVideo: number[] = [];
    for (const c of data) {
      const jobs = c.followers.filter((f) => f.t <= window.toMs);
      for (let i = 1; i < jobs.length; i++) {
        const gap = (jobs[i] as { t: number }).t - (jobs[i - 1] as { t: number }).t;
        if (gap > 1.6 * HOUR) {
          outages++;
          outageHours += gap / HOUR;
        } else if (gap > 45 * 60_000) missed++;
      }
      followers.push(jobs[jobs.length - 1]?.count ?? 0);
      jumps += (c.followerJumps ?? []).length;
      const own7: number[] = [];
      for (const v of c.videos) {
        videos++;
        snapshots += v.snapshots.length;
        if (v.truth.views24h !== null && v.createdAt >= window.fromMs) v24.push(v.truth.views24h);
        if (v.truth.views7d !== null && v.createdAt >= window.fromMs) {
          v7.push(v.truth.views7d);
          own7.push(v.truth.views7d);
        }
        if (v.unavailableFrom !== undefined) gone++;
        if (v.createdAt >= window.fromMs && v.snapshots[0]) firstDelay.push((v.snapshots[0].t - v.createdAt) / 60_000);
        for (const s of v.truth.spikes ?? []) {
          if (s.kind === "drop") drops++;
          else if (s.resurfacing) resurfacing++;
          else spikes++;
        }
        for (let i = 1; i < v.snapshots.length; i++) {
          const a = v.snapshots[i - 1] as { views: number; t: number };
          const b = v.snapshots[i] as { views: number; t: number };
          if (b.views < a.views) dips++;
          if (b.views === a.views) unchanged++;
          if (b.t - a.t < 40 * 60_000 && b.t - v.createdAt < 72 * HOUR && v.snapshots.at(-1)!.views > 20_000) {
            busyPairs++;
            if (b.views === a.views) busyUnchanged++;
          }
        }
      }
      own7.sort((a, b) => a - b);
      if (own7.length) medianVideo.push(own7[own7.length >> 1] as number);
    }
    const weeks = (creators * days) / 7;
    const qs = [0.1, 0.25, 0.5, 0.75, 0.9, 0.99];
    console.log(`\n== ${mod.WORLD.name}: ${creators} creators × ${days} days, seed ${seed}: ${ms.toFixed(0)} ms`);
    console.log(
      `videos ${videos} (${(videos / creators).toFixed(1)}/creator), snapshots ${snapshots}, unavailable ${gone}`,
    );
    console.log(`views at 24 h (posted in window): ${quantiles(v24, qs)} max=${Math.max(...v24).toLocaleString("en")}`);
    console.log(`views at 7 d  (posted in window): ${quantiles(v7, qs)} max=${Math.max(...v7).toLocaleString("en")}`);
    console.log(`creators' median 7-day views: ${quantiles(medianVideo, qs)}`);
    console.log(`followers at the end: ${quantiles(followers, qs)}`);
    console.log(
      `per creator-week: spikes ${(spikes / weeks).toFixed(2)}, resurfacing ${(resurfacing / weeks).toFixed(2)}, drops ${(drops / weeks).toFixed(2)}, follower jumps ${(jumps / weeks).toFixed(2)}`,
    );
    console.log(
      `unchanged consecutive snapshots: ${((100 * unchanged) / snapshots).toFixed(1)}% of all; ${((100 * busyUnchanged) / busyPairs).toFixed(1)}% of 30-min pairs under 72 h on videos ending > 20k views; dips ${dips}`,
    );
    console.log(
      `outages (> 1.6 h): ${((outages / creators) * (30 / days)).toFixed(2)} per creator-month, mean ${(outageHours / outages).toFixed(1)} h; single missed jobs ${(missed / creators).toFixed(1)} per creator`,
    );
    console.log(`first snapshot after posting (min): ${quantiles(firstDelay, [0, 0.1, 0.5, 0.9, 0.99, 1])}`);
  }
}

await main();
