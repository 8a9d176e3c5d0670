/**
 * One request per screen (issue 13): a free user signs in, opens the overview and nine different
 * videos within one minute (ten screens: the free plan's ten data requests) and never sees the
 * pacing notice, while every video page shows its own numbers. Going back to the overview costs
 * nothing: its answer is still fresh. On the `npm run dev` stack with its demo creator (a free
 * user with two days of history), on free ports.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startEphemeralStack, type EphemeralStack } from "../../../tools/dev/ephemeral-stack";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../../tools/dev/seed-demo";
import { launchChromium } from "../chromium";

/** What the session budget pays for (signing in, who is signed in, the alerts badge): not data requests. */
const SESSION_ROUTES = /^\/api\/v1\/(auth\/|me$|alerts)/;

let stack: EphemeralStack;
let browser: Browser;

beforeAll(async () => {
  stack = await startEphemeralStack({ demo: true, vars: { INGEST_SPREAD_SECONDS: "0" } });
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it("a free user opens the overview and nine videos within a minute on ten data requests, never paced", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const dataRequests: string[] = [];
  const refused: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.origin === stack.apiUrl && url.pathname.startsWith("/api/v1/") && !SESSION_ROUTES.test(url.pathname))
      dataRequests.push(url.pathname);
  });
  page.on("response", (r) => {
    if (r.status() === 429) refused.push(r.url());
  });
  // Whether the pacing notice ever showed, however briefly.
  await page.addInitScript(`
    window.pacingShown = false;
    document.addEventListener("DOMContentLoaded", () =>
      new MutationObserver(() => {
        if (document.querySelector("#notices .notice-rate")) window.pacingShown = true;
      }).observe(document.body, { childList: true, subtree: true }),
    );
  `);

  await page.goto(`${stack.pagesUrl}/app/#/login`);
  await page.getByLabel("Email").fill(DEMO_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  const started = Date.now();
  const rows = page.locator("table.videos tbody tr");
  await rows.first().waitFor();
  expect(await page.locator("#follower-chart canvas").count()).toBe(1);
  const videos: { id: string; views: string }[] = [];
  for (const row of await rows.all()) {
    videos.push({
      id: (await row.getAttribute("data-video")) as string,
      views: (await row.locator("td:nth-child(3)").textContent()) as string,
    });
  }
  expect(videos.length, "the demo creator has nine videos to open").toBeGreaterThanOrEqual(9);

  for (const video of videos.slice(0, 9)) {
    await page.locator(`table.videos a[href="#/video/${video.id}"]`).click();
    // The page shows this video's own numbers: its views as the table had them, its curve and forecast.
    const views = page.locator('[aria-label="Counters"] .kpi-card').first().locator(".kpi-value");
    await views.waitFor();
    expect(await views.getAttribute("title")).toBe(video.views);
    await page.locator("#velocity-chart canvas, #curve-title ~ .empty").first().waitFor();
    await page.locator(".forecasts .forecast").first().waitFor();
    await page.locator("#anomalies-title").waitFor();
    expect(await page.locator(".crumbs .back").getAttribute("href")).toBe(`#/account/${stack.demoAccountId}`);
    expect(await page.locator(".empty-error").count()).toBe(0);
    await page.goBack();
    await rows.first().waitFor();
  }
  expect(Date.now() - started).toBeLessThan(60_000);

  expect(dataRequests).toEqual([
    `/api/v1/accounts/${stack.demoAccountId}/overview`,
    ...videos.slice(0, 9).map((v) => `/api/v1/videos/${v.id}/detail`),
  ]);
  expect(refused).toEqual([]);
  expect(await page.evaluate("window.pacingShown")).toBe(false);
  await context.close();
}, 120_000);
