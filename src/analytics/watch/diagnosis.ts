/**
 * Why a video dropped or started slowly, as far as TikTok's watch data shows: distribution (For
 * You stopped serving it), the hook (viewers swiped away in the first seconds), or the audience
 * (it reached other people than usual). Each cause is named only with evidence that is unusual by
 * a stated rule; when TikTok has not reported what the rule needs, or nothing stands out, the
 * diagnosis says so instead of guessing.
 */
import { formatDate } from "../format";
import { clamp, round } from "../numbers";
import { HOUR_MS } from "../time";
import { percent } from "./spread";
import type {
  Diagnosis,
  DiagnosisCause,
  DiagnosisSubject,
  Evidence,
  Signal,
  SignalCopy,
  Spread,
  VideoSignals,
  WatchSummary,
} from "./types";

/** TikTok's data is at least this old when Adam fetches it… */
export const LAG_MIN_MS = 24 * HOUR_MS;
/** …and at most this old. */
export const LAG_MAX_MS = 48 * HOUR_MS;
/** New views between two copies below this make their mix too noisy to read. */
export const MIN_NEW_VIEWS = 30;
/** The creator's settled videos a comparison with "your videos" needs. */
export const MIN_BASELINE_VIDEOS = 5;

const CAUSE_OF: Record<Signal, DiagnosisCause> = {
  for_you: "distribution",
  search: "distribution",
  hook: "hook",
  average_watch: "hook",
  main_country: "audience",
  new_viewers: "audience",
  followers: "audience",
};

type ShareKey = "forYou" | "search" | "newViewers" | "followers" | "mainCountry";

/**
 * The share among the views that came between two copies (both lifetime figures): what the
 * video's traffic looked like since `before`, not diluted by everything before it.
 */
export function shareOfNewViews(before: SignalCopy, after: SignalCopy, key: ShareKey): number | null {
  const [a, b] = [before[key], after[key]];
  if (a === null || b === null || before.views === null || after.views === null) return null;
  const added = after.views - before.views;
  if (added < MIN_NEW_VIEWS) return null;
  return round(clamp((after.views * b - before.views * a) / added, 0, 1), 4);
}

function usable(s: Spread | null): Spread | null {
  return s && s.n >= MIN_BASELINE_VIDEOS ? s : null;
}

/** How far outside usual a value is, in units of the usual spread (for picking the strongest cause). */
function strength(e: Evidence): number {
  if (e.usual === null) return 0;
  const width = e.range ? Math.max(0.05, e.range[1] - e.range[0]) : Math.max(0.05, 0.25 * e.usual);
  return Math.abs(e.value - e.usual) / width;
}

const range = (s: Spread): [number, number] => [s.p25, s.p75];

function verdict(
  base: Omit<Diagnosis, "status" | "cause" | "headline" | "also">,
  subject: "drop" | "slow_start",
  checked: Evidence[],
  waitingReason?: string,
): Diagnosis {
  if (waitingReason)
    return { ...base, evidence: [], status: "waiting", cause: null, headline: waitingReason, also: [] };
  // For a slow start the hook comes first: For You tests a video on a few viewers and stops
  // pushing it when they swipe away, so a weak hook explains low For You, not the other way round.
  // A drop is a change: only what changed at it (distribution, audience) can be its cause; a weak
  // hook, the same before and after, is context.
  const first = (e: Evidence) =>
    subject === "slow_start" ? CAUSE_OF[e.signal] === "hook" : CAUSE_OF[e.signal] !== "hook";
  const unusual = checked
    .filter((e) => e.unusual)
    .toSorted((a, b) => Number(first(b)) - Number(first(a)) || strength(b) - strength(a));
  const top = unusual.find((e) => subject === "slow_start" || first(e));
  if (!top) {
    const comparable = checked.some(
      (e) => e.usual !== null && (subject === "slow_start" || CAUSE_OF[e.signal] !== "hook"),
    );
    return {
      ...base,
      evidence: checked,
      status: "no_cause",
      cause: null,
      headline: comparable
        ? `No cause stands out in TikTok's watch data: the hook, traffic sources and audience of this video look like ${subject === "drop" ? "they did before the drop" : "your usual videos"}.`
        : subject === "drop"
          ? "Not enough watch data to name a cause: too few views since the drop (or too little reported by TikTok) to read where they came from and who watched."
          : "Not enough watch data to name a cause: TikTok has not reported what a comparison needs (or there are too few of your videos to compare with).",
      also: unusual.map((e) => e.text),
    };
  }
  const cause = CAUSE_OF[top.signal];
  return {
    ...base,
    evidence: checked,
    status: "cause",
    cause,
    headline: top.text,
    also: unusual.filter((e) => e !== top).map((e) => e.text),
  };
}

