/**
 * An SVG to a PNG file through Debian's Chromium (playwright-core): the page is the SVG inline
 * and every request is refused, so nothing is fetched from anywhere.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { launchChromium } from "../../../../test/browser/chromium.ts";

export async function writePng(svg: string, width: number, height: number, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await page.route("**/*", (route) => route.abort());
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.screenshot({ path, clip: { x: 0, y: 0, width, height } });
  } finally {
    await browser.close();
  }
}
