import { describe, expect, it } from "vitest";
import {
  formatAge,
  formatChange,
  formatCount,
  formatDate,
  formatNumber,
  formatPercent,
  formatPoints,
  formatRatio,
  paceAgainst,
  timeAgo,
} from "./format";

describe("numbers", () => {
  it("writes whole numbers with separators, and a dash for what is missing", () => {
    expect(formatNumber(1234567.4)).toBe("1,234,567");
    expect(formatNumber(null)).toBe("—");
    expect(formatNumber(undefined)).toBe("—");
  });

  it("shortens counts from 10,000 on", () => {
    expect(formatCount(9999)).toBe("9,999");
    expect(formatCount(12_345)).toBe("12.3K");
    expect(formatCount(1_250_000)).toBe("1.3M");
    expect(formatCount(null)).toBe("—");
  });

  it("writes rates as percentages with one decimal", () => {
    expect(formatPercent(0.0634)).toBe("6.3%");
    expect(formatPercent(null)).toBe("—");
  });

  it("signs changes with a real minus sign", () => {
    expect(formatChange(1234)).toBe("+1,234");
    expect(formatChange(-56)).toBe("−56");
    expect(formatChange(-25_000)).toBe("−25K");
    expect(formatChange(0)).toBe("±0");
    expect(formatChange(null)).toBe("—");
  });

  it("writes a change of a rate in percentage points", () => {
    expect(formatPoints(0.004)).toBe("+0.4 pt");
    expect(formatPoints(-0.0123)).toBe("−1.2 pt");
    expect(formatPoints(0.00004)).toBe("±0 pt");
  });

  it("writes ratios to one decimal below 10, whole above", () => {
    expect(formatRatio(3.14)).toBe("3.1×");
    expect(formatRatio(12.6)).toBe("13×");
  });
});

describe("times", () => {
  it("writes dates in English, day month year", () => {
    expect(formatDate("2026-12-01T12:00:00Z")).toBe("Dec 1, 2026");
    expect(formatDate(Date.UTC(2026, 0, 31, 12))).toBe("Jan 31, 2026");
  });

  it("says how long ago, rounded to what a reader needs", () => {
    const now = Date.UTC(2026, 11, 6, 12);
    expect(timeAgo(now - 59_000, now)).toBe("just now");
    expect(timeAgo(now - 60_000, now)).toBe("1 minute ago");
    expect(timeAgo(now - 4 * 60_000, now)).toBe("4 minutes ago");
    expect(timeAgo(now - 3 * 3_600_000, now)).toBe("3 hours ago");
    expect(timeAgo(now - 47 * 3_600_000, now)).toBe("47 hours ago");
    expect(timeAgo(now - 3 * 86_400_000, now)).toBe("3 days ago");
  });

  it("writes a video's age in minutes, hours or days", () => {
    expect(formatAge(0.75)).toBe("45 min");
    expect(formatAge(6.04)).toBe("6 h");
    expect(formatAge(47.5)).toBe("47.5 h");
    expect(formatAge(72)).toBe("3 d");
  });
});

describe("paceAgainst", () => {
  it("says how many earlier videos this one is faster than", () => {
    expect(paceAgainst(100, 6)).toBe("faster than all 6");
    expect(paceAgainst(0, 6)).toBe("slower than all 6");
    expect(paceAgainst(66.7, 6)).toBe("faster than 4 of 6");
  });
});
