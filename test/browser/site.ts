/** What the browser tests share: the two ways in, the pages, and a watcher for anything broken. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { inject } from "vitest";
import { ROOT } from "./servers";

/** The site served by Pages at `/`, and the same site through the mount worker at `/adam/`. */
export const BASES: [name: string, base: string][] = [
  ["pages", `${inject("pagesUrl")}/`],
  ["mount", `${inject("mountUrl")}/adam/`],
];

/** Page name and its path relative to the base (extensionless, as Pages serves them). */
export const PAGES: [name: string, path: string][] = [
  ["index", ""],
  ["features", "adam-features"],
  ["pricing", "adam-pricing"],
  ["about", "adam-about"],
  ["privacy", "adam-privacy"],
];

export const SCREENSHOTS = join(ROOT, "screenshots/landing");
mkdirSync(SCREENSHOTS, { recursive: true });

/**
 * Collects failed requests, HTTP errors, console errors and uncaught exceptions on a page;
 * `allow` names URLs whose error status is the point of the test.
 */
export function watchProblems(page: Page, allow: (url: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  page.on("requestfailed", (r) => problems.push(`failed ${r.url()}: ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && !allow(r.url())) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !allow(m.location().url)) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  return problems;
}

/**
 * Scrolls through the whole page as a reader would, so every scroll reveal has fired. Each step
 * waits for two rendered frames: an IntersectionObserver notices an element only in a frame, and
 * on a busy machine a fixed pause could scroll a short section past between two frames.
 */
export async function scrollThrough(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += 300) {
      scrollTo({ top: y, behavior: "instant" });
      await frame();
      await new Promise((done) => setTimeout(done, 40));
    }
    scrollTo({ top: 0, behavior: "instant" });
  });
  // Let the last reveals finish their 700 ms transition before anyone looks.
  await page.waitForTimeout(900);
}
