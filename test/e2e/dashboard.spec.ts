/**
 * The dashboard end to end, in Debian's Chromium, on the stack `npm run dev` runs (Neon endpoint
 * on a fresh PGlite, TikTok simulator, API worker under wrangler dev with its queue, Pages serving
 * the built dashboard), on free ports. Once on a desktop and once on a 390-px phone:
 *
 * 1. a new user signs up from the landing site, connects a simulator creator on the consent page;
 * 2. the dashboard says the first snapshot is on its way (TikTok is made slow for that one call,
 *    so the moment is there to see) while the connect's snapshot job runs through the queue;
 * 3. a cycle runs through the worker's cron → planner → queue → consumer, with the simulator's
 *    clock 30 minutes on; two days of history follow by replaying the snapshot job slot by slot
 *    (as `npm run dev` seeds its demo creator), then one more real cycle;
 * 4. back on the dashboard (its clock set to the simulator's): KPIs, the follower chart with
 *    points, the video table sorted by a click, insight cards, a video's velocity curve, and CSV
 *    exports of the account's and the video's history checked row by row;
 * 4b. watch-time insights added from the overview through the Accounts API's own consent page,
 *    the daily read queued by the callback, then the overview's watch card (activity by hour) and a
 *    video's retention against the typical band, its traffic sources and its watch-data CSV;
 * 5. Settings, under the dashboard's Content-Security-Policy: alerts switched on (email, and a
 *    webhook to the outbox sink), a spike made at the simulator, cycles until Adam sees it, and the
 *    alert arriving at the sink by email and webhook and in the in-app Notifications (then read);
 *    the data export downloaded and read line by line, the account disconnected through its confirmation dialog (TikTok's grant gone,
 *    the history kept on the desktop, erased on the phone); then on the desktop the Adam account
 *    deleted with the password, on the phone a log-out. Between the alert and the export, the
 *    Growth plan: best time to post, then a goal set, a label added and an experiment started.
 *
 * Screenshots of every screen go to screenshots/dashboard/.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTiktokDb, type TiktokDb } from "../../src/db/client";
import { CRONS } from "../../src/ingest/crons";
import { slotOf, snapshotMessage, SLOT_MS } from "../../src/ingest/messages";
import { runSnapshotJob } from "../../src/ingest/snapshot-job";
import { expireAccessToken } from "../../src/db/queries/ingest";
import { createTikTokClient } from "../../src/tiktok/client";
import { TikTokError } from "../../src/tiktok/errors";
import { createTokenVault } from "../../src/connections/token-vault";
import { fireCron } from "../../tools/dev/cron";
import { startEphemeralStack, type EphemeralStack } from "../../tools/dev/ephemeral-stack";
import { ROOT } from "../../tools/dashboard/build";
import { liveliestCreator } from "../../tools/dev/seed-demo";
import { launchChromium } from "../browser/chromium";
import { CallCounter } from "../../src/tiktok/call-counter";

const SCREENSHOTS = join(ROOT, "screenshots/dashboard");
mkdirSync(SCREENSHOTS, { recursive: true });
mkdirSync(join(ROOT, "test-results"), { recursive: true });
/**
 * History replayed between the two real cycles: a day of 30-minute slots at least, then on until
 * the account has an insight card that outlives the next cycle, a video followed from its first
 * hours and a typical band to compare it with (the synthetic world is the same for every run, but
 * where "now" falls in it is not).
 */
const MIN_REPLAYED_SLOTS = 48;
const MAX_REPLAYED_SLOTS = 7 * 48;
/** Cycles after the simulator's spike within which Adam must have alerted (the detector needs hours of it). */
const MAX_SPIKE_CYCLES = 16;
const PASSWORD = "a-long-enough-password";

let stack: EphemeralStack;
/** The page to photograph if the test fails. */
let failing: Page | null = null;
let browser: Browser;
let db: TiktokDb;
const usedCreators: number[] = [];

