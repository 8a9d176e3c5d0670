import type { AlertKind } from "./api";

/** How the dashboard names alert kinds, and says what each is about. */
export const ALERT_KINDS: { kind: AlertKind; label: string; hint: string }[] = [
  { kind: "spike", label: "Spikes", hint: "a video’s views take off well above its own trend" },
  { kind: "drop", label: "Drops", hint: "views or follower growth stall well below the usual pace" },
  { kind: "fast_start", label: "Fast starts", hint: "a new video beats your usual first hours" },
  {
    kind: "follower_jump",
    label: "Follower jumps",
    hint: "followers arrive much faster than usual, with the likely video",
  },
  { kind: "goal_reached", label: "Goals reached", hint: "a goal you set is reached (goals are coming soon)" },
];

export const KIND_LABEL: Record<AlertKind, string> = {
  spike: "Spike",
  drop: "Drop",
  fast_start: "Fast start",
  follower_jump: "Follower jump",
  goal_reached: "Goal reached",
};
