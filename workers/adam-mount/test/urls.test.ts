import { describe, expect, it } from "vitest";
import { createMount } from "../src/mount";
import { mountCss, mountRefresh, mountSrcset, mountUrl } from "../src/urls";

const mount = createMount("https://adam-site.pages.dev", "https://lenkostudio.com");

describe("mountUrl", () => {
  it.each([
    ["/", "/adam/"],
    ["/css/adam-styles.css", "/adam/css/adam-styles.css"],
    ["/adam-features?x=1#top", "/adam/adam-features?x=1#top"],
    ["/adamant", "/adam/adamant"],
    ["/adam.txt", "/adam/adam.txt"],
    ["https://adam-site.pages.dev/pricing?a=1", "https://lenkostudio.com/adam/pricing?a=1"],
    ["HTTP://ADAM-SITE.PAGES.DEV", "https://lenkostudio.com/adam/"],
    ["https://adam-site.pages.dev?q", "https://lenkostudio.com/adam/?q"],
    ["https://adam-site.pages.dev#f", "https://lenkostudio.com/adam/#f"],
    ["//adam-site.pages.dev/img/a.png", "https://lenkostudio.com/adam/img/a.png"],
  ])("rewrites %s to %s", (input, expected) => {
    expect(mountUrl(input, mount)).toBe(expected);
  });

  it.each([
    "adam-features.html",
    "./css/x.css",
    "../x",
    "",
    "#pricing",
    "?tab=2",
    "mailto:hello@lenkostudio.com",
    "tel:+4400000000",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:void(0)",
    "https://example.com/x",
    "https://adam-site.pages.dev.evil.example/x",
    "https://adam-site.pages.devx/x",
    "//cdn.example.com/x.js",
    "/adam",
    "/adam/",
    "/adam/css/x.css",
    "/adam?x",
    "/adam#x",
  ])("leaves %s alone", (input) => {
    expect(mountUrl(input, mount)).toBe(input);
  });

  it.each([
    [" /about", " /adam/about"],
    ["\t\n/about\r\n ", "\t\n/adam/about\r\n "],
    ["\u0001/about", "\u0001/adam/about"],
    ["  https://adam-site.pages.dev/x", "  https://lenkostudio.com/adam/x"],
    [" //adam-site.pages.dev/x ", " https://lenkostudio.com/adam/x "],
  ])("strips C0 controls and spaces around %j before classifying, as browsers do", (input, expected) => {
    expect(mountUrl(input, mount)).toBe(expected);
  });

  it.each([" about", "  #top", " /adam/x", " https://example.com/", "   ", "\u00a0/about", "\u0000/about"])(
    "leaves %j alone (relative, other host or prefixed once trimmed; U+00A0 and U+0000 are not stripped)",
    (input) => {
      expect(mountUrl(input, mount)).toBe(input);
    },
  );

  it("is idempotent, so two selectors matching one element cannot double the prefix", () => {
    for (const input of ["/x", "//adam-site.pages.dev/x", "https://adam-site.pages.dev/x"]) {
      const once = mountUrl(input, mount);
      expect(mountUrl(once, mount)).toBe(once);
    }
  });

  it("matches an origin with a port only on that port", () => {
    const local = createMount("http://127.0.0.1:8788", "http://127.0.0.1:8789");
    expect(mountUrl("http://127.0.0.1:8788/a", local)).toBe("http://127.0.0.1:8789/adam/a");
    expect(mountUrl("http://127.0.0.1:87881/a", local)).toBe("http://127.0.0.1:87881/a");
    expect(mountUrl("http://127.0.0.1/a", local)).toBe("http://127.0.0.1/a");
  });
});

describe("mountSrcset", () => {
  it.each([
    ["/a.png 1x, /b.png 2x", "/adam/a.png 1x, /adam/b.png 2x"],
    ["/a.png 480w,/b.png 960w", "/adam/a.png 480w,/adam/b.png 960w"],
    ["  /a.png  ,  rel.png 2x ", "  /adam/a.png  ,  rel.png 2x "],
    // Without a space the HTML parser reads one URL containing a comma, and so do we.
    ["/a.png,/b.png 2x", "/adam/a.png,/b.png 2x"],
    ["/a.png, /b.png 2x", "/adam/a.png, /adam/b.png 2x"],
    ["/only.png", "/adam/only.png"],
    ["data:image/png;base64,AAA=,BBB 1x, /b.png 2x", "data:image/png;base64,AAA=,BBB 1x, /adam/b.png 2x"],
    ["data:image/svg+xml,%3Csvg%3E, /b.png 2x", "data:image/svg+xml,%3Csvg%3E, /adam/b.png 2x"],
    ["https://adam-site.pages.dev/a.png 1.5x", "https://lenkostudio.com/adam/a.png 1.5x"],
    ["/a.png (future, descriptor) 1x, /b.png", "/adam/a.png (future, descriptor) 1x, /adam/b.png"],
    ["", ""],
    ["\t/a.png 1x,\n/b.png 2x", "\t/adam/a.png 1x,\n/adam/b.png 2x"],
    // U+00A0 is not ASCII whitespace: it is part of a relative URL, not a gap before "/a.png".
    ["\u00a0/a.png 1x", "\u00a0/a.png 1x"],
  ])("%j becomes %j", (input, expected) => {
    expect(mountSrcset(input, mount)).toBe(expected);
  });
});

describe("mountRefresh", () => {
  it.each([
    ["0; url=/adam-pricing", "0; url=/adam/adam-pricing"],
    ["5;URL='/x?y'", "5;URL='/adam/x?y'"],
    ['0, url="/x"', '0, url="/adam/x"'],
    ["0; /x", "0; /adam/x"],
    ["0; url=https://adam-site.pages.dev/x", "0; url=https://lenkostudio.com/adam/x"],
    ["0; url=next.html", "0; url=next.html"],
    ["30", "30"],
    ["0; url=' /x'", "0; url=' /adam/x'"],
  ])("%j becomes %j", (input, expected) => {
    expect(mountRefresh(input, mount)).toBe(expected);
  });
});

describe("mountCss", () => {
  it.each([
    ["a{background:url(/img/a.png)}", "a{background:url(/adam/img/a.png)}"],
    ["a{background:URL( '/img/a.png' )}", "a{background:URL( '/adam/img/a.png' )}"],
    ['a{background:url("/a)b.png")}', 'a{background:url("/adam/a)b.png")}'],
    ['@import "/css/base.css";', '@import "/adam/css/base.css";'],
    ["@import url(/css/base.css) screen;", "@import url(/adam/css/base.css) screen;"],
    ["@IMPORT '/x.css';", "@IMPORT '/adam/x.css';"],
    [
      "b{src:url(/f.woff2) format('woff2'),url(//adam-site.pages.dev/f.woff)}",
      "b{src:url(/adam/f.woff2) format('woff2'),url(https://lenkostudio.com/adam/f.woff)}",
    ],
    ["a{background:url(data:image/svg+xml;utf8,<svg/>)}", "a{background:url(data:image/svg+xml;utf8,<svg/>)}"],
    ["a{background:url(img/a.png)} b{background:url(#grad)}", "a{background:url(img/a.png)} b{background:url(#grad)}"],
    ["a{background:url(/adam/img/a.png)}", "a{background:url(/adam/img/a.png)}"],
    ['a{background:url(" /img/a.png")}', 'a{background:url(" /adam/img/a.png")}'],
    ["@import '\t/x.css';", "@import '\t/adam/x.css';"],
  ])("%j becomes %j", (input, expected) => {
    expect(mountCss(input, mount)).toBe(expected);
  });
});
