import { describe, expect, it } from "vitest";
import { sortVideos } from "./video-sort";
import { video } from "./test/fixtures";

const list = [
  video("1", {
    views: 50,
    likes: 9,
    comments: 0,
    shares: 3,
    engagement_rate: null,
    create_time: "2026-11-01T00:00:00Z",
  }),
  video("2", {
    views: 900,
    likes: 1,
    comments: 4,
    shares: 3,
    engagement_rate: 0.2,
    create_time: "2026-12-01T00:00:00Z",
  }),
  video("3", {
    views: 50,
    likes: 5,
    comments: 2,
    shares: 1,
    engagement_rate: 0.05,
    create_time: "2026-11-15T00:00:00Z",
  }),
];
const ids = (videos: { id: string }[]) => videos.map((v) => v.id);

describe("sortVideos", () => {
  it("puts the highest first for each column, ties by the larger id", () => {
    expect(ids(sortVideos(list, "views"))).toEqual(["2", "3", "1"]);
    expect(ids(sortVideos(list, "likes"))).toEqual(["1", "3", "2"]);
    expect(ids(sortVideos(list, "comments"))).toEqual(["2", "3", "1"]);
    expect(ids(sortVideos(list, "shares"))).toEqual(["2", "1", "3"]);
    expect(ids(sortVideos(list, "newest"))).toEqual(["2", "3", "1"]);
  });

  it("puts a video without an engagement rate last", () => {
    expect(ids(sortVideos(list, "engagement"))).toEqual(["2", "3", "1"]);
  });

  it("leaves the list it was given as it was", () => {
    sortVideos(list, "likes");
    expect(ids(list)).toEqual(["1", "2", "3"]);
  });
});
