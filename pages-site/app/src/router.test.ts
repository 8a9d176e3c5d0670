import { describe, expect, it } from "vitest";
import { href, parseRoute, resolveRoute } from "./router";

describe("parseRoute", () => {
  it.each([
    ["", { name: "overview", account: null }],
    ["#", { name: "overview", account: null }],
    ["#/", { name: "overview", account: null }],
    ["#/login", { name: "login" }],
    ["#/signup", { name: "signup" }],
    ["#signup", { name: "signup" }],
    ["#login", { name: "login" }],
    ["#/settings", { name: "settings" }],
    ["#/notifications", { name: "notifications" }],
    ["#/account/42", { name: "overview", account: "42" }],
    ["#/video/7301", { name: "video", id: "7301" }],
    ["#/growth", { name: "growth", account: null }],
    ["#/growth/42", { name: "growth", account: "42" }],
  ])("reads %j", (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it("sends what is not an id, and unknown pages, to the first account's overview", () => {
    expect(parseRoute("#/account/abc")).toEqual({ name: "overview", account: null });
    expect(parseRoute("#/video/")).toEqual({ name: "overview", account: null });
    expect(parseRoute("#/growth/x1")).toEqual({ name: "growth", account: null });
    expect(parseRoute("#/nowhere")).toEqual({ name: "overview", account: null });
  });

  it("leaves hashes that are not routes (the skip link's #main) alone", () => {
    expect(parseRoute("#main")).toBeNull();
    expect(parseRoute("#settings")).toBeNull();
  });
});

describe("href", () => {
  it("writes the hashes parseRoute reads back", () => {
    expect(href.overview()).toBe("#/");
    expect(href.overview("42")).toBe("#/account/42");
    expect(href.video("7301")).toBe("#/video/7301");
    expect(href.growth()).toBe("#/growth");
    expect(href.growth("42")).toBe("#/growth/42");
    for (const hash of [href.login, href.signup, href.settings, href.notifications, href.video("9"), href.growth("3")])
      expect(parseRoute(hash)).not.toEqual({ name: "overview", account: null });
    expect(parseRoute(href.overview("42"))).toEqual({ name: "overview", account: "42" });
  });
});

describe("resolveRoute", () => {
  it("shows the log-in to a visitor for every route but sign-up", () => {
    expect(resolveRoute({ name: "video", id: "1" }, false)).toEqual({ name: "login" });
    expect(resolveRoute({ name: "settings" }, false)).toEqual({ name: "login" });
    expect(resolveRoute({ name: "signup" }, false)).toEqual({ name: "signup" });
  });

  it("sends a signed-in user from the forms to the overview, and elsewhere where asked", () => {
    expect(resolveRoute({ name: "login" }, true)).toEqual({ name: "overview", account: null });
    expect(resolveRoute({ name: "signup" }, true)).toEqual({ name: "overview", account: null });
    expect(resolveRoute({ name: "growth", account: "4" }, true)).toEqual({ name: "growth", account: "4" });
  });
});
