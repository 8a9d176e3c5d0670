import { describe, expect, it } from "vitest";
import { scope, type Component } from "./component";

const part = (log: string[], name: string): Component => ({
  el: {} as HTMLElement,
  destroy: () => log.push(name),
});

describe("scope", () => {
  it("destroys what it owns once, newest first, and then is no longer live", () => {
    const log: string[] = [];
    const s = scope();
    s.own(part(log, "chart"));
    s.own(() => log.push("timer"));
    expect(s.live).toBe(true);
    s.destroy();
    s.destroy();
    expect(log).toEqual(["timer", "chart"]);
    expect(s.live).toBe(false);
  });

  it("returns what it was given, to use in place", () => {
    const s = scope();
    const c = part([], "card");
    expect(s.own(c)).toBe(c);
  });

  it("stops at once what is owned after it ended (an answer that came late)", () => {
    const log: string[] = [];
    const s = scope();
    s.destroy();
    s.own(part(log, "late card"));
    expect(log).toEqual(["late card"]);
  });
});
