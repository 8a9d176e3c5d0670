import { describe, expect, it } from "vitest";
import { nextRefreshAt, paceOffsetSeconds, refreshIntervalMs, retryDelaySeconds } from "./cadence";
import { SLOT_MS } from "./messages";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SLOT = Date.UTC(2026, 10, 22, 10, 0);

describe("cadence", () => {
  it.each([
    [0, "public", SLOT_MS],
    [71 * HOUR, "public", SLOT_MS],
    [3 * DAY, "public", 2 * HOUR],
    [8 * DAY - 1, "public", 2 * HOUR],
    [8 * DAY, "public", 6 * HOUR],
    [89 * DAY, "public", 6 * HOUR],
    [90 * DAY, "public", DAY],
    [HOUR, "unavailable", DAY],
  ] as const)("a video %d ms old (%s) is refreshed every %d ms", (age, status, interval) => {
    expect(refreshIntervalMs(age, status)).toBe(interval);
  });

  it("refreshes young videos next slot, and spreads slower ones within their interval, on slot boundaries", () => {
    expect(nextRefreshAt("7300000000000000001", SLOT, SLOT - HOUR, "public")).toBe(SLOT + SLOT_MS);
    const spread = Array.from({ length: 200 }, (_, i) =>
      nextRefreshAt(`73000000000000${String(i).padStart(5, "0")}`, SLOT, SLOT - 20 * DAY, "public"),
    );
    for (const t of spread) {
      expect(t % SLOT_MS).toBe(0);
      expect(t).toBeGreaterThan(SLOT + 3 * HOUR - SLOT_MS);
      expect(t).toBeLessThanOrEqual(SLOT + 6 * HOUR);
    }
    expect(new Set(spread).size).toBeGreaterThan(3);
  });

  it("gives each account a stable offset inside the window", () => {
    expect(paceOffsetSeconds("42", 1500)).toBe(paceOffsetSeconds("42", 1500));
    const offsets = Array.from({ length: 1000 }, (_, i) => paceOffsetSeconds(String(i + 1), 1500));
    expect(Math.min(...offsets)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...offsets)).toBeLessThan(1500);
    // roughly even: every 5-minute part of the window gets a fair share
    const parts = [0, 1, 2, 3, 4].map((p) => offsets.filter((o) => Math.floor(o / 300) === p).length);
    expect(Math.min(...parts)).toBeGreaterThan(150);
    expect(paceOffsetSeconds("42", 0)).toBe(0);
  });

  it("backs off exponentially with jitter, capped at 15 minutes", () => {
    expect(retryDelaySeconds(1, 30, 0)).toBe(15);
    expect(retryDelaySeconds(1, 30, 1)).toBe(30);
    expect(retryDelaySeconds(3, 30, 1)).toBe(120);
    expect(retryDelaySeconds(20, 30, 1)).toBe(900);
    expect(retryDelaySeconds(5, 0, 1)).toBe(0);
  });
});
