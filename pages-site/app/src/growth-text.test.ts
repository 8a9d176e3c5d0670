import { describe, expect, it } from "vitest";
import type { GoalStatus, LabelStat } from "./api";
import { armName, goalLine, messageOf, percent, range } from "./growth-text";
import { ApiError } from "./http";

describe("effects", () => {
  it("writes a ratio to the creator's trend as a signed percentage, with its interval", () => {
    expect(percent(1.124)).toBe("+12%");
    expect(percent(0.8)).toBe("−20%");
    expect(percent(1)).toBe("+0%");
    expect(range({ ratio: 1.3, low: 0.95, high: 1.7 })).toBe("+30% (−5% to +70%)");
  });
});

describe("goalLine", () => {
  const goal = (over: Partial<GoalStatus>): GoalStatus => ({
    id: "1",
    kind: "followers",
    target: 2000,
    deadlineMs: Date.UTC(2027, 1, 1, 12),
    current: 1500,
    progress: 0.5,
    achieved: false,
    probability: 0.62,
    likelyDateMs: Date.UTC(2027, 0, 20, 12),
    note: null,
    ...over,
  });

  it("gives the chance by the deadline and the likely date", () => {
    expect(goalLine(goal({}))).toBe("62% chance by Feb 1, 2027 · likely Jan 20, 2027");
    expect(goalLine(goal({ likelyDateMs: null }))).toBe("62% chance by Feb 1, 2027");
  });

  it("says why there is no chance yet, and cheers a reached goal", () => {
    expect(goalLine(goal({ probability: null, likelyDateMs: null, note: "Needs a week of history" }))).toBe(
      "Needs a week of history",
    );
    expect(goalLine(goal({ achieved: true }))).toBe("Reached. Well done.");
  });
});

describe("armName", () => {
  const labels = [{ key: "tag:booktok", name: "#booktok" }] as LabelStat[];
  it("names an arm by its label, negated with 'not', and by its key when the label is gone", () => {
    expect(armName({ label: "tag:booktok", negate: false }, labels)).toBe("#booktok");
    expect(armName({ label: "tag:booktok", negate: true }, labels)).toBe("not #booktok");
    expect(armName({ label: "tag:gone", negate: false }, labels)).toBe("tag:gone");
  });
});

describe("messageOf", () => {
  it("uses the API's words for a refused value, and the fallback for failures that are not the creator's", () => {
    const details = [{ path: "target", message: "Must be above the current value" }, { message: "Pick a date" }];
    expect(messageOf(new ApiError(400, "invalid_request", "Bad", details), "fallback")).toBe(
      "Must be above the current value; Pick a date",
    );
    expect(messageOf(new ApiError(409, "conflict", "That experiment already ended."), "fallback")).toBe(
      "That experiment already ended.",
    );
    expect(messageOf(new ApiError(500, "internal", "Boom"), "fallback")).toBe("fallback");
    expect(messageOf(new ApiError(0, "network", "Adam could not be reached."), "fallback")).toBe("fallback");
    expect(messageOf(new Error("x"), "fallback")).toBe("fallback");
  });
});
