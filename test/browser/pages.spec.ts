/** Every page, at `/` through Pages and at `/adam/` through the mount worker, in a real browser. */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium";
import { BASES, PAGES, SCREENSHOTS, scrollThrough, watchProblems } from "./site";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe.each(BASES)("%s", (name, base) => {
  const basePath = new URL(base).pathname;

  it.each(PAGES)("%s loads with no failed request and no console error", async (pageName, path) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems = watchProblems(page);
    const response = await page.goto(base + path);
    expect(response!.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(basePath + path);
    await scrollThrough(page);

    // The design system and the scripts really arrived: dark background, JS enhancements on.
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(5, 8, 20)");
    expect(await page.locator("h1").count()).toBe(1);
    expect(await page.locator(".reveal:not(.is-visible)").count()).toBe(0);
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${pageName}-desktop.png`), fullPage: true });
    await page.close();
  });

  it.each(PAGES)("%s fits a 390-px phone", async (pageName, path) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(base + path);
    await scrollThrough(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    for (const link of await page.locator(".nav-links a").all()) {
      const box = (await link.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    expect(problems).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${pageName}-phone.png`), fullPage: true });
    await context.close();
  });

  it.each(PAGES)(
    "every link and social-card URL on %s stays on the site and under the base",
    async (_pageName, path) => {
      const page = await browser.newPage();
      await page.goto(base + path);
      const hrefs = await page.evaluate(() => [
        ...[...document.querySelectorAll<HTMLAnchorElement | HTMLLinkElement>("a[href], link[href]")].map(
          (n) => n.href,
        ),
        ...[
          ...document.querySelectorAll(
            'meta[property="og:image"], meta[name="twitter:image"], meta[property="og:url"]',
          ),
        ].map((n) => new URL(n.getAttribute("content")!, document.baseURI).href),
      ]);
      const internal = [...new Set(hrefs.map((h) => h.split("#")[0]!))].filter((h) =>
        h.startsWith(new URL(base).origin),
      );
      expect(internal.length).toBeGreaterThan(3);
      for (const url of internal) {
        expect(url.startsWith(base), `${url} leaves ${base}`).toBe(true);
        // app/ is the dashboard, a separate part of the Pages project that is not built here.
        if (url === `${base}app/`) continue;
        const res = await page.request.get(url);
        expect(res.status(), url).toBe(200);
        expect(res.url().startsWith(base), `${url} ended at ${res.url()}`).toBe(true);
      }
      await page.close();
    },
  );

  it("follows Pages' .html → extensionless redirect without leaving the base", async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}adam-pricing.html`);
    expect(response!.status()).toBe(200);
    expect(page.url()).toBe(`${base}adam-pricing`);
    expect(response!.request().redirectedFrom()!.url()).toBe(`${base}adam-pricing.html`);
    await page.close();
  });

  it("answers an unknown page with the styled 404 page", async () => {
    const page = await browser.newPage();
    const missing = `${base}no-such-page/deeper`;
    const problems = watchProblems(page, (url) => url === missing);
    const response = await page.goto(missing);
    expect(response!.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("This page drifted out of orbit.");
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(5, 8, 20)");
    expect(await page.locator("a.button-primary").getAttribute("href")).toBe(basePath);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("reads well without JavaScript: every panel, quote and number is in the page", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(base);
    expect(await page.locator(".tablist").first().isVisible()).toBe(false);
    for (const id of ["c-panel-1", "c-panel-2", "c-panel-3", "c-panel-4", "h-panel-1", "h-panel-2", "h-panel-3"]) {
      expect(await page.locator(`#${id}`).isVisible(), id).toBe(true);
    }
    expect(await page.locator(".slide").evaluateAll((s) => s.filter((n) => !(n as HTMLElement).hidden).length)).toBe(4);
    expect(await page.locator('[data-result="likely"]').textContent()).toBe("14,057");
    expect(await page.locator("[data-velocity] tbody tr").count()).toBe(13);
    expect(await page.locator(".reveal").first().isVisible()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-index-nojs.png`), fullPage: true });
    await context.close();
  });
});