beforeAll(async () => {
  stack = await startEphemeralStack({
    // Exact time: the simulator moves only when the test says so.
    simulatorClock: { startMs: Date.now(), frozen: true },
    // No pacing: a cycle's jobs are sent at once (production spreads them over 25 minutes).
    vars: { INGEST_SPREAD_SECONDS: "0", INGEST_RETRY_BASE_SECONDS: "1" },
  });
  db = createTiktokDb(stack.config);
  browser = await launchChromium();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === "fail" && failing && !failing.isClosed()) {
    await failing
      .screenshot({ path: join(SCREENSHOTS, `failure-${ctx.task.id}.png`), fullPage: true })
      .catch(() => undefined);
    writeFileSync(join(ROOT, "test-results/e2e-stack.log"), stack.output.join("\n"));
  }
  failing = null;
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      writeFileSync(join(ROOT, "test-results/e2e-stack.log"), stack.output.join("\n"));
      throw new Error(`timed out waiting for ${what} (the stack's output: test-results/e2e-stack.log)`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
}

async function snapshotCount(accountId: string): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    `SELECT count(*)::int AS n FROM tiktok_account_snapshots WHERE account_id = ${Number(accountId)}`,
  );
  return rows[0]?.n ?? 0;
}

/** One real cycle: the worker's cron handler at the simulator's time, then its queue, until the snapshot is written. */
async function cycle(accountId: string): Promise<void> {
  const before = await snapshotCount(accountId);
  const now = stack.simulator.clock.advance(SLOT_MS);
  expect(await fireCron(stack.apiUrl, CRONS.plan, now)).toBe(true);
  await until("the cycle's snapshot", async () => (await snapshotCount(accountId)) > before);
}

/**
 * Whether the account has what the dashboard's checks look at: an insight card, a video followed
 * from its first hours, and a typical band (three videos seen at the same early age).
 */
async function enoughHistory(accountId: string): Promise<boolean> {
  const id = Number(accountId);
  const soon = new Date(stack.simulator.clock.now() + 2 * SLOT_MS).toISOString();
  const { rows } = await db.execute<{ insights: number; curves: number; band: boolean }>(`
    SELECT (SELECT count(*) FROM tiktok_insights WHERE account_id = ${id} AND expires_at > '${soon}')::int AS insights,
           EXISTS (SELECT 1 FROM tiktok_accounts a, jsonb_array_elements(a.summary->'typicalCurve'->'points') p
              WHERE a.id = ${id} AND (p->>'n')::int >= 3 AND (p->>'ageHours')::float8 <= 6) AS band,
           (SELECT count(*) FROM tiktok_videos v WHERE v.account_id = ${id}
              AND (SELECT min(s.fetched_at) FROM tiktok_video_snapshots s WHERE s.video_id = v.id) < v.create_time + interval '2 hours'
              AND (SELECT count(*) FROM tiktok_video_snapshots s WHERE s.video_id = v.id) >= 6)::int AS curves`);
  return (rows[0]?.insights ?? 0) > 0 && (rows[0]?.curves ?? 0) > 0 && rows[0]?.band === true;
}

/** History, fast: the snapshot job itself, slot after slot, against the simulator's next hours. */
async function replay(accountId: string): Promise<number> {
  const tiktok = stack.config.tiktok;
  const calls = new CallCounter();
  const client = createTikTokClient({ ...tiktok, onRequest: calls.onRequest });
  const vault = createTokenVault(stack.config.tokenKeys);
  let slots = 0;
  while (slots < MIN_REPLAYED_SLOTS || !(await enoughHistory(accountId))) {
    if (slots === MAX_REPLAYED_SLOTS) throw new Error(`no insight or first-hours curve after ${slots} slots`);
    slots++;
    const now = stack.simulator.clock.advance(SLOT_MS);
    const job = () =>
      runSnapshotJob({ db, client, vault, now: Date.now, calls }, snapshotMessage(accountId, slotOf(now), "manual"));
    const outcome = await job().catch(async (error: unknown) => {
      // TikTok's clock ran past the access token's day: refresh it, as the queue consumer does.
      if (!(error instanceof TikTokError) || error.action !== "refresh") throw error;
      await expireAccessToken(db, accountId);
      return job();
    });
    expect(outcome.status).toBe("ok");
  }
  return slots;
}

