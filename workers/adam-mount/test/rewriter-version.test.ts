/**
 * Guard for the manual REWRITER_VERSION bump (src/etag.ts). A representative page and stylesheet
 * are rewritten and compared byte for byte with the output recorded under RECORDED_UNDER. When a
 * change alters the rewritten bytes, this fails until REWRITER_VERSION is bumped and the expected
 * output below is updated (and RECORDED_UNDER set to the new version) in the same commit.
 */
import { describe, expect, it } from "vitest";
import { REWRITER_VERSION } from "../src/etag";
import { createMount } from "../src/mount";
import { mountResponse } from "../src/response";

/** The REWRITER_VERSION that produced HTML_OUT and CSS_OUT. */
const RECORDED_UNDER = 2;

const CHANGED = "rewritten bytes changed: bump REWRITER_VERSION in src/etag.ts and update this expected output";

const mount = createMount("https://adam-site.pages.dev", "https://lenkostudio.com");

/** Every kind of value the HTML rewriter touches, plus a few it must leave alone. */
const HTML_IN = `<!doctype html>
<html><head>
<base href="/">
<link rel="stylesheet" href="/css/adam-styles.css">
<link rel="canonical" href="https://adam-site.pages.dev/adam-about">
<link rel="preload" as="image" imagesrcset="/img/a.png 1x, /img/b.png 2x">
<meta property="og:url" content="https://adam-site.pages.dev/">
<meta property="og:image" content="/img/og.png">
<meta property="og:image:url" content="http://ADAM-SITE.pages.dev/img/og.png">
<meta property="og:image:secure_url" content="//adam-site.pages.dev/img/og.png">
<meta name="twitter:image" content=" /img/og.png">
<meta http-equiv="refresh" content="5; url=/adam-pricing">
<style>@import "/css/a.css"; li>a{background:url(/img/b.png)}</style>
</head><body>
<a href="/adam-pricing">p</a><a href=" \t/spaced">s</a><a href="\u0001\u001f/controls">c</a>
<a href="adam-features">relative</a><a href="/adam/app/">prefixed</a><a href="https://www.tiktok.com/">other</a>
<area href="/map">
<img src="/img/a.png" srcset="/img/a.png 1x, data:image/png;base64,AA,BB 2x, https://adam-site.pages.dev/img/c.png 3x">
<picture><source srcset="/a.webp 640w,/b.webp 1280w"></picture>
<video src="/v.mp4" poster="/p.jpg"><track src="/t.vtt"></video>
<iframe src="//adam-site.pages.dev/frame"></iframe>
<object data="/o.svg"></object>
<form action="/signup"><button formaction="/waitlist">go</button></form>
<svg><use href="/img/icons.svg#a"></use><use xlink:href="/img/icons.svg#b"></use></svg>
<div style="background:url('/img/bg.png')"></div>
</body></html>
`;

const HTML_OUT = `<!doctype html>
<html><head>
<base href="/adam/">
<link rel="stylesheet" href="/adam/css/adam-styles.css">
<link rel="canonical" href="https://lenkostudio.com/adam/adam-about">
<link rel="preload" as="image" imagesrcset="/adam/img/a.png 1x, /adam/img/b.png 2x">
<meta property="og:url" content="https://lenkostudio.com/adam/">
<meta property="og:image" content="/adam/img/og.png">
<meta property="og:image:url" content="https://lenkostudio.com/adam/img/og.png">
<meta property="og:image:secure_url" content="https://lenkostudio.com/adam/img/og.png">
<meta name="twitter:image" content=" /adam/img/og.png">
<meta http-equiv="refresh" content="5; url=/adam/adam-pricing">
<style>@import "/adam/css/a.css"; li>a{background:url(/adam/img/b.png)}</style>
</head><body>
<a href="/adam/adam-pricing">p</a><a href=" \t/adam/spaced">s</a><a href="\u0001\u001f/controls">c</a>
<a href="adam-features">relative</a><a href="/adam/app/">prefixed</a><a href="https://www.tiktok.com/">other</a>
<area href="/adam/map">
<img src="/adam/img/a.png" srcset="/adam/img/a.png 1x, data:image/png;base64,AA,BB 2x, https://lenkostudio.com/adam/img/c.png 3x">
<picture><source srcset="/adam/a.webp 640w,/adam/b.webp 1280w"></picture>
<video src="/adam/v.mp4" poster="/adam/p.jpg"><track src="/adam/t.vtt"></video>
<iframe src="https://lenkostudio.com/adam/frame"></iframe>
<object data="/adam/o.svg"></object>
<form action="/adam/signup"><button formaction="/adam/waitlist">go</button></form>
<svg><use href="/adam/img/icons.svg#a"></use><use xlink:href="/adam/img/icons.svg#b"></use></svg>
<div style="background:url('/adam/img/bg.png')"></div>
</body></html>
`;

const CSS_IN = `@import "/css/base.css";
@import url(https://adam-site.pages.dev/css/x.css);
body{background:url(/img/stars.svg)}
.a{background:url( " /img/q.png" )}
.b{background:url(img/relative.png)}
`;

const CSS_OUT = `@import "/adam/css/base.css";
@import url(https://lenkostudio.com/adam/css/x.css);
body{background:url(/adam/img/stars.svg)}
.a{background:url( " /adam/img/q.png" )}
.b{background:url(img/relative.png)}
`;

async function rewritten(body: string, type: string): Promise<string> {
  const upstream = new Response(body, { headers: { "content-type": type, etag: '"x"' } });
  return mountResponse(upstream, new Request("https://lenkostudio.com/adam/"), mount).text();
}

describe("REWRITER_VERSION", () => {
  it("names the rules that rewrite the representative page and stylesheet to the recorded bytes", async () => {
    expect(
      REWRITER_VERSION,
      `REWRITER_VERSION is ${REWRITER_VERSION}, the expected output was recorded under ${RECORDED_UNDER}: ` +
        "update the expected output if it changed and set RECORDED_UNDER",
    ).toBe(RECORDED_UNDER);
    expect(await rewritten(HTML_IN, "text/html; charset=utf-8"), CHANGED).toBe(HTML_OUT);
    expect(await rewritten(CSS_IN, "text/css"), CHANGED).toBe(CSS_OUT);
  });
});
