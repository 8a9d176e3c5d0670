import { expect, vi } from "vitest";
import { browse, connectThroughBrowser, consentForm, newUser } from "./connect";
import { sql } from "./db";
import { BUSINESS_SCOPES } from "./simulator";
import { bearer, tokenFor } from "./tokens";

/** A user holding one connected creator, with a token that lists the account. */
export async function creatorWithAccount(creator: number) {
  const user = await newUser();
  const { dashboard } = await connectThroughBrowser(user, { creator });
  const id = dashboard.searchParams.get("connected") as string;
  const token = await tokenFor({ sub: user.userId, tiktokAccountIds: [id] });
  return { ...user, id, token };
}

/** Adam's watch connect route → TikTok's consent page for the Accounts API app → Adam's watch callback. */
export async function addWatchThroughBrowser(
  user: Awaited<ReturnType<typeof creatorWithAccount>>,
  options: { creator: number; decision?: "allow" | "deny"; grant?: string[] },
) {
  const start = await browse(user.jar, `http://adam.test/api/v1/accounts/${user.id}/watch/connect`, {
    headers: bearer(user.token),
  });
  expect(start.status).toBe(302);
  const authorize = start.headers.get("location") as string;
  const page = await fetch(authorize);
  expect(page.status).toBe(200);
  const form = consentForm(await page.text());
  const body = new URLSearchParams(form.fields);
  body.set("creator", String(options.creator));
  for (const scope of options.grant ?? BUSINESS_SCOPES) body.append("grant", scope);
  body.set("decision", options.decision ?? "allow");
  const consent = await fetch(new URL(form.action, authorize), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
    redirect: "manual",
  });
  expect(consent.status).toBe(302);
  const callback = consent.headers.get("location") as string;
  const landed = await browse(user.jar, callback);
  expect(landed.status).toBe(302);
  return { authorize, callback, dashboard: new URL(landed.headers.get("location") as string) };
}

/**
 * Waits for the account's first daily watch job to have written everything (its copies, then the
 * connection's summary), and returns its most viewed video with a retention curve. Waiting on the
 * data itself, not on an "ok" log line: a job left over from an earlier test may log one too.
 */
export async function watchJobDone(accountId: string): Promise<string> {
  return vi.waitFor(
    async () => {
      const [row] = (await sql`SELECT w.video_id FROM tiktok_video_watch w JOIN tiktok_videos v ON v.id = w.video_id
        WHERE v.account_id = ${accountId} AND w.retention IS NOT NULL
          AND EXISTS (SELECT 1 FROM tiktok_watch_connections c WHERE c.account_id = ${accountId}
            AND c.last_fetched_at IS NOT NULL AND c.summary ? 'version')
          AND EXISTS (SELECT 1 FROM tiktok_ingest_logs l WHERE l.kind = 'watch' AND l.status = 'ok' AND l.account_id = ${accountId})
        ORDER BY w.video_views DESC LIMIT 1`) as { video_id: string }[];
      if (!row) throw new Error("the daily watch job has not finished yet");
      return row.video_id;
    },
    { timeout: 20_000, interval: 150 },
  );
}