/**
 * Alerts, switched on in Settings: email and a webhook to the outbox sink. Then the creator's video
 * spikes at TikTok (the simulator's `POST /__sim/events`), real cycles run until a snapshot job
 * stores the alert, and it arrives at the sink by both channels and in Notifications. Returns the
 * cycles it took (each one more snapshot).
 */
async function alertReachesTheCreator(page: Page, name: string, accountId: string, email: string): Promise<number> {
  const card = page.locator("#alerts");
  const save = card.getByRole("button", { name: "Save alert settings" });
  await save.waitFor();
  await card.getByLabel(/^Email to /).check();
  const hook = `${stack.outbox.url}/webhooks/e2e-${name}`;
  await card.getByLabel("Webhook URL").fill(hook);
  await card.getByRole("button", { name: "Add webhook" }).click();
  await card.locator("[data-webhook] .target-url", { hasText: hook }).waitFor();
  expect(await card.getByLabel("Webhooks (Slack, Discord or any https URL)").isChecked()).toBe(true);
  expect(await card.getByLabel(/^Email to /).isChecked()).toBe(true);
  await card.getByRole("button", { name: "Save alert settings" }).click();
  await card.getByText("Saved.").waitFor();
  await card.locator("details summary").first().click();
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(SCREENSHOTS, `${name}-07a-alert-settings.png`) });

  const { rows } = await db.execute<{ open_id: string }>(
    `SELECT open_id FROM tiktok_accounts WHERE id = ${Number(accountId)}`,
  );
  const res = await fetch(`${stack.simulator.url}/__sim/events`, {
    method: "POST",
    body: JSON.stringify({ open_id: rows[0]!.open_id, kind: "spike", factor: 10 }),
  });
  expect(res.status).toBe(200);
  const { video_id: videoId } = (await res.json()) as { video_id: string };
  let alert: { id: string; title: string } | undefined;
  let cycles = 0;
  while (!alert) {
    if (cycles === MAX_SPIKE_CYCLES) throw new Error(`no alert for the spike after ${cycles} cycles`);
    await cycle(accountId);
    cycles++;
    const found = await db.execute<{ id: string; title: string }>(
      `SELECT id::text, title FROM tiktok_alerts WHERE account_id = ${Number(accountId)} AND video_id = '${videoId}' AND kind = 'spike'`,
    );
    alert = found.rows[0];
  }
  const spike = alert;
  const arrived = await until("the alert at the outbox sink", async () => {
    const entries = stack.outbox.outbox.list().filter((e) => e.alert_id === spike.id && e.answered < 300);
    return entries.length >= 2 && entries;
  });
  expect(arrived.map((e) => [e.channel, e.recipient, e.subject ?? e.title]).toSorted()).toEqual([
    ["email", email, spike.title],
    ["webhook", hook, spike.title],
  ]);

  // In the app: the header's Alerts link, the notification unread, then read.
  await page.getByRole("link", { name: /^Alerts/ }).click();
  await page.getByRole("heading", { name: "Notifications", level: 1 }).waitFor();
  const item = page.locator(`.alert-item[data-alert="${spike.id}"]`);
  await item.waitFor();
  expect(await item.getAttribute("class")).toContain("unread");
  expect(await item.locator(".alert-title").textContent()).toBe(spike.title);
  await fitsWidth(page, page.viewportSize()!.width);
  await shot(page, `${name}-07b-notifications`);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await page.locator(`.alert-item[data-alert="${spike.id}"]:not(.unread)`).waitFor();
  await page.getByText("All caught up.").waitFor();
  await page.getByRole("link", { name: "Settings", exact: true }).click();
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
  return cycles;
}

/** Failed requests, console errors and exceptions; 429s are expected (the free plan's 10 a minute). */
/**
 * The growth plan: best time to post (or a plain "not yet"), then a goal set, a label added to a
 * video and an experiment started, each showing on the page as the plan reloads.
 */
