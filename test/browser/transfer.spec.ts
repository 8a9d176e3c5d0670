/**
 * The landing page's total transfer, measured from what the browser actually fetched: "wire" is
 * Chromium's encoded size (as compressed by the local server), "gzip" is each body gzipped here,
 * which does not depend on what a server chooses to compress.
 */
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium";
import { BASES, scrollThrough } from "./site";

const BUDGET_BYTES = 200 * 1024;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

interface Fetched {
  url: string;
  type: string;
  body: number;
  wire: number;
  gzip: number;
}

describe.each(BASES)("%s", (name, base) => {
  it("transfers under 200 KB compressed for the whole landing page", async () => {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const wire = new Map<string, number>();
    cdp.on("Network.loadingFinished", (e) => wire.set(e.requestId, e.encodedDataLength));
    const requestIds = new Map<string, string>();
    cdp.on("Network.responseReceived", (e) => requestIds.set(e.response.url, e.requestId));

    const bodies: Promise<Omit<Fetched, "wire">>[] = [];
    page.on("response", (response) => {
      if (response.status() >= 300) return;
      bodies.push(
        response.body().then((body) => ({
          url: response.url(),
          type: response.request().resourceType(),
          body: body.length,
          gzip: gzipSync(body).length,
        })),
      );
    });
    await page.goto(base, { waitUntil: "networkidle" });
    await scrollThrough(page);
    await page.waitForLoadState("networkidle");

    const fetched: Fetched[] = (await Promise.all(bodies)).map((f) => ({
      ...f,
      wire: wire.get(requestIds.get(f.url)!) ?? 0,
    }));
    const sum = (key: "body" | "wire" | "gzip") => fetched.reduce((total, f) => total + f[key], 0);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`.padStart(9);
    console.log(
      [
        `Landing page transfer via ${name} (${base}): ${fetched.length} requests`,
        `${"resource".padEnd(40)}${"type".padEnd(12)}${"body".padStart(9)}${"wire".padStart(9)}${"gzip".padStart(9)}`,
        ...fetched.map(
          (f) => `${new URL(f.url).pathname.padEnd(40)}${f.type.padEnd(12)}${kb(f.body)}${kb(f.wire)}${kb(f.gzip)}`,
        ),
        `${"total".padEnd(52)}${kb(sum("body"))}${kb(sum("wire"))}${kb(sum("gzip"))}`,
      ].join("\n"),
    );

    expect(new Set(fetched.map((f) => f.type))).toEqual(new Set(["document", "stylesheet", "script", "other"]));
    expect(sum("wire")).toBeLessThan(BUDGET_BYTES);
    expect(sum("gzip")).toBeLessThan(BUDGET_BYTES);
    await page.close();
  });
});
