import { describe, expect, it } from "vitest";
import type { GrowthPlanResponse } from "./api";
import { withoutExperiment, withoutGoal } from "./growth-state";

/** A plan with two goals and two experiments; the rest of it is only carried along. */
const plan = {
  account_id: "7",
  time_zone: "UTC",
  time_zone_source: "saved",
  goals: [{ id: "g1" }, { id: "g2" }],
  experiments: [{ id: "e1" }, { id: "e2" }],
  videos: [],
  plan: { goals: [{ id: "g1" }, { id: "g2" }], experiments: [{ id: "e1" }, { id: "e2" }], missions: "kept" },
} as unknown as GrowthPlanResponse;
const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe("a removal applied to the plan on screen", () => {
  it("drops the goal from the saved goals and from the plan's statuses, and leaves the rest", () => {
    const next = withoutGoal(plan, "g1");
    expect(ids(next.goals)).toEqual(["g2"]);
    expect(ids(next.plan.goals)).toEqual(["g2"]);
    expect(next.experiments).toBe(plan.experiments);
    expect(next.plan.missions).toBe("kept");
    expect(ids(plan.goals)).toEqual(["g1", "g2"]);
  });

  it("drops the experiment from the list and from the plan's results", () => {
    const next = withoutExperiment(plan, "e2");
    expect(ids(next.experiments)).toEqual(["e1"]);
    expect(ids(next.plan.experiments)).toEqual(["e1"]);
    expect(next.goals).toBe(plan.goals);
  });
});
