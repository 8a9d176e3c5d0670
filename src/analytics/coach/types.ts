/**
 * Shapes of the growth coach: content labels, best time to post, goals, weekly missions and
 * experiments. Like the rest of src/analytics, everything returned is plain JSON (finite numbers,
 * no Dates) so the API serves it as is.
 *
 * Every comparison is made on one scale: a video's **residual**, ln((views + 1) / (trend + 1)) at
 * a fixed age (24 h or 7 d), where the trend is the median of the creator's neighbouring videos at
 * that age. A residual of +0.3 is "35% more views than this creator's videos around that time".
 */

/** What the coach needs about one video (ingestion has all of it: metadata and stored checkpoints). */
export interface CoachVideo {
  id: string;
  createdAtMs: number;
  title: string | null;
  description: string | null;
  durationSeconds: number | null;
  /** Views at exactly 24 h and 7 d of age (stored checkpoints); null until the video reaches the age. */
  views24h: number | null;
  views7d: number | null;
  /** Labels the creator added by hand (names, without the `manual:` prefix). */
  manualLabels?: readonly string[];
}

export type LabelKind = "hashtag" | "length" | "window" | "weekday" | "series" | "manual";

/** A label's key is `<kind>:<value>`, e.g. `hashtag:booktok`, `length:under-30`, `window:18-21`. */
export interface VideoLabels {
  videoId: string;
  labels: string[];
}

/** An effect estimate on the log scale, with its interval (90% unless said otherwise). */
export interface Effect {
  /** Views ratio against the comparison: exp of the log effect (1.35 = +35%). */
  ratio: number;
  low: number;
  high: number;
}

export interface LabelStat {
  key: string;
  kind: LabelKind;
  /** Human text: "#booktok", "under 30 s", "18–21 h", "Mondays", "“morning routine”". */
  name: string;
  /** Videos with this label (all of them, also those too young to compare). */
  videos: number;
  /** Per age: labelled videos' residuals against everyone else's; null below MIN_LABEL_VIDEOS. */
  h24: LabelEffect | null;
  d7: LabelEffect | null;
  /** Why a comparison is missing: "not enough videos yet" (with the numbers) or "on every video". */
  note: string | null;
}

export interface LabelEffect extends Effect {
  /** Videos with the label and a value at this age, and the others compared with. */
  n: number;
  others: number;
}

export interface BestTimeWindow extends Effect {
  key: string;
  name: string;
  n: number;
  /** The raw (unshrunk) estimate, for the record. */
  rawRatio: number;
  /** The interval excludes "no difference" after correcting for the number of windows tried. */
  reliable: boolean;
}

export interface BestTime {
  /** "Weekdays 18–21 h: +35% (+10% to +60%) over 14 videos", or a clear "no reliable difference yet". */
  answer: string;
  best: BestTimeWindow | null;
  windows: BestTimeWindow[];
  /** Videos with a 24 h value behind the comparison. */
  videos: number;
  /** When the audience watches: relative views per local hour 0–23 (1 = the day's average), learnt from the 30-minute history. */
  audienceByHour: number[] | null;
  timeZone: string;
}

export type GoalKind = "followers" | "views";

export interface GoalInput {
  id: string;
  kind: GoalKind;
  target: number;
  /** When the goal was set (views goals count views from here) and its date. */
  startMs: number;
  deadlineMs: number;
  /** Followers when the goal was set (followers goals measure progress from here). */
  baseline: number;
}

export interface GoalStatus {
  id: string;
  kind: GoalKind;
  target: number;
  deadlineMs: number;
  current: number;
  /** 0–1 of the way from the baseline to the target. */
  progress: number;
  achieved: boolean;
  /** Chance of reaching the target by the deadline; null when it cannot be judged (with `note`). */
  probability: number | null;
  /** When the median path reaches the target; null when not within the projection's horizon. */
  likelyDateMs: number | null;
  note: string | null;
}

export type MissionKind = "best-window" | "spread-times" | "follow-up" | "cadence" | "label";

export interface Mission {
  key: string;
  kind: MissionKind;
  title: string;
  /** Why Adam suggests it (the insight behind it). */
  reason: string;
  target: number;
  done: number;
  completed: boolean;
  /** Videos that count towards it. */
  videoIds: string[];
}

export interface MissionWeek {
  /** Local Monday 00:00 of the week, ms. */
  weekStartMs: number;
  missions: Mission[];
  completed: boolean;
}

export interface Missions {
  current: MissionWeek;
  /** Consecutive weeks, up to the last finished one (the current one too once it is done), with every mission completed. */
  streak: number;
  history: MissionWeek[];
}

/** One arm: videos carrying `label` (or, with `negate`, not carrying it). */
export interface ArmCondition {
  label: string;
  negate?: boolean;
}

export interface ExperimentInput {
  id: string;
  name: string;
  armA: ArmCondition;
  armB: ArmCondition;
  startMs: number;
  /** Stopped experiments keep their videos up to this time. */
  endMs?: number | null;
}

export interface ExperimentResult {
  id: string;
  name: string;
  /** Videos per arm (assigned), and how many of them have a 24 h value yet. */
  arms: { a: ArmSummary; b: ArmSummary };
  /** A versus B at 24 h, always-valid 90% interval (confidence sequence): safe to look at after every video. */
  effect: Effect | null;
  verdict: "a-better" | "b-better" | "no-difference-yet" | "collecting";
  summary: string;
}

export interface ArmSummary {
  videos: { id: string; createdAtMs: number; residual: number | null }[];
  measured: number;
}
