import { describe, expect, it } from "vitest";
import { profileOf, webUrl } from "./profile";

describe("links from TikTok", () => {
  it.each([
    ["https://www.tiktok.com/@a/video/1", "https://www.tiktok.com/@a/video/1"],
    ["http://127.0.0.1:8790/media/avatar/1.jpeg", "http://127.0.0.1:8790/media/avatar/1.jpeg"],
    ["javascript:alert(document.cookie)", null],
    ["JAVASCRIPT:alert(1)", null],
    ["data:text/html,<script>alert(1)</script>", null],
    ["https://a.example/x y", null],
    ["", null],
    [undefined, null],
  ])("keeps %j as %j", (input, expected) => {
    expect(webUrl(input)).toBe(expected);
  });

  it("keeps only web addresses in a profile", () => {
    expect(
      profileOf({ open_id: "o", avatar_url: "javascript:x", profile_deep_link: "https://vm.tiktok.com/x" }),
    ).toMatchObject({
      avatarUrl: null,
      profileDeepLink: "https://vm.tiktok.com/x",
    });
  });
});