async function growthPlanWorks(page: Page, name: string, width: number): Promise<void> {
  await page.getByRole("link", { name: "Growth plan" }).click();
  await page.getByRole("heading", { name: "Growth plan", level: 1 }).waitFor();
  const answer = page.locator("#best-time-answer");
  await answer.waitFor();
  expect(await answer.textContent()).toMatch(/over \d+ videos|No reliable difference|Not enough videos yet/);
  await page.locator("#missions").waitFor();

  await page.getByLabel("Target").fill("1000000");
  await page.getByRole("button", { name: "Set goal" }).click();
  const goal = page.locator(".goal").first();
  await goal.waitFor();
  expect(await goal.textContent()).toContain("1M followers");
  expect(await goal.textContent()).toMatch(/\d+% chance by/);

  await page.getByLabel("Label", { exact: true }).fill("Collab");
  await page.getByRole("button", { name: "Add label" }).click();
  await page.locator('[data-manual-label="collab"]').waitFor();
  await page.locator('tr[data-label="manual:collab"]').waitFor();

  await page.getByLabel("Name").fill("Short or long");
  await page.getByRole("button", { name: "Start experiment" }).click();
  const experiment = page.locator(".experiment").first();
  await experiment.waitFor();
  expect(await experiment.textContent()).toContain("Short or long");
  expect(await experiment.getAttribute("data-verdict")).toBe("collecting");
  await fitsWidth(page, width);
  await shot(page, `${name}-07b-growth-plan`);
}

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("requestfailed", (r) => {
    // A navigation away aborts what the page was still loading.
    if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`failed ${r.url()}: ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.status() !== 429 && !r.url().endsWith("/auth/refresh"))
      problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  page.on("console", (m) => {
    // The simulator's consent page is not ours (it has no favicon).
    if (m.location().url.startsWith(stack.simulator.url)) return;
    if (m.type() === "error" && !/status of 4(01|29)/.test(m.text()))
      problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message}`));
  return problems;
}

