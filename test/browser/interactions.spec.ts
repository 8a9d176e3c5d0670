/** Each interactive part of the landing page, by pointer and by keyboard, and with motion reduced. */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium";
import { BASES, watchProblems } from "./site";

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe.each(BASES)("%s", (_name, base) => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  async function open(options: { reducedMotion?: "reduce" | "no-preference" } = {}) {
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      reducedMotion: options.reducedMotion ?? "no-preference",
    });
    page = await context.newPage();
    problems = watchProblems(page);
    // A fake clock, so the carousel's seven-second rotation can be tested without waiting.
    await page.clock.install();
    await page.goto(base);
  }
  afterEach(async () => {
    // every test's page must end without a failed request or console error
    // oxlint-disable-next-line vitest/no-standalone-expect
    expect(problems).toEqual([]);

    await context.close();
  });

  const selected = (list: string) => page.locator(`${list} [role="tab"][aria-selected="true"]`).textContent();
  const visiblePanels = (ids: string[]) =>
    page.evaluate((all) => all.filter((id) => !document.getElementById(id)!.hidden), ids);

  it("challenge selector: click picks a pain, arrow keys, Home and End move between them", async () => {
    await open();
    const panels = ["c-panel-1", "c-panel-2", "c-panel-3", "c-panel-4"];
    expect(await visiblePanels(panels)).toEqual(["c-panel-1"]);

    await page.click("#c-tab-3");
    expect(await visiblePanels(panels)).toEqual(["c-panel-3"]);
    expect(await page.locator("#c-panel-3 h3").textContent()).toBe("Unexplained swings");

    await page.keyboard.press("ArrowRight");
    expect(await selected('[aria-label="Creator challenges"]')).toBe("“I don't know where this is going”");
    expect(await page.evaluate(() => document.activeElement!.id)).toBe("c-tab-4");
    await page.keyboard.press("ArrowRight"); // wraps
    expect(await visiblePanels(panels)).toEqual(["c-panel-1"]);
    await page.keyboard.press("End");
    expect(await visiblePanels(panels)).toEqual(["c-panel-4"]);
    await page.keyboard.press("Home");
    expect(await visiblePanels(panels)).toEqual(["c-panel-1"]);
    // Only the selected tab is in the Tab order.
    expect(await page.locator('[aria-label="Creator challenges"] [role="tab"][tabindex="0"]').count()).toBe(1);
  });

  it("how it works: each tab shows its own visual", async () => {
    await open();
    const panels = ["h-panel-1", "h-panel-2", "h-panel-3"];
    await page.click("#h-tab-2");
    expect(await visiblePanels(panels)).toEqual(["h-panel-2"]);
    expect(await page.locator("#h-panel-2 .scan-beam").isVisible()).toBe(true);
    await page.keyboard.press("ArrowRight");
    expect(await visiblePanels(panels)).toEqual(["h-panel-3"]);
    expect(await page.locator("#h-panel-3 path.draw").count()).toBe(2);
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    expect(await visiblePanels(panels)).toEqual(["h-panel-1"]);
    expect(await page.locator("#h-panel-1 .packet").count()).toBe(3);
  });

  it("90-day predictor: typing and the keyboard on the slider redraw the projection", async () => {
    await open();
    const result = (name: string) => page.locator(`[data-result="${name}"]`).textContent();
    // The script's numbers for the default inputs match the ones printed in the HTML.
    expect([await result("low"), await result("likely"), await result("high")]).toEqual(["13,234", "14,057", "15,697"]);
    const band = () => page.locator("[data-predictor] path.band").getAttribute("d");
    const before = await band();

    await page.fill("#p-followers", "50000");
    expect([await result("low"), await result("likely"), await result("high")]).toEqual(["51,234", "52,057", "53,697"]);

    await page.focus("#p-videos");
    await page.keyboard.press("ArrowRight");
    expect(await page.locator("[data-predictor] output").textContent()).toBe("5");
    // 5 videos a week × 8,000 views × 0.5% = 28.57 follows a day, for 90 days.
    expect(await result("likely")).toBe("52,571");
    expect(await band()).not.toBe(before);
    expect(await page.locator("[data-predictor] .line-likely").count()).toBe(1);
  });

  it("velocity graph: without, with and compare, by click and by keyboard, with the intervention marker", async () => {
    await open();
    const lines = async () => ({
      without: await page.locator("[data-velocity] .line-without").count(),
      with: await page.locator("[data-velocity] .line-with").count(),
    });
    const summary = () => page.locator("[data-summary]").textContent();
    expect(await lines()).toEqual({ without: 1, with: 1 });
    expect(await summary()).toBe("3,755 views without a nudge versus 5,980 when acting on the alert, by hour 6.");
    expect(await page.locator("[data-velocity] .marker-label").textContent()).toBe("60-min alert: you act here");

    await page.click('[data-mode="without"]');
    expect(await lines()).toEqual({ without: 1, with: 0 });
    expect(await page.locator('[data-mode="without"]').getAttribute("aria-pressed")).toBe("true");
    expect(await summary()).toBe("Without a nudge: 3,755 views by hour 6.");

    await page.focus('[data-mode="with"]');
    await page.keyboard.press("Enter");
    expect(await lines()).toEqual({ without: 0, with: 1 });
    expect(await page.locator('[aria-pressed="true"]').textContent()).toBe("With Adam");

    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    expect(await lines()).toEqual({ without: 1, with: 1 });
    expect(await page.locator("[data-velocity] .marker-line").count()).toBe(1);
  });

  it("testimonials: buttons, dots, arrow keys, pause, and rotation every seven seconds", async () => {
    await open();
    const current = () => page.locator(".slide:not([hidden])").getAttribute("aria-label");
    expect(await current()).toBe("1 of 4");

    await page.click('[data-action="next"]');
    expect(await current()).toBe("2 of 4");
    expect(await page.locator('.dot[aria-current="true"]').getAttribute("aria-label")).toBe("Quote 2");
    await page.keyboard.press("ArrowRight");
    expect(await current()).toBe("3 of 4");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft"); // wraps to the last
    expect(await current()).toBe("4 of 4");
    await page.click(".dot >> nth=0");
    expect(await current()).toBe("1 of 4");

    // Rotation waits while the pointer or focus is inside, then runs on its own.
    await page.mouse.move(5, 5);
    await page.locator("h1").focus();
    await page.clock.runFor(7_100);
    expect(await current()).toBe("2 of 4");

    await page.click('[data-action="toggle"]');
    expect(await page.locator('[data-action="toggle"]').textContent()).toBe("Play");
    expect(await page.locator(".slides").getAttribute("aria-live")).toBe("polite");
    await page.mouse.move(5, 5);
    await page.locator("h1").focus();
    await page.clock.runFor(30_000);
    expect(await current()).toBe("2 of 4");
  });

  it("scroll reveals fire as sections come into view, and the hero preview is tilted in 3D", async () => {
    await open();
    const voices = page.locator("#voices");
    expect(await voices.evaluate((n) => n.classList.contains("is-visible"))).toBe(false);
    await voices.scrollIntoViewIfNeeded();
    await expect.poll(() => voices.evaluate((n) => n.classList.contains("is-visible"))).toBe(true);

    const transform = await page.locator(".preview").evaluate((n) => getComputedStyle(n).transform);
    expect(transform.startsWith("matrix3d(")).toBe(true);
    expect(await page.evaluate(() => document.getAnimations().length)).toBeGreaterThan(0);
  });

  it("reduced motion: no animation or transition runs, content is shown at once, nothing rotates", async () => {
    await open({ reducedMotion: "reduce" });
    await page.click("#h-tab-3");
    await page.click('[data-mode="without"]');
    await page.hover(".preview-stage");
    expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
    expect(await page.locator(".reveal:not(.is-visible)").count()).toBe(0);
    expect(await page.locator("#voices").evaluate((n) => getComputedStyle(n).opacity)).toBe("1");

    expect(await page.locator('[data-action="toggle"]').textContent()).toBe("Play");
    await page.mouse.move(5, 5);
    await page.clock.runFor(30_000);
    expect(await page.locator(".slide:not([hidden])").getAttribute("aria-label")).toBe("1 of 4");
  });
});
