/**
 * The watch analytics (src/analytics/watch) on the simulator's creators, whose causes are planted
 * and known: weak hooks on unlucky videos, drops that lose For You, drops that lose the audience.
 * Daily copies are taken as the daily job takes them: each day at 06:00 UTC, the data as of
 * TikTok's 24–48 h lag.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildWatchSummary,
  diagnose,
  type Diagnosis,
  type DiagnosisSubject,
  type WatchCopy,
} from "../../src/analytics/watch/index.ts";
import type { VideoWatchAt } from "./model/watch.ts";
import type { Simulator } from "./server.ts";
import { START_MS, startTestSimulator } from "./testing.ts";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The simulated days of daily fetches before START_MS. */
const DAYS = 40;

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSimulator({ creators: 200 });
});
afterAll(() => sim.close());

function copyOf(w: VideoWatchAt, fetchedAtMs: number, sparse = false): WatchCopy {
  const shares = <T extends { percentage: number }>(list: T[], key: keyof T) =>
    Object.fromEntries(list.map((e) => [String(e[key]), e.percentage]));
  const types = shares(w.audienceTypes, "type");
  return {
    fetchedAtMs,
    views: w.videoViews,
    reach: sparse ? null : w.reach,
    averageSeconds: sparse ? null : w.averageTimeWatched,
    totalSeconds: sparse ? null : w.totalTimeWatched,
    completion: sparse ? null : w.fullVideoWatchedRate,
    durationSeconds: w.durationSec,
    retention: sparse ? null : w.retention.map((p): [number, number] => [Number(p.second), p.percentage]),
    sources: sparse ? null : shares(w.impressionSources, "impression_source"),
    audience: sparse
      ? null
      : {
          new_viewers: types.NEW_VIEWER ?? 0,
          returning_viewers: types.RETURN_VIEWER ?? 0,
          followers: types.FOLLOWER_PERCENT ?? 0,
          non_followers: types.NON_FOLLOWER_PERCENT ?? 0,
        },
    countries: sparse ? null : shares(w.audienceCountries, "country"),
  };
}

/** A creator's videos with their daily copies, up to `untilMs`. */
function history(creator: number, untilMs: number, sparse = false) {
  const videos = sim.world.publicVideos(creator, untilMs).filter((v) => v.createTimeSec * 1000 > untilMs - 90 * DAY_MS);
  return videos.map((v) => {
    const createdAtMs = v.createTimeSec * 1000;
    const copies: WatchCopy[] = [];
    for (let d = DAYS; d >= 0; d--) {
      const fetchedAtMs = Math.floor((untilMs - d * DAY_MS) / DAY_MS) * DAY_MS + 6 * HOUR_MS;
      const asOf = fetchedAtMs - sim.world.watchLagMs(creator, fetchedAtMs);
      if (asOf < createdAtMs || fetchedAtMs > untilMs) continue;
      const w = sim.world.videoWatch(creator, v.id, asOf);
      if (w) copies.push(copyOf(w, fetchedAtMs, sparse));
    }
    return { videoId: v.id, createdAtMs, copies };
  });
}

function summaryFor(creator: number, untilMs: number, subjects: DiagnosisSubject[], sparse = false) {
  return buildWatchSummary({
    nowMs: untilMs,
    videos: history(creator, untilMs, sparse),
    days: [],
    previous: null,
    watchDay: null,
    subjects,
  });
}

