import { describe, expect, it } from "vitest";
import type { BacktestCreator, BacktestVideo } from "../../tiktok-sim/model/sample.ts";
import { generateCreator, WORLD } from "./point-process.ts";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const SLOT = 30 * MINUTE;
const fromMs = Date.UTC(2025, 2, 1);
const toMs = fromMs + 28 * DAY;
const window = { fromMs, toMs, followerTruthDays: 30 };
const SEED = 7;
const creators: BacktestCreator[] = Array.from({ length: 40 }, (_, i) => generateCreator(SEED, i, window));
const allVideos = creators.flatMap((c) => c.videos);

/** The account's job times (the follower counts inside the window). */
function jobsOf(c: BacktestCreator): number[] {
  return c.followers.filter((f) => f.t <= toMs).map((f) => f.t);
}

/** Polls every slot under 72 h, every 4th under 168 h, every 12th after (counted from the last poll). */
function every(ageMs: number): number {
  return ageMs < 72 * HOUR ? 1 : ageMs < 168 * HOUR ? 4 : 12;
}

const slot = (t: number) => Math.floor(t / SLOT);

describe("point-process world", () => {
  it("names itself", () => {
    expect(WORLD.name).toBe("point-process");
    expect(WORLD.description.length).toBeGreaterThan(10);
  });

  it("is deterministic, depends on the seed, and a longer follower truth only appends", () => {
    const again = generateCreator(SEED, 3, window);
    expect(again).toEqual(creators[3]);
    const other = generateCreator(SEED + 1, 3, window);
    expect(other.videos.map((v) => v.id)).not.toEqual(again.videos.map((v) => v.id));
    const longer = generateCreator(SEED, 3, { ...window, followerTruthDays: 90 });
    expect(longer.videos).toEqual(again.videos);
    expect(longer.followerJumps).toEqual(again.followerJumps);
    expect(longer.followers.slice(0, again.followers.length)).toEqual(again.followers);
    expect(longer.followers.length).toBe(again.followers.length + 60);
  });

  it("emits the backtest format: sorted snapshots, non-negative integer counters, nothing before posting", () => {
    const bad: string[] = [];
    const check = (ok: boolean, what: string) => {
      if (!ok && bad.length < 10) bad.push(what);
    };
    for (const c of creators) {
      const ids = new Set<string>();
      for (const v of c.videos) {
        check(!ids.has(v.id), `duplicate id ${v.id}`);
        ids.add(v.id);
        // TikTok-like id: create_time in the high 32 bits.
        check(Number(BigInt(v.id) >> 32n) * 1000 === v.createdAt, `id ${v.id} vs createdAt`);
        check(v.createdAt <= toMs && v.snapshots.length > 0, `video ${v.id} out of range or without snapshots`);
        let last = -Infinity;
        for (const s of v.snapshots) {
          check(s.t > last && s.t > v.createdAt && s.t >= fromMs && s.t <= toMs, `${v.id} snapshot time ${s.t}`);
          check(v.unavailableFrom === undefined || s.t < v.unavailableFrom, `${v.id} polled while unavailable`);
          last = s.t;
          for (const k of [s.views, s.likes, s.comments, s.shares])
            check(Number.isInteger(k) && k >= 0, `${v.id} counter ${k}`);
        }
      }
      // Followers: one per job, then one per day of projection truth.
      const jobs = jobsOf(c);
      check(c.followers.length === jobs.length + 30, `${c.creator} follower count length`);
      for (let i = 1; i < c.followers.length; i++)
        check(c.followers[i]!.t > c.followers[i - 1]!.t, `${c.creator} followers unsorted`);
      for (const f of c.followers)
        check(Number.isInteger(f.count) && f.count >= 0, `${c.creator} followers ${f.count}`);
      const lastJob = jobs[jobs.length - 1]!;
      c.followers
        .slice(jobs.length)
        .forEach((f, d) => check(f.t === lastJob + (d + 1) * DAY, `${c.creator} daily truth`));
    }
    expect(bad).toEqual([]);
  });

  it("samples like Adam: jobs every 30 minutes at a fixed point of the slot, with outages and missed cycles", () => {
    let outages = 0;
    let missed = 0;
    let longest = 0;
    for (const c of creators) {
      const jobs = jobsOf(c);
      expect(jobs[0]!).toBeGreaterThanOrEqual(fromMs);
      const offsets = jobs.map((t) => t - slot(t) * SLOT);
      // A fixed point within the slot, ±2 minutes.
      expect(Math.max(...offsets) - Math.min(...offsets)).toBeLessThanOrEqual(4 * MINUTE);
      for (let i = 1; i < jobs.length; i++) {
        const gap = slot(jobs[i]!) - slot(jobs[i - 1]!);
        if (gap === 2) missed++;
        if (gap >= 4) outages++;
        longest = Math.max(longest, gap);
      }
    }
    // An outage lasts at most 10 h (two may overlap).
    expect(longest).toBeGreaterThan(4);
    expect(longest).toBeLessThanOrEqual(42);
    expect(outages).toBeGreaterThan(creators.length);
    expect(missed).toBeGreaterThan(creators.length);
  });

  it("polls each video at its age's cadence: every job under 72 h, every 4th slot under 168 h, every 12th after", () => {
    const bad: string[] = [];
    let oldPairs = 0;
    let sixHourPairs = 0;
    for (const c of creators) {
      const jobs = jobsOf(c);
      const jobSet = new Set(jobs);
      for (const v of c.videos) {
        if (!v.snapshots.every((s) => jobSet.has(s.t))) bad.push(`${v.id}: a poll outside the jobs`);
        const polled = new Set(v.snapshots.map((s) => s.t));
        let lastSlot = -Infinity;
        let lastPoll = -Infinity;
        for (const t of jobs) {
          if (t < v.snapshots[0]!.t) continue;
          if (v.unavailableFrom !== undefined && t >= v.unavailableFrom) break;
          const due = slot(t) - lastSlot >= every(t - v.createdAt);
          if (polled.has(t) !== due && bad.length < 10) bad.push(`${v.id} at ${t}: polled ${!due}`);
          if (!due) continue;
          if (t - v.createdAt >= 168 * HOUR && lastPoll - v.createdAt >= 168 * HOUR) {
            oldPairs++;
            if (slot(t) - lastSlot === 12) sixHourPairs++;
          }
          lastSlot = slot(t);
          lastPoll = t;
        }
      }
    }
    expect(bad).toEqual([]);
    expect(oldPairs).toBeGreaterThan(1000);
    expect(sixHourPairs / oldPairs).toBeGreaterThan(0.9);
  });

  it("sees a new video 10–55 minutes after posting, at the first job then", () => {
    const bad: string[] = [];
    let fresh = 0;
    let within90 = 0;
    for (const c of creators) {
      const jobs = jobsOf(c);
      for (const v of c.videos.filter((x) => x.createdAt >= fromMs)) {
        fresh++;
        const first = v.snapshots[0]!.t;
        const i = jobs.indexOf(first);
        const previous = jobs[i - 1] ?? -Infinity;
        // Listed 10–55 minutes after posting, polled at the first job from then on.
        if (first - v.createdAt < 10 * MINUTE) bad.push(`${v.id}: first poll after ${first - v.createdAt} ms`);
        if (previous > v.createdAt + 55 * MINUTE) bad.push(`${v.id}: a job at ${previous} missed it`);
        // Without an outage or missed job just before, that is within 90 minutes.
        if (slot(first) - slot(previous) === 1) {
          if (first - v.createdAt > 90 * MINUTE) bad.push(`${v.id}: first poll after ${first - v.createdAt} ms`);
          within90++;
        }
      }
    }
    expect(bad).toEqual([]);
    expect(fresh).toBeGreaterThan(500);
    expect(within90 / fresh).toBeGreaterThan(0.9);
  });

  it("updates counters in batches: runs of 1–3 unchanged polls on busy videos, then a catch-up", () => {
    let pairs = 0;
    let unchanged = 0;
    const runs = [0, 0, 0, 0, 0];
    const catchUps: number[] = [];
    for (const v of allVideos) {
      const young = v.snapshots.filter((s) => s.t - v.createdAt < 72 * HOUR);
      if (young.length < 20 || young[young.length - 1]!.views - young[0]!.views < 50_000) continue;
      const steps = young.slice(1).map((s, i) => ({ gap: s.t - young[i]!.t, dv: s.views - young[i]!.views }));
      const typical = steps.filter((s) => s.gap < 35 * MINUTE && s.dv > 0).map((s) => s.dv / s.gap);
      typical.sort((a, b) => a - b);
      const median = typical[typical.length >> 1]!;
      let run = 0;
      for (const s of steps) {
        if (s.gap > 35 * MINUTE) {
          run = 0;
          continue;
        }
        pairs++;
        if (s.dv === 0) {
          unchanged++;
          run++;
          continue;
        }
        if (run > 0) {
          runs[Math.min(4, run)]!++;
          catchUps.push(s.dv / (median * s.gap));
        }
        run = 0;
      }
    }
    expect(pairs).toBeGreaterThan(2000);
    expect(unchanged / pairs).toBeGreaterThan(0.01);
    expect(unchanged / pairs).toBeLessThan(0.2);
    // Stalls freeze 1–3 polls; longer runs are quiet nights, rare on busy videos.
    expect(runs[1]! > 0 && runs[2]! > 0 && runs[3]! > 0).toBe(true);
    expect(runs[4]! / catchUps.length).toBeLessThan(0.02);
    // A catch-up brings the frozen polls' views along: well above one poll's worth on average.
    const mean = catchUps.reduce((a, b) => a + b, 0) / catchUps.length;
    expect(mean).toBeGreaterThan(1.5);
  });

  it("labels spikes, resurfacing and drops that overlap the window, with sane bounds", () => {
    const kinds = { spike: 0, resurfacing: 0, drop: 0 };
    const bad: string[] = [];
    for (const v of allVideos) {
      for (const e of v.truth.spikes ?? []) {
        const where = `${v.id} ${e.kind} at ${e.start}`;
        if (e.start > toMs || e.end < fromMs) bad.push(`${where}: outside the window`);
        if (e.start <= v.createdAt) bad.push(`${where}: before posting`);
        if (v.unavailableFrom !== undefined && e.start >= v.unavailableFrom) bad.push(`${where}: after deletion`);
        const length = e.end - e.start;
        const [shortest, longest] = e.kind === "drop" ? [6 * HOUR, 24 * HOUR] : [2 * HOUR, 7 * DAY];
        if (length < shortest || length > longest) bad.push(`${where}: lasts ${length} ms`);
        const resurfacing = e.kind === "spike" && e.start - v.createdAt > 7 * DAY;
        if ((e.resurfacing === true) !== resurfacing) bad.push(`${where}: resurfacing ${e.resurfacing}`);
        kinds[e.kind === "drop" ? "drop" : e.resurfacing ? "resurfacing" : "spike"]++;
      }
      const starts = (v.truth.spikes ?? []).map((e) => e.start);
      if (starts.some((t, i) => i > 0 && t < starts[i - 1]!)) bad.push(`${v.id}: events unsorted`);
    }
    expect(bad).toEqual([]);
    expect(kinds.spike).toBeGreaterThan(10);
    expect(kinds.resurfacing).toBeGreaterThan(10);
    expect(kinds.drop).toBeGreaterThan(10);
  });

  it("labels spikes that show in the data: the pace rises several-fold on the polls", () => {
    // Views per hour over the best 4 h inside the event versus the 4 h before it, on the polls.
    const viewsAt = (v: BacktestVideo, t: number) => {
      const s = v.snapshots;
      for (let i = 1; i < s.length; i++)
        if (s[i]!.t >= t && s[i - 1]!.t <= t)
          return s[i - 1]!.views + ((t - s[i - 1]!.t) / (s[i]!.t - s[i - 1]!.t)) * (s[i]!.views - s[i - 1]!.views);
      return undefined;
    };
    const ratios: number[] = [];
    for (const v of allVideos)
      for (const e of v.truth.spikes ?? []) {
        if (e.kind !== "spike" || e.resurfacing) continue;
        const a = viewsAt(v, e.start - 4 * HOUR);
        const b = viewsAt(v, e.start);
        if (a === undefined || b === undefined) continue;
        let best = 0;
        for (let s = e.start; s + 4 * HOUR <= e.end; s += HOUR) {
          const x = viewsAt(v, s);
          const y = viewsAt(v, s + 4 * HOUR);
          if (x !== undefined && y !== undefined) best = Math.max(best, y - x);
        }
        ratios.push((best + 1) / (b - a + 1));
      }
    ratios.sort((a, b) => a - b);
    expect(ratios.length).toBeGreaterThan(10);
    expect(ratios[ratios.length >> 1]).toBeGreaterThan(3);
    expect(ratios[Math.floor(ratios.length * 0.1)]).toBeGreaterThan(1.2);
  });

  it("gives the 24 h and 7-day truth as a poll then would have read it, null once deleted", () => {
    let checked = 0;
    const bad: string[] = [];
    for (const v of allVideos) {
      const { views24h, views7d } = v.truth as { views24h: number | null; views7d: number | null };
      const gone = v.unavailableFrom;
      if ((views24h === null) !== (gone !== undefined && gone <= v.createdAt + DAY)) bad.push(`${v.id}: 24 h`);
      if ((views7d === null) !== (gone !== undefined && gone <= v.createdAt + 7 * DAY)) bad.push(`${v.id}: 7 d`);
      if (views24h === null || views7d === null) continue;
      // Dips remove at most 3% of the views.
      if (views7d < Math.floor(views24h * 0.97)) bad.push(`${v.id}: 7 d ${views7d} < 24 h ${views24h}`);
      // Between the polls around 24 h (when they are 30 minutes apart).
      const t = v.createdAt + DAY;
      const before = v.snapshots.filter((s) => s.t <= t).at(-1);
      const after = v.snapshots.find((s) => s.t > t);
      if (!before || !after || after.t - before.t > 35 * MINUTE) continue;
      checked++;
      if (views24h < Math.floor(before.views * 0.97) || views24h > after.views / 0.97)
        bad.push(`${v.id}: 24 h ${views24h} outside ${before.views}–${after.views}`);
    }
    expect(bad).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  });

  it("records follower jumps caused by videos' bursts", () => {
    let jumps = 0;
    const bad: string[] = [];
    for (const c of creators) {
      for (const j of c.followerJumps ?? []) {
        jumps++;
        const followers = j.followers ?? 0;
        if (j.t < fromMs - DAY || j.t > toMs) bad.push(`${c.creator} jump at ${j.t}`);
        if (!/^[0-9]{19}$/.test(j.videoId)) bad.push(`${c.creator} jump by ${j.videoId}`);
        // At least max(30, 1% of the followers then: the last count read before it, ±10%).
        const then = c.followers.filter((f) => f.t <= j.t && j.t - f.t < HOUR).at(-1)?.count ?? 0;
        if (followers < Math.max(30, 0.009 * then)) bad.push(`${c.creator} jump of ${followers} at ${then}`);
      }
      const ts = (c.followerJumps ?? []).map((j) => j.t);
      if (ts.some((t, i) => i > 0 && t < ts[i - 1]!)) bad.push(`${c.creator}: jumps unsorted`);
    }
    expect(bad).toEqual([]);
    expect(jumps).toBeGreaterThan(5);
  });

  it("spans tiny and huge creators, and lets counters dip slightly", () => {
    const sevenDay = (c: BacktestCreator) =>
      c.videos.map((v) => v.truth.views7d as number | null).filter((x): x is number => x !== null);
    const tiny = creators.filter((c) => {
      const xs = sevenDay(c).sort((a, b) => a - b);
      return xs.length > 0 && xs[xs.length >> 1]! < 100;
    });
    expect(tiny.length).toBeGreaterThan(0);
    expect(allVideos.some((v) => (v.truth.views7d ?? 0) > 1_000_000)).toBe(true);
    /** How far each dip goes beyond what spam removal may take. */
    const dips: number[] = [];
    for (const v of allVideos)
      for (let i = 1; i < v.snapshots.length; i++) {
        const a = v.snapshots[i - 1]!.views;
        const b = v.snapshots[i]!.views;
        if (b < a) dips.push(a - b - Math.max(1, Math.round(0.03 * a)));
      }
    expect(dips.length).toBeGreaterThan(0);
    // Spam removal takes at most 3% (rounded; one view at least).
    expect(Math.max(...dips)).toBeLessThanOrEqual(0);
    expect(allVideos.some((v) => v.unavailableFrom !== undefined)).toBe(true);
  });
});
