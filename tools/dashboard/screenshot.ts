/**
 * `npm run screenshot:overview`: README's picture of the dashboard. Starts the `npm run dev` stack
 * (its demo creator included) on free ports, logs in as the demo user in Debian's Chromium and
 * saves the overview's first screen, 1280×800, to docs/screenshots/overview.png.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchChromium } from "../../test/browser/chromium.ts";
import { createTiktokDb } from "../../src/db/client.ts";
import { CRONS } from "../../src/ingest/crons.ts";
import { fireCron } from "../dev/cron.ts";
import { startEphemeralStack } from "../dev/ephemeral-stack.ts";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../dev/seed-demo.ts";
import { ROOT } from "./build.ts";

const out = join(ROOT, "docs/screenshots/overview.png");
mkdirSync(join(ROOT, "docs/screenshots"), { recursive: true });
const stack = await startEphemeralStack({ demo: true, vars: { INGEST_SPREAD_SECONDS: "0" } });
try {
  // One cycle now, as the cron ticker of `npm run dev` would run it, so the picture is fresh.
  const db = createTiktokDb(stack.config);
  const synced = async () =>
    (await db.execute<{ at: string }>(`SELECT max(slot)::text AS at FROM tiktok_account_snapshots`)).rows[0]?.at;
  const before = await synced();
  await fireCron(stack.apiUrl, CRONS.plan, Date.now());
  for (let i = 0; i < 60 && (await synced()) === before; i++) await new Promise((done) => setTimeout(done, 500));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${stack.pagesUrl}/app/#/login`);
    await page.getByLabel("Email").fill(DEMO_EMAIL);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.locator("#follower-chart canvas").waitFor({ timeout: 60_000 });
    await page.locator("table.videos").waitFor();
    // Let the fonts and the chart settle, and keep the mouse off the chart.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: out });
    console.log(`saved ${out}`);
  } finally {
    await browser.close();
  }
} finally {
  await stack.stop();
}