/** Diagnoses a drop alert or a slow start from the account's watch summary (null: no watch-time insights). */
export function diagnose(subject: DiagnosisSubject, summary: WatchSummary | null): Diagnosis {
  const kind = subject.kind;
  const base = {
    version: 1 as const,
    subject: kind,
    videoId: subject.videoId,
    evidence: [],
    dataFetchedAtMs: null,
    about: subject,
  };
  if (!summary)
    return {
      ...base,
      status: "not_connected",
      cause: null,
      headline: "Add watch-time insights to see whether it was distribution, the hook or the audience.",
      also: [],
    };
  const signals = summary.recent[subject.videoId];
  if (!signals?.copies.length)
    return verdict(
      base,
      kind,
      [],
      "Waiting for TikTok: its watch data for this video arrives a day or two after the views.",
    );
  return kind === "drop" ? diagnoseDrop(subject, signals, summary, base) : diagnoseSlowStart(signals, summary, base);
}

function diagnoseDrop(
  subject: Extract<DiagnosisSubject, { kind: "drop" }>,
  signals: VideoSignals,
  summary: WatchSummary,
  base: Omit<Diagnosis, "status" | "cause" | "headline" | "also">,
): Diagnosis {
  const copies = signals.copies.toSorted((a, b) => a.fetchedAtMs - b.fetchedAtMs);
  // A copy surely after the drop (its data is at most two days old), and the last one from before its end.
  const after = copies.findLast((c) => c.fetchedAtMs >= subject.windowEndMs + LAG_MAX_MS);
  if (!after)
    return verdict(
      base,
      "drop",
      [],
      "Waiting for TikTok: its watch data covers the hours after the drop a day or two later.",
    );
  // The video's own figures from before the drop, when a copy is that old (its data is at least a day old).
  const before = copies.findLast((c) => c.fetchedAtMs <= subject.windowStartMs + LAG_MIN_MS && c !== after);
  // New views are read from the first copy surely after the drop began (then every one of them is
  // a view the drop left), else from the last one before it, else from the oldest.
  const from =
    copies.find((c) => c.fetchedAtMs >= subject.windowStartMs + LAG_MAX_MS && c.fetchedAtMs < after.fetchedAtMs) ??
    before ??
    copies.find((c) => c !== after && c.fetchedAtMs < after.fetchedAtMs);
  const withData = { ...base, dataFetchedAtMs: after.fetchedAtMs };
  const since = from ? formatDate(from.fetchedAtMs - LAG_MIN_MS) : null;
  const checked: Evidence[] = [];
  const b = summary.baseline;

  const change = (
    signal: Signal,
    key: ShareKey,
    spread: Spread | null,
    isUnusual: (value: number, usual: number) => boolean,
    words: (value: number, usual: string) => string,
  ) => {
    if (!from) return;
    const value = shareOfNewViews(from, after, key);
    const s = usable(spread);
    const own = before?.[key] ?? null;
    const usual = own ?? s?.p50 ?? null;
    if (value === null || usual === null) return;
    checked.push({
      signal,
      value,
      usual,
      range: own === null && s ? range(s) : null,
      unusual: isUnusual(value, usual),
      text: words(
        value,
        own !== null ? `${percent(own)} before` : `${percent(s!.p25)}–${percent(s!.p75)} for your videos`,
      ),
    });
  };
  change(
    "for_you",
    "forYou",
    b.forYou,
    (v, u) => v < 0.6 * u && u - v >= 0.15,
    (v, u) => `For You stopped pushing it: For You brought ${percent(v)} of its views since ${since}, against ${u}.`,
  );
  const country = b.mainCountry?.country ?? "your main country";
  change(
    "main_country",
    "mainCountry",
    b.mainCountry?.share ?? null,
    (v, u) => v < 0.6 * u && u - v >= 0.2,
    (v, u) =>
      `It reached a different audience: ${percent(v)} of its views since ${since} came from ${country}, against ${u}.`,
  );
  change(
    "followers",
    "followers",
    b.followers,
    (v, u) => v < 0.5 * u && u - v >= 0.1,
    (v, u) => `Fewer of your followers watched: ${percent(v)} of its viewers since ${since}, against ${u}.`,
  );
  change(
    "new_viewers",
    "newViewers",
    b.newViewers,
    (v, u) => v - u >= 0.2 && v >= 0.85,
    (v, u) => `It went to people who had never seen you: ${percent(v)} new viewers since ${since}, against ${u}.`,
  );
  hookEvidence(after, b, checked, "drop");
  return verdict(withData, "drop", checked);
}

