import { describe, expect, it } from "vitest";
import { DEFAULT_PREFERENCES, isTimeZone, localDayStart, localTime, quietUntil } from "./preferences";

const at = (iso: string) => Date.parse(iso);

describe("quiet hours, in the user's own time zone", () => {
  const nights = { ...DEFAULT_PREFERENCES, timeZone: "Europe/Berlin", quietStart: 22 * 60, quietEnd: 7 * 60 };

  it("hold an alert raised at 23:30 in Berlin until 07:00 there", () => {
    // 22:30 UTC in December = 23:30 in Berlin (UTC+1)
    expect(quietUntil(nights, at("2026-12-05T22:30:00Z"))).toBe(at("2026-12-06T06:00:00Z"));
  });

  it("hold one raised at 06:59 in Berlin for one minute", () => {
    expect(quietUntil(nights, at("2026-12-06T05:59:00Z"))).toBe(at("2026-12-06T06:00:00Z"));
  });

  it("let one raised at 07:00 or in the afternoon through at once", () => {
    expect(quietUntil(nights, at("2026-12-06T06:00:00Z"))).toBeNull();
    expect(quietUntil(nights, at("2026-12-06T14:00:00Z"))).toBeNull();
  });

  it("work within one day too (13:00–14:00 in New York)", () => {
    const lunch = { ...DEFAULT_PREFERENCES, timeZone: "America/New_York", quietStart: 13 * 60, quietEnd: 14 * 60 };
    expect(quietUntil(lunch, at("2026-12-06T18:20:00Z"))).toBe(at("2026-12-06T19:00:00Z"));
    expect(quietUntil(lunch, at("2026-12-06T19:00:00Z"))).toBeNull();
  });

  it("are off when unset or empty", () => {
    expect(quietUntil(DEFAULT_PREFERENCES, at("2026-12-06T03:00:00Z"))).toBeNull();
    expect(quietUntil({ ...nights, quietEnd: 22 * 60 }, at("2026-12-06T21:30:00Z"))).toBeNull();
  });
});

describe("the local day", () => {
  it("starts at local midnight (Tokyo is UTC+9)", () => {
    expect(localDayStart("Asia/Tokyo", at("2026-12-06T02:30:00Z"))).toBe(at("2026-12-05T15:00:00Z"));
    expect(localTime("Asia/Tokyo", at("2026-12-06T02:30:00Z"))).toEqual({ date: "2026-12-06", minutes: 690, hour: 11 });
  });

  it("knows a time zone from a made-up name", () => {
    expect(isTimeZone("Europe/Berlin")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});
