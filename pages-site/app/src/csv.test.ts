import { describe, expect, it } from "vitest";
import { slug, toCsv } from "./csv";
import { accountHistoryTable, videoHistoryTable, videosTable, watchDaysTable } from "./csv-rows";
import type { AccountWatch } from "./api";
import { video } from "./test/fixtures";

describe("toCsv", () => {
  it("writes RFC 4180: CRLF lines, quotes only where needed, doubled quotes, empty cells for nothing", () => {
    expect(
      toCsv(
        ["a", "b"],
        [
          ["plain", 1.5],
          ['say "hi", then', null],
          ["two\nlines", undefined],
        ],
      ),
    ).toBe('a,b\r\nplain,1.5\r\n"say ""hi"", then",\r\n"two\nlines",\r\n');
  });

  it("neutralises text a spreadsheet would run as a formula, but not numbers", () => {
    expect(toCsv(["x"], [["=SUM(A1)"], ["+1"], ["@me"], ["-2"], [-2]])).toBe(
      "x\r\n'=SUM(A1)\r\n'+1\r\n'@me\r\n'-2\r\n-2\r\n",
    );
  });
});

describe("slug", () => {
  it("makes a file-name part: lower case, dashes, at most 40 characters", () => {
    expect(slug("Maya's Cooking!")).toBe("maya-s-cooking");
    expect(slug("a".repeat(50))).toBe("a".repeat(40));
    expect(slug("¿¡")).toBe("export");
  });
});

describe("export tables", () => {
  it("account history: one row per slot, ISO times", () => {
    const t = Date.UTC(2026, 11, 1);
    expect(
      accountHistoryTable({
        t: [t],
        followers: [10],
        following: [2],
        likes: [null],
        videos: [1],
        views: [300],
      }),
    ).toEqual({
      header: ["time", "followers", "following", "likes", "videos", "views"],
      rows: [["2026-12-01T00:00:00.000Z", 10, 2, null, 1, 300]],
    });
  });

  it("videos: in the order given, with empty text for a missing title or link", () => {
    const table = videosTable([video("2", { title: null, share_url: "https://t.tk/2" }), video("1")]);
    expect(table.header).toEqual([
      "video_id",
      "title",
      "posted_at",
      "status",
      "views",
      "likes",
      "comments",
      "shares",
      "engagement_rate",
      "url",
    ]);
    expect(table.rows).toEqual([
      ["2", "", "2026-12-01T00:00:00.000Z", "public", 100, 10, 1, 0, 0.11, "https://t.tk/2"],
      ["1", "Video 1", "2026-12-01T00:00:00.000Z", "public", 100, 10, 1, 0, 0.11, ""],
    ]);
  });

  it("a video's history: the age at each snapshot in hours, two decimals", () => {
    const created = Date.UTC(2026, 11, 1);
    const table = videoHistoryTable(new Date(created).toISOString(), {
      t: [created + 1_800_000],
      fetched: [created + 1_850_000],
      views: [40],
      likes: [4],
      comments: [0],
      shares: [1],
    });
    expect(table.rows).toEqual([["2026-12-01T00:30:50.000Z", "2026-12-01T00:30:00.000Z", 0.51, 40, 4, 0, 1]]);
  });

  it("TikTok's days: hours watched only on the days that have them", () => {
    const w = {
      watch_time: [{ day: "2026-12-02", hours_watched: 3.5, views: 10, span_days: 1 }],
      days: {
        date: ["2026-12-01", "2026-12-02"],
        views: [5, 10],
        profile_views: [1, null],
        followers_gained: [2, 3],
        followers_lost: [0, 1],
      },
    } as Pick<AccountWatch, "watch_time" | "days"> as AccountWatch;
    expect(watchDaysTable(w).rows).toEqual([
      ["2026-12-01", 5, 1, 2, 0, null],
      ["2026-12-02", 10, null, 3, 1, 3.5],
    ]);
  });
});