function hookEvidence(copy: SignalCopy, b: WatchSummary["baseline"], checked: Evidence[], kind: "drop" | "slow_start") {
  const hook = usable(b.hook);
  if (copy.hook !== null) {
    checked.push({
      signal: "hook",
      value: copy.hook,
      usual: hook?.p50 ?? null,
      range: hook ? range(hook) : null,
      unusual: hook !== null && copy.hook < hook.p10 && copy.hook <= hook.p50 - 0.08,
      text: hook
        ? `Weak hook: ${percent(copy.hook)} were still watching at 3 seconds, against ${percent(hook.p25)}–${percent(hook.p75)} for your videos${kind === "drop" ? " (TikTok pushes a video less when viewers swipe away early)" : ""}.`
        : `${percent(copy.hook)} were still watching at 3 seconds.`,
    });
  }
  const avg = usable(b.averageShare);
  if (copy.averageShare !== null) {
    checked.push({
      signal: "average_watch",
      value: copy.averageShare,
      usual: avg?.p50 ?? null,
      range: avg ? range(avg) : null,
      unusual: avg !== null && copy.averageShare < avg.p10 && copy.averageShare < 0.75 * avg.p50,
      text: avg
        ? `Viewers left early: they watched ${percent(copy.averageShare)} of it on average, against ${percent(avg.p25)}–${percent(avg.p75)} for your videos.`
        : `Viewers watched ${percent(copy.averageShare)} of it on average.`,
    });
  }
}

function diagnoseSlowStart(
  signals: VideoSignals,
  summary: WatchSummary,
  base: Omit<Diagnosis, "status" | "cause" | "headline" | "also">,
): Diagnosis {
  const copy = signals.copies.at(-1) as SignalCopy;
  const withData = { ...base, dataFetchedAtMs: copy.fetchedAtMs };
  const b = summary.baseline;
  const checked: Evidence[] = [];
  hookEvidence(copy, b, checked, "slow_start");
  const against = (
    signal: Signal,
    value: number | null,
    spread: Spread | null,
    isUnusual: (value: number, s: Spread) => boolean,
    words: (value: number, s: Spread | null) => string,
  ) => {
    if (value === null) return;
    const s = usable(spread);
    checked.push({
      signal,
      value,
      usual: s?.p50 ?? null,
      range: s ? range(s) : null,
      unusual: s !== null && isUnusual(value, s),
      text: words(value, s),
    });
  };
  against(
    "for_you",
    copy.forYou,
    b.forYou,
    (v, s) => v < s.p10 && v <= s.p50 - 0.15,
    (v, s) =>
      s
        ? `For You held it back: it brought ${percent(v)} of its views, against ${percent(s.p25)}–${percent(s.p75)} for your videos.`
        : `For You brought ${percent(v)} of its views.`,
  );
  const country = b.mainCountry?.country ?? "your main country";
  against(
    "main_country",
    copy.mainCountry,
    b.mainCountry?.share ?? null,
    (v, s) => v < s.p10 && v <= s.p50 - 0.2,
    (v, s) =>
      s
        ? `It reached a different audience: ${percent(v)} of its viewers were in ${country}, against ${percent(s.p25)}–${percent(s.p75)} for your videos.`
        : `${percent(v)} of its viewers were in ${country}.`,
  );
  against(
    "followers",
    copy.followers,
    b.followers,
    (v, s) => v < s.p10 && v < 0.5 * s.p50,
    (v, s) =>
      s
        ? `Few of your followers saw it: ${percent(v)} of its viewers follow you, against ${percent(s.p25)}–${percent(s.p75)} for your videos.`
        : `${percent(v)} of its viewers follow you.`,
  );
  return verdict(withData, "slow_start", checked);
}
