/** The worker end to end: visitor request in, Node origin behind it, visitor response out. */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { REWRITER_VERSION } from "../src/etag";
import worker from "../src/index";
import { GZIP_PAGE } from "./fixtures";

const PUBLIC = "http://lenkostudio.test";
const originHostname = new URL(env.ORIGIN).hostname;

/** The tag of a body rewritten from an origin answer tagged `"${tag}"`, by this rewriter or another. */
const ours = (tag: string, version = REWRITER_VERSION) => `W/"${tag}-r${version}"`;

const DATE = "Wed, 01 Jan 2025 00:00:00 GMT";

function visit(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`${PUBLIC}${path}`, init);
}

/** The worker's answer to an origin that answers exactly as `respond` describes. */
function respond(params: { status?: number; type?: string; body?: string; h?: string[] }, init?: RequestInit) {
  const q = new URLSearchParams();
  if (params.status) q.set("status", String(params.status));
  if (params.type) q.set("type", params.type);
  if (params.body !== undefined) q.set("body", params.body);
  for (const h of params.h ?? []) q.append("h", h);
  return visit(`/adam/respond?${q}`, init);
}

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

describe("which paths belong to the mount", () => {
  it("redirects /adam to /adam/ permanently and keeps the query", async () => {
    const res = await visit("/adam?ref=tiktok&x=1", { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/adam/?ref=tiktok&x=1");
  });

  it.each(["/adamant", "/adam.txt", "/adamx/y", "/", "/ADAM/"])(
    "answers 404 for %s without asking the origin",
    async (path) => {
      const res = await visit(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toBe("Not found\n");
    },
  );

  it("strips the prefix and keeps the path and query", async () => {
    const echo = await (await visit("/adam/echo/a/b.html?q=1&r=%2F")).json<Echo>();
    expect(echo.method).toBe("GET");
    expect(echo.url).toBe("/echo/a/b.html?q=1&r=%2F");
  });

  it("keeps a path that looks protocol-relative on the origin host", async () => {
    const echo = await (await visit("/adam//evil.example/echo")).json<Echo>();
    expect(echo.url).toBe("//evil.example/echo");
    expect(echo.headers.host).toBe(new URL(env.ORIGIN).host);
  });

  it("forwards the method and body of a form post", async () => {
    const res = await visit("/adam/echo/signup", {
      method: "POST",
      body: "email=a%40b.c",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    const echo = await res.json<Echo>();
    expect([echo.method, echo.url, echo.body]).toEqual(["POST", "/echo/signup", "email=a%40b.c"]);
  });

  it("offers the origin only gzip and br", async () => {
    const echo = await (
      await visit("/adam/echo", { headers: { "accept-encoding": "zstd, br, gzip;q=0.8, deflate" } })
    ).json<Echo>();
    expect(echo.headers["accept-encoding"]).toBe("br, gzip;q=0.8");
  });

  it("asks the origin about the strong form of a weak If-None-Match", async () => {
    const echo = await (await visit("/adam/echo", { headers: { "if-none-match": 'W/"a", "b"' } })).json<Echo>();
    expect(echo.headers["if-none-match"]).toBe('"a", "b"');
  });

  it("does not forward the visitor's cookies or credentials, and forwards the rest", async () => {
    const echo = await (
      await visit("/adam/echo", {
        headers: {
          cookie: "session=lenkostudio-secret; theme=dark",
          authorization: "Bearer lenkostudio-token",
          "proxy-authorization": "Basic eDp5",
          "cf-access-jwt-assertion": "eyJ.lenkostudio.jwt",
          "cf-access-client-id": "lenkostudio.access",
          "cf-access-client-secret": "lenkostudio-access-secret",
          "accept-language": "en-GB",
          "user-agent": "test-agent",
          referer: "https://lenkostudio.com/",
        },
      })
    ).json<Echo>();
    expect(echo.headers.cookie).toBeUndefined();
    expect(echo.headers.authorization).toBeUndefined();
    expect(echo.headers["proxy-authorization"]).toBeUndefined();
    expect(echo.headers["cf-access-jwt-assertion"]).toBeUndefined();
    expect(echo.headers["cf-access-client-id"]).toBeUndefined();
    expect(echo.headers["cf-access-client-secret"]).toBeUndefined();
    expect(echo.headers["accept-language"]).toBe("en-GB");
    expect(echo.headers["user-agent"]).toBe("test-agent");
    expect(echo.headers.referer).toBe("https://lenkostudio.com/");
  });

  it("asks the origin about its own tag for a tag of this rewriter, and keeps other tags", async () => {
    const inm = `${ours("a")}, W/"b", "c-r1"`;
    const echo = await (await visit("/adam/echo", { headers: { "if-none-match": inm } })).json<Echo>();
    expect(echo.headers["if-none-match"]).toBe('"a", "b", "c-r1"');
  });

  it("does not ask about tags of another rewriter version, nor by date in their place", async () => {
    const since = "Wed, 01 Jan 2025 00:00:00 GMT";
    const mixed = await visit("/adam/echo", {
      headers: { "if-none-match": `${ours("a", REWRITER_VERSION + 1)}, ${ours("b")}`, "if-modified-since": since },
    });
    const mixedEcho = await mixed.json<Echo>();
    expect(mixedEcho.headers["if-none-match"]).toBe('"b"');

    const stale = await visit("/adam/echo", {
      headers: { "if-none-match": ours("a", REWRITER_VERSION - 1), "if-modified-since": since },
    });
    const staleEcho = await stale.json<Echo>();
    expect(staleEcho.headers["if-none-match"]).toBeUndefined();
    expect(staleEcho.headers["if-modified-since"]).toBeUndefined();

    const byDate = await (await visit("/adam/echo", { headers: { "if-modified-since": since } })).json<Echo>();
    expect(byDate.headers["if-modified-since"]).toBe(since);
  });
});

describe("response headers", () => {
  it.each([301, 302, 303, 307, 308])(
    "rewrites a root-relative Location on %i and does not follow it",
    async (status) => {
      const res = await respond({ status, h: ["location:/adam-features"] }, { redirect: "manual" });
      expect(res.status).toBe(status);
      expect(res.headers.get("location")).toBe("/adam/adam-features");
    },
  );

  it("turns a Location on the origin host into the public URL, and leaves others alone", async () => {
    const onOrigin = await respond(
      { status: 302, h: [`location:${env.ORIGIN}/adam-about?x=1`] },
      { redirect: "manual" },
    );
    expect(onOrigin.headers.get("location")).toBe(`${PUBLIC}/adam/adam-about?x=1`);
    const elsewhere = await respond({ status: 302, h: ["location:https://www.tiktok.com/"] }, { redirect: "manual" });
    expect(elsewhere.headers.get("location")).toBe("https://www.tiktok.com/");
    const relative = await respond({ status: 302, h: ["location:adam-about"] }, { redirect: "manual" });
    expect(relative.headers.get("location")).toBe("adam-about");
  });

  it.each(["text/html", "text/css", "text/javascript", undefined])(
    "drops the origin's Set-Cookie (type %s): lenkostudio.com's cookies are not the origin's to set",
    async (type) => {
      const res = await respond({
        type,
        body: "x",
        h: [
          `set-cookie:sid=1; Path=/; Domain=${originHostname}; HttpOnly; Secure`,
          "set-cookie:pref=dark; Domain=lenkostudio.test",
          "x-kept:yes",
        ],
      });
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(res.headers.get("x-kept")).toBe("yes");
      expect(await res.text()).toBe("x");
    },
  );

  it.each(["text/html", "text/css", "text/javascript", undefined])(
    "drops Service-Worker-Allowed and Clear-Site-Data (type %s): they act on all of lenkostudio.com",
    async (type) => {
      const res = await respond({
        type,
        body: "x",
        h: ["service-worker-allowed:/", 'clear-site-data:"cookies", "storage"', "x-kept:yes"],
      });
      expect(res.headers.get("service-worker-allowed")).toBeNull();
      expect(res.headers.get("clear-site-data")).toBeNull();
      expect(res.headers.get("x-kept")).toBe("yes");
      expect(await res.text()).toBe("x");
    },
  );

  it("drops Service-Worker-Allowed and Clear-Site-Data on a 304 too", async () => {
    const res = await respond(
      { status: 304, h: ['etag:"sw1"', "service-worker-allowed:/", 'clear-site-data:"*"'] },
      { headers: { "if-none-match": '"sw1"' } },
    );
    expect(res.status).toBe(304);
    expect(res.headers.get("service-worker-allowed")).toBeNull();
    expect(res.headers.get("clear-site-data")).toBeNull();
  });

  it("rewrites Link preloads, Content-Location and Refresh", async () => {
    const res = await respond({
      h: [
        "link:</css/adam-styles.css>; rel=preload; as=style, <https://fonts.example/x.woff2>; rel=preload; as=font",
        "content-location:/index.html",
        "refresh:5; url=/adam-pricing",
      ],
    });
    expect(res.headers.get("link")).toBe(
      "</adam/css/adam-styles.css>; rel=preload; as=style, <https://fonts.example/x.woff2>; rel=preload; as=font",
    );
    expect(res.headers.get("content-location")).toBe("/adam/index.html");
    expect(res.headers.get("refresh")).toBe("5; url=/adam/adam-pricing");
  });
});

describe("bodies", () => {
  it("rewrites HTML, keeps the status, drops Content-Length and tags the body with the rewriter", async () => {
    const res = await respond({
      status: 404,
      type: "text/html; charset=utf-8",
      body: '<a href="/">home</a>',
      h: ['etag:"abc"'],
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("etag")).toBe(ours("abc"));
    expect(res.headers.get("content-length")).toBeNull();
    expect(await res.text()).toBe('<a href="/adam/">home</a>');
  });

  it("rewrites url() and @import in CSS files", async () => {
    const css = '@import "/css/base.css";\nbody{background:url(/img/stars.svg)}';
    const res = await respond({ type: "text/css", body: css, h: ['etag:"css1"'] });
    expect(res.headers.get("etag")).toBe(ours("css1"));
    expect(await res.text()).toBe('@import "/adam/css/base.css";\nbody{background:url(/adam/img/stars.svg)}');
  });

  it.each(["text/html", "text/css"])(
    "drops Last-Modified from a rewritten %s body, for GET and HEAD: a date cannot name the rewriter",
    async (type) => {
      for (const method of ["GET", "HEAD"]) {
        const res = await respond({ type, body: "x", h: ['etag:"lm1"', `last-modified:${DATE}`] }, { method });
        expect(res.headers.get("last-modified")).toBeNull();
        expect(res.headers.get("etag")).toBe(ours("lm1"));
      }
    },
  );

  it("passes other bodies through byte for byte, with their headers untouched", async () => {
    const js = 'fetch("/api/x"); location.href = "/adam-features";';
    const res = await respond({ type: "text/javascript", body: js, h: ['etag:"js1"', `last-modified:${DATE}`] });
    expect(res.headers.get("etag")).toBe('"js1"');
    expect(res.headers.get("last-modified")).toBe(DATE);
    expect(res.headers.get("content-length")).toBe(String(js.length));
    expect(await res.text()).toBe(js);
  });

  it("leaves CSS in another charset alone rather than decoding it wrongly", async () => {
    const res = await respond({ type: "text/css; charset=iso-8859-1", body: "a{background:url(/x.png)}" });
    expect(await res.text()).toBe("a{background:url(/x.png)}");
  });

  it("rewrites a gzip-encoded origin answer", async () => {
    const res = await visit("/adam/gzip.html", { headers: { "accept-encoding": "gzip" } });
    expect(res.headers.get("x-origin-saw-accept-encoding")).toBe("gzip");
    expect(await res.text()).toBe(GZIP_PAGE.replace('href="/css/site.css"', 'href="/adam/css/site.css"'));
  });

  it("answers HEAD with the rewritten headers and no body", async () => {
    const res = await respond(
      { type: "text/html", body: "<p>x</p>", h: ['etag:"h1"', "link:</css/a.css>; rel=preload; as=style"] },
      { method: "HEAD" },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(ours("h1"));
    expect(res.headers.get("content-length")).toBeNull();
    expect(res.headers.get("link")).toBe("</adam/css/a.css>; rel=preload; as=style");
    expect(await res.text()).toBe("");
  });

  it("answers 204 from an HTML origin without a body and without hanging", async () => {
    const res = await respond({ status: 204, type: "text/html" });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
  });

  it("tags a rewritten body made from a weakly tagged origin answer", async () => {
    const res = await respond({ type: "text/html", body: "<p>x</p>", h: ['etag:W/"w1"'] });
    expect(res.headers.get("etag")).toBe(ours("w1"));
  });

  it("serves conditional requests: 200 with the rewriter's tag and no date, then 304 for that tag", async () => {
    const first = await visit("/adam/etag.html");
    expect(first.headers.get("etag")).toBe(ours("v1"));
    expect(first.headers.get("last-modified")).toBeNull();
    expect(await first.text()).toBe('<a href="/adam/x">x</a>');

    const again = await visit("/adam/etag.html", { headers: { "if-none-match": ours("v1") } });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(ours("v1"));
    expect(again.headers.get("last-modified")).toBeNull();
    expect(await again.text()).toBe("");
  });

  it("answers a copy made by another rewriter version with the new body, not a 304", async () => {
    for (const version of [REWRITER_VERSION - 1, REWRITER_VERSION + 1]) {
      const res = await visit("/adam/etag.html", { headers: { "if-none-match": ours("v1", version) } });
      expect(res.status).toBe(200);
      expect(res.headers.get("etag")).toBe(ours("v1"));
      expect(await res.text()).toBe('<a href="/adam/x">x</a>');
    }
  });

  it("keeps the origin's tag and date on a 304 for a body handed through untouched", async () => {
    const res = await respond(
      { status: 304, h: ['etag:"js1"', "cache-control:max-age=60", `last-modified:${DATE}`] },
      { headers: { "if-none-match": '"js1"' } },
    );
    expect(res.status).toBe(304);
    expect(res.headers.get("etag")).toBe('"js1"');
    expect(res.headers.get("last-modified")).toBe(DATE);
  });

  it("names a 304 for a rewritten body, with or without a content type, by the rewriter's tag and no date", async () => {
    for (const type of ["text/html", undefined]) {
      const res = await respond(
        { status: 304, type, h: ['etag:"p1"', `last-modified:${DATE}`] },
        { headers: { "if-none-match": ours("p1") } },
      );
      expect(res.status).toBe(304);
      expect(res.headers.get("etag")).toBe(ours("p1"));
      expect(res.headers.get("last-modified")).toBeNull();
    }
  });

  it("gives no date to a 304 that says it is for HTML or CSS, whatever tag was asked with", async () => {
    for (const type of ["text/html", "text/css"]) {
      const res = await respond(
        { status: 304, type, h: [`last-modified:${DATE}`] },
        { headers: { "if-modified-since": DATE } },
      );
      expect(res.status).toBe(304);
      expect(res.headers.get("last-modified")).toBeNull();
    }
  });

  it("answers a Range request for a page or stylesheet with the whole rewritten body", async () => {
    for (const type of ["text/html", "text/css"]) {
      const res = await visit(`/adam/ranged?type=${encodeURIComponent(type)}`, { headers: { range: "bytes=0-5" } });
      expect(res.status, type).toBe(200);
      expect(res.headers.get("content-range")).toBeNull();
      expect(res.headers.get("etag")).toBe(`W/"r1-r${REWRITER_VERSION}"`);
      const body = await res.text();
      expect(body).toBe(type === "text/html" ? '<a href="/adam/x">x</a>' : '<a href="/x">x</a>');
    }
  });

  it("hands a Range answer for anything else back as the origin's 206", async () => {
    const res = await visit("/adam/ranged?type=video%2Fmp4", { headers: { range: "bytes=0-5" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe("bytes 0-5/18");
    expect(res.headers.get("etag")).toBe('"r1"');
    expect(await res.text()).toBe("<a hre");
  });

  it("answers 502 when the origin cannot be reached", async () => {
    const res = await worker.fetch(new Request(`${PUBLIC}/adam/`), { ORIGIN: "http://127.0.0.1:1" });
    expect(res.status).toBe(502);
  });
});