describe("diagnoses of the simulator's planted causes", { timeout: 120_000 }, () => {
  it("names a planted weak hook behind a slow start, and rarely blames the hook of an ordinary video", async () => {
    const named: Diagnosis[] = [];
    const ordinary: Diagnosis[] = [];
    for (let creator = 0; creator < 30; creator++) {
      const untilMs = START_MS;
      const young = sim.world
        .publicVideos(creator, untilMs)
        .filter((v) => untilMs - v.createTimeSec * 1000 < 10 * DAY_MS && untilMs - v.createTimeSec * 1000 > 3 * DAY_MS);
      if (!young.length) continue;
      const subjects = young.map((v): DiagnosisSubject => ({
        kind: "slow_start",
        videoId: v.id,
        ageHours: 6,
        ratioToTypical: 0.3,
      }));
      const summary = summaryFor(creator, untilMs, subjects);
      for (const d of summary.diagnoses) {
        if (sim.world.watchTruth(creator, d.videoId)!.weakHook) named.push(d);
        else ordinary.push(d);
      }
    }
    expect(named.length).toBeGreaterThan(3);
    const hooks = named.filter((d) => d.cause === "hook");
    expect(hooks.length / named.length).toBeGreaterThanOrEqual(0.8);
    expect(hooks[0]!.headline).toMatch(/^(Weak hook|Viewers left early)/);
    expect(hooks[0]!.evidence.some((e) => e.signal === "hook" && e.unusual && e.value < 0.5)).toBe(true);
    expect(ordinary.length).toBeGreaterThan(10);
    expect(ordinary.filter((d) => d.cause === "hook").length / ordinary.length).toBeLessThan(0.1);
  });

  it("names a planted For You drop as distribution, and an audience drop as the audience", async () => {
    const seen: { planted: string; named: string | null; status: string; readable: boolean }[] = [];
    for (let creator = 0; creator < 200; creator++) {
      const subjects: DiagnosisSubject[] = [];
      for (const video of sim.world.publicVideos(creator, START_MS)) {
        const truth = sim.world.watchTruth(creator, video.id)!;
        // drops are judged (and diagnosed) while their video is under two weeks old
        if (!truth.dropCause || truth.dropStartMs! > START_MS - 4 * DAY_MS) continue;
        if (video.createTimeSec * 1000 < START_MS - 13 * DAY_MS) continue;
        subjects.push({
          kind: "drop",
          videoId: video.id,
          windowStartMs: truth.dropStartMs!,
          windowEndMs: truth.dropStartMs! + 2 * HOUR_MS,
        });
      }
      if (!subjects.length) continue;
      for (const d of summaryFor(creator, START_MS, subjects).diagnoses) {
        const planted = sim.world.watchTruth(creator, d.videoId)!.dropCause!;
        const readable = d.evidence.some((e) => e.signal === "for_you");
        seen.push({ planted, named: d.cause, status: d.status, readable });
      }
    }
    // a drop too deep to leave views enough to read where they came from: no cause, said so
    for (const s of seen.filter((x) => !x.readable)) expect(s).toMatchObject({ named: null, status: "no_cause" });
    const distribution = seen.filter((s) => s.readable && s.planted === "distribution");
    const audience = seen.filter((s) => s.readable && s.planted === "audience");
    expect(distribution.length).toBeGreaterThan(3);
    expect(audience.length).toBeGreaterThan(1);
    const right = (list: typeof seen, cause: string) => list.filter((s) => s.named === cause).length / list.length;
    expect(right(distribution, "distribution")).toBeGreaterThanOrEqual(0.8);
    expect(right(audience, "audience")).toBeGreaterThanOrEqual(0.7);
    // never the other planted cause
    expect(distribution.filter((s) => s.named === "audience")).toEqual([]);
    expect(audience.filter((s) => s.named === "distribution")).toEqual([]);
  });

  it("claims no cause without evidence: sparse answers and a video TikTok has not reported yet", async () => {
    const creator = 3;
    const videos = sim.world.publicVideos(creator, START_MS);
    const subjects = videos
      .slice(0, 10)
      .map((v): DiagnosisSubject => ({ kind: "slow_start", videoId: v.id, ageHours: 6, ratioToTypical: 0.3 }));
    const sparse = summaryFor(creator, START_MS, subjects, true);
    expect(sparse.diagnoses.length).toBeGreaterThan(0);
    for (const d of sparse.diagnoses) {
      expect(d.cause).toBeNull();
      expect(["no_cause", "waiting"]).toContain(d.status);
    }
    // the newest video: posted after the last fetch's data
    const summary = summaryFor(creator, START_MS, []);
    const unreported = diagnose(
      { kind: "slow_start", videoId: "7999999999999999999", ageHours: 3, ratioToTypical: 0.2 },
      summary,
    );
    expect(unreported).toMatchObject({ status: "waiting", cause: null });
  });
});