/** The whole page, and what the first screen shows (the sticky header stays at the top). */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate('scrollTo({ top: 0, behavior: "instant" })');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-screen.png`) });
}

async function fitsWidth(page: Page, width: number): Promise<void> {
  expect(await page.evaluate("document.documentElement.scrollWidth")).toBe(width);
}

/** Deletes the Adam account from Settings: the password again, and an explicit "I understand". */
async function deleteTheAccount(page: Page, name: string, accountId: string): Promise<void> {
  await page.getByRole("button", { name: "Delete my account…" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete your Adam account?" });
  await confirm.waitFor();
  const button = confirm.getByRole("button", { name: "Delete my account" });
  expect(await button.isDisabled()).toBe(true);
  await confirm.getByLabel("Your password, to confirm").fill(PASSWORD);
  await confirm.getByLabel("I understand this deletes my account and data for good").check();
  await shot(page, `${name}-10-delete-dialog`);
  await button.click();
  await page.getByRole("heading", { name: "Log in to Adam" }).waitFor();
  await page.getByText("Your Adam account and all its data were deleted.").waitFor();
  // the history kept for the grace period went too
  const { rows: left } = await db.execute<{ n: number }>(
    `SELECT (SELECT count(*) FROM tiktok_accounts WHERE id = ${Number(accountId)})::int AS n`,
  );
  expect(left).toEqual([{ n: 0 }]);
  await page.reload();
  await page.getByRole("heading", { name: "Log in to Adam" }).waitFor();
}

/** Log out: the refresh cookie is gone, a reload lands on the log-in form. */
async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await page.getByRole("heading", { name: "Log in to Adam" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Log in to Adam" }).waitFor();
}

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true },
] as const;

describe.each(VIEWPORTS)("the dashboard on a $name", ({ name, viewport, isMobile }) => {
  it(
    "takes a new creator from sign-up to insights, charts, CSV exports and an alert",
    { timeout: 720_000 },
    async () => {
      stack.simulator.clock.set(Date.now());
      const creator = liveliestCreator(stack.simulator, 25, usedCreators);
      usedCreators.push(creator);
      const email = `creator-${name}-${Date.now()}@example.com`;
      const context: BrowserContext = await browser.newContext({
        viewport,
        isMobile,
        hasTouch: isMobile,
        acceptDownloads: true,
      });
      let page = await context.newPage();
      failing = page;
      const problems = watch(page);

      // Coming back from TikTok with an error says what happened, in words (and cleans the address).
      await page.goto(`${stack.pagesUrl}/app/?connect_error=expired_state#/login`);
      await page.getByText("The connection attempt took too long and expired").waitFor();
      expect(new URL(page.url()).search).toBe("");

      // Sign up from the landing site's call to action.
      await page.goto(`${stack.pagesUrl}/`);
      await page.locator(".nav-cta a.button-primary").click();
      await page.getByRole("heading", { name: "Create your Adam account" }).waitFor();
      await shot(page, `${name}-01-signup`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Create account" }).click();

      // No account yet: the empty state says what to do.
      await page.getByRole("heading", { name: "Connect your TikTok account" }).waitFor();
      await fitsWidth(page, viewport.width);
      await shot(page, `${name}-02-connect`);

      // TikTok's consent page (the simulator's), then back through the API's callback.
      await page.getByRole("button", { name: "Connect TikTok" }).click();
      await page.waitForURL(`${stack.simulator.url}/**`);
      await page.locator('input[name="creator"]').fill(String(creator));
      await shot(page, `${name}-03-consent`);
      // TikTok is slow for the first snapshot's video list, so "on its way" is there to see.
      stack.simulator.faults.add({ kind: "slow", endpoint: "video_list", count: 1, delayMs: 8_000 });
      const callback = page.waitForResponse((r) => r.url().startsWith(`${stack.apiUrl}/tiktok/callback`));
      await page.getByRole("button", { name: "Allow" }).click();
      const location = new URL((await callback).headers().location as string);
      const accountId = location.searchParams.get("connected") as string;
      expect(accountId, location.toString()).toMatch(/^\d+$/);
      await page.getByRole("heading", { name: "Your first snapshot is on its way" }).waitFor();
      await page.getByText("TikTok is connected").waitFor();
      expect(new URL(page.url()).search).toBe("");
      await fitsWidth(page, viewport.width);
      await shot(page, `${name}-04-first-snapshot`);

      // The user closes the tab; ingestion runs: the connect’s job, a cycle, two days, a cycle.
      await page.close();
      await until("the first snapshot", async () => (await snapshotCount(accountId)) === 1, 40_000);
      await cycle(accountId);
      const replayed = await replay(accountId);
      await cycle(accountId);
      let snapshots = replayed + 3;
      expect(await snapshotCount(accountId)).toBe(snapshots);

      // Back later: the session comes back from the refresh cookie; the browser's clock is TikTok's.
      page = await context.newPage();
      failing = page;
      const later = watch(page);
      /** The free plan's 10 data requests a minute: the next look starts a new minute. */
      const nextMinute = () => new Promise((done) => setTimeout(done, 61_000));
      await page.clock.install({ time: stack.simulator.clock.now() + 60_000 });
      await page.goto(`${stack.pagesUrl}/app/`);
      const followers = page.locator('[data-kpi="followers"] .kpi-value');
      await followers.waitFor();
      for (const kpi of ["followers", "views", "likes", "engagement-rate"]) {
        expect(await page.locator(`[data-kpi="${kpi}"] .kpi-value`).textContent()).toMatch(/\d/);
      }
      expect(await page.locator('[data-kpi="followers"] .kpi-change').textContent()).toMatch(/[+−±]\S+ 24 h/);
      expect(await page.locator('[data-kpi="engagement-rate"] .kpi-change').textContent()).toMatch(
        /[+−±][\d.]* pt 24 h/,
      );
      expect(await page.locator(".synced").textContent()).toMatch(/Last synced (just now|\d+ minutes? ago)/);
      await page.locator("#follower-chart canvas").waitFor();
      const points = JSON.parse((await page.locator("#follower-chart").getAttribute("data-points")) as string);
      expect(points.Followers).toBe(snapshots);

      // Insight cards.
      await page.locator(".insight").first().waitFor();
      expect(await page.locator(".insight").count()).toBeGreaterThanOrEqual(1);

      // The video table: sorted by posting date with a click, then by views from the keyboard. The
      // free plan allows 10 requests a minute and this visit spends 8 of them (connect and the first
      // look spent 2): a sort costs one only when the table may not hold every video, and only once.
      const rows = page.locator("table.videos tbody tr");
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(1);
      const column = async (n: number) => page.locator(`table.videos tbody tr > :nth-child(${n})`).allTextContents();
      const descending = (values: number[]) => expect(values).toEqual(values.toSorted((a, b) => b - a));
      await page.locator('button[data-sort="newest"]').click();
      await page.locator('th[aria-sort="descending"] button[data-sort="newest"]').waitFor();
      descending((await column(2)).map((d) => Date.parse(d)));
      await page.locator('button[data-sort="views"]').focus();
      await page.keyboard.press("Enter");
      await page.locator('th[aria-sort="descending"] button[data-sort="views"]').waitFor();
      descending((await column(3)).map((t) => Number(t.replaceAll(",", ""))));
      await fitsWidth(page, viewport.width);
      await shot(page, `${name}-05-overview`);

      // CSV of the account's history: every snapshot, as the API serves it.
      const [accountCsv] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Account history (CSV)" }).click(),
      ]);
      const accountRows = readFileSync(await accountCsv.path(), "utf8")
        .trim()
        .split("\r\n");
      expect(accountRows[0]).toBe("time,followers,following,likes,videos,views");
      expect(accountRows).toHaveLength(snapshots + 1);
      for (const row of accountRows.slice(1)) expect(row).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,\d+,\d+,\d+,\d+,\d+$/);

      // A video followed from its first hours: the one with the most snapshots.
      const { rows: picked } = await db.execute<{ id: string; n: number }>(
        `SELECT v.id, count(*)::int AS n FROM tiktok_videos v JOIN tiktok_video_snapshots s ON s.video_id = v.id
       WHERE v.account_id = ${Number(accountId)} GROUP BY v.id, v.create_time
       HAVING min(s.fetched_at) < v.create_time + interval '2 hours' ORDER BY count(*) DESC, v.id LIMIT 1`,
      );
      const video = picked[0];
      expect(video, "a video tracked from its first hours").toBeDefined();
      await page.locator('button[data-sort="newest"]').click();
      const more = page.getByRole("button", { name: /^Show all \d+ videos$/ });
      if (await more.isVisible()) await more.click();
      // the overview spent its minute (and its watch card one more, once scrolled near): a new one
      await nextMinute();
      await page.locator(`table.videos a[href="#/video/${video!.id}"]`).click();
      await page.locator("#velocity-chart canvas").waitFor();
      const curve = JSON.parse((await page.locator("#velocity-chart").getAttribute("data-points")) as string);
      expect(curve["This video"]).toBeGreaterThan(3);
      await page.locator(".forecasts").waitFor();
      await page.locator("#anomalies-title").waitFor();
      await page.locator(".anomalies, .anomalies + *, section:has(#anomalies-title) .empty").first().waitFor();
      await fitsWidth(page, viewport.width);
      await shot(page, `${name}-06-video`);
      await page.getByRole("button", { name: "Views per hour" }).click();
      await page.locator('[data-mode="rate"][aria-pressed="true"]').waitFor();
      expect(
        JSON.parse((await page.locator("#velocity-chart").getAttribute("data-points")) as string)[
          "This video (views/h)"
        ],
      ).toBeGreaterThan(2);

      const [videoCsv] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Video history (CSV)" }).click(),
      ]);
      const videoRows = readFileSync(await videoCsv.path(), "utf8")
        .trim()
        .split("\r\n");
      expect(videoRows[0]).toBe("time,slot,age_hours,views,likes,comments,shares");
      expect(videoRows).toHaveLength(video!.n + 1);
      for (const row of videoRows.slice(1)) {
        expect(row).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z,\d{4}-\d\d-\d\dT[\d:.]+Z,[\d.]+,\d+,\d+,\d+,\d+$/);
      }

      // Watch-time insights, the optional second connection: added from the overview through the
      // Accounts API's own consent page, read by the daily job (queued by the callback), then the
      // overview's watch card and a video's retention against the typical band.
      // The free plan's 10 data requests a minute: each look below starts a new minute (the
      // overview is 5 of them: metrics, history, insights, videos and the watch card).
      await page.locator(".crumbs .back").click();
      await nextMinute();
      await page.reload();
      // The panel loads when it comes near the screen (it sits below the fold).
      const watchCard = page.locator("#watch-overview");
      await watchCard.scrollIntoViewIfNeeded();
      await watchCard.getByText("how long people watch").waitFor();
      await watchCard.getByRole("button", { name: "Add watch-time insights" }).click();
      await page.waitForURL(`${stack.simulator.url}/**`);
      expect(new URL(page.url()).searchParams.get("client_key")).toBe(stack.vars.TIKTOK_BUSINESS_CLIENT_KEY);
      await page.locator('input[name="creator"]').fill(String(creator));
      const watchCallback = page.waitForResponse((r) => r.url().startsWith(`${stack.apiUrl}/tiktok/watch/callback`));
      await page.getByRole("button", { name: "Allow" }).click();
      const watchBack = new URL((await watchCallback).headers().location as string);
      expect(watchBack.searchParams.get("watch_connected"), watchBack.toString()).toBe(accountId);
      await page.getByText("Watch-time insights are added").waitFor();
      const returnedAt = Date.now();
      await until(
        "the first watch-time read",
        async () =>
          (
            await db.execute<{ n: number }>(
              `SELECT count(*)::int AS n FROM tiktok_ingest_logs WHERE kind = 'watch' AND status = 'ok' AND account_id = ${Number(accountId)}`,
            )
          ).rows[0]?.n === 1,
        60_000,
      );
      await new Promise((done) => setTimeout(done, Math.max(0, 61_000 - (Date.now() - returnedAt))));
      await page.reload();
      await watchCard.scrollIntoViewIfNeeded();
      await watchCard.locator(".activity-bars li").first().waitFor();
      expect(await watchCard.locator(".activity-bars li").count()).toBe(24);
      expect(await watchCard.locator(".kpi-value").first().textContent()).toMatch(/\d|—/);
      expect(await watchCard.getByText(/TikTok’s data through \d{4}-\d\d-\d\d/).count()).toBe(1);
      await fitsWidth(page, viewport.width);
      await watchCard.scrollIntoViewIfNeeded();
      await watchCard.screenshot({ path: join(SCREENSHOTS, `${name}-06a-watch-overview.png`) });
      const { rows: reported } = await db.execute<{ video_id: string }>(
        `SELECT video_id FROM tiktok_video_watch WHERE account_id = ${Number(accountId)} AND retention IS NOT NULL
         ORDER BY video_views DESC NULLS LAST LIMIT 1`,
      );
      await page.evaluate(`location.hash = "#/video/${reported[0]!.video_id}"`);
      await page.locator("#watch-video").scrollIntoViewIfNeeded();
      await page.locator("#retention-chart canvas").waitFor();
      const retention = JSON.parse((await page.locator("#retention-chart").getAttribute("data-points")) as string);
      expect(retention["This video"]).toBe(21);
      expect(retention["Your typical video"]).toBe(21);
      const sources = page.locator("#watch-video table.sources tbody tr");
      expect(await sources.count()).toBeGreaterThan(3);
      await page.locator("#watch-video").getByText("Why it dropped or started slowly").waitFor();
      const [watchCsv] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Watch data (CSV)" }).click(),
      ]);
      const watchRows = readFileSync(await watchCsv.path(), "utf8")
        .trim()
        .split("\r\n");
      expect(watchRows[0]).toBe("section,name,value,typical_p25,typical_p50_or_usual,typical_p75_or_recent");
      expect(watchRows.filter((r) => r.startsWith("retention,"))).toHaveLength(21);
      expect(watchRows.some((r) => r.startsWith("source,For You,"))).toBe(true);
      await fitsWidth(page, viewport.width);
      await page.locator("#watch-video").scrollIntoViewIfNeeded();
      await page.locator("#watch-video").screenshot({ path: join(SCREENSHOTS, `${name}-06b-watch-video.png`) });

      // Settings: what Adam holds, in one download, read line by line.
      await page.getByRole("link", { name: "Settings", exact: true }).click();
      await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
      const row = page.locator(`.connection[data-account="${accountId}"]`);
      await row.waitFor();
      await fitsWidth(page, viewport.width);
      await shot(page, `${name}-07-settings`);
      snapshots += await alertReachesTheCreator(page, name, accountId, email);
      // The plan is read again after each change (a data request each): a new minute of the free
      // plan's ten, as a creator would spend it (the watch-time steps above spent this one).
      await nextMinute();
      await growthPlanWorks(page, name, viewport.width);
      await page.getByRole("link", { name: "Settings", exact: true }).click();
      await row.waitFor();
      const [archive] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download my data" }).click(),
      ]);
      expect(archive.suggestedFilename()).toMatch(/^adam-export-\d{4}-\d\d-\d\d\.jsonl$/);
      const lines = readFileSync(await archive.path(), "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { type: string; email?: string; counts?: Record<string, number> });
      expect(lines[0]).toMatchObject({ type: "export", accounts: [accountId] });
      expect(lines.find((l) => l.type === "profile")?.email).toBe(email);
      expect(lines.filter((l) => l.type === "account_snapshot")).toHaveLength(snapshots);
      expect(lines.at(-1)).toMatchObject({ type: "end", counts: { account: 1, account_snapshot: snapshots } });
      await page.getByText(/^Saved adam-export-.*\.jsonl/).waitFor();

      // Disconnect, after a dialog that says what happens next.
      const { rows: before } = await db.execute<{ open_id: string }>(
        `SELECT open_id FROM tiktok_accounts WHERE id = ${Number(accountId)}`,
      );
      const openId = before[0]!.open_id;
      const grants = async () =>
        (await fetch(`${stack.simulator.url}/__sim/grants?open_id=${encodeURIComponent(openId)}`)).json();
      expect(await grants()).toMatchObject({ access: 1 });
      await row.getByRole("button", { name: "Disconnect…" }).click();
      const dialog = page.getByRole("dialog", { name: /^Disconnect / });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain("kept for 30 days");
      const erase = name === "phone";
      if (erase) await dialog.getByLabel("Delete this account’s history now instead").check();
      await shot(page, `${name}-08-disconnect-dialog`);
      await dialog.getByRole("button", { name: "Disconnect", exact: true }).click();
      await page.getByText(/is disconnected\. Adam no longer has access to it on TikTok\./).waitFor();
      await page.getByText("No TikTok account is connected.").waitFor();
      expect(await grants()).toEqual({ codes: 0, access: 0, refresh: 0 });
      const { rows: after } = await db.execute<{ status: string; credentials: number }>(
        `SELECT status, (SELECT count(*)::int FROM tiktok_credentials WHERE account_id = a.id) AS credentials
       FROM tiktok_accounts a WHERE id = ${Number(accountId)}`,
      );
      expect(after).toEqual(erase ? [] : [{ status: "revoked", credentials: 0 }]);
      await shot(page, `${name}-09-disconnected`);

      // The desktop deletes its Adam account; the phone logs out.
      await (name === "desktop" ? deleteTheAccount : logOut)(page, name, accountId);
      expect([...problems, ...later]).toEqual([]);
      await context.close();
    },
  );
});

describe("the dashboard's headers", () => {
  it("are served under a Content-Security-Policy that allows only itself, its API and avatars, and no framing", async () => {
    const res = await fetch(`${stack.pagesUrl}/app/`);
    const policy = res.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain(`connect-src 'self' ${stack.apiUrl}`);
    expect(policy).toContain(`img-src 'self' data: ${stack.simulator.url}`);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("the dashboard's weight", () => {
  it("ships under 100 KB of compressed JavaScript (and its CSS beside it)", async () => {
    const size = async (path: string) => {
      const body = Buffer.from(await (await fetch(`${stack.pagesUrl}/app/${path}`)).arrayBuffer());
      return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
    };
    const js = await size("build/app.js");
    const css = await size("build/app.css");
    console.log(`dashboard: app.js ${js.raw} B (${js.gzip} B gzip), app.css ${css.raw} B (${css.gzip} B gzip)`);
    expect(js.gzip).toBeLessThan(100 * 1024);
    expect(css.gzip).toBeLessThan(20 * 1024);
  });
});
