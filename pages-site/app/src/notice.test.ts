import { describe, expect, it } from "vitest";
import { clearNotice, countdown, currentNotice, dismissible, showNotice, waits } from "./notice";

describe("notices", () => {
  it("counts down in seconds, and says 'a moment' for the last one", () => {
    expect(countdown(31_000, 1_000)).toBe("30 s");
    expect(countdown(2_500, 1_000)).toBe("2 s");
    expect(countdown(1_900, 1_000)).toBe("a moment");
    expect(countdown(500, 1_000)).toBe("a moment");
    expect(countdown(undefined, 1_000)).toBe("a moment");
  });

  it("shows the newest reason; clearing it shows the one before", () => {
    showNotice("rate", "rate", "pacing {s}", 5_000);
    showNotice("network", "network", "offline {s}", 9_000);
    expect(currentNotice()).toEqual({ key: "network", notice: { kind: "network", text: "offline {s}", until: 9_000 } });
    clearNotice("network");
    expect(currentNotice()?.key).toBe("rate");
    clearNotice("rate");
    expect(currentNotice()).toBeNull();
  });

  it("spins while waiting; lets the reader dismiss news, never a wait", () => {
    expect((["rate", "network", "busy"] as const).map((k) => [waits(k), dismissible(k)])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect((["info", "success", "error"] as const).map((k) => [waits(k), dismissible(k)])).toEqual([
      [false, true],
      [false, true],
      [false, true],
    ]);
  });
});
