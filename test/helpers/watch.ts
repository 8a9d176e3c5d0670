import { vi } from "vitest";
import { connectThroughBrowser, consentThroughBrowser, newUser, type Consent } from "./connect";
import { sql } from "./db";
import { BUSINESS_SCOPES } from "./simulator";
import { tokenFor } from "./tokens";

/** A user holding one connected creator, with a token that lists the account. */
export async function creatorWithAccount(creator: number) {
  const user = await newUser();
  const { dashboard } = await connectThroughBrowser(user, { creator });
  const id = dashboard.searchParams.get("connected") as string;
  const token = await tokenFor({ sub: user.userId, tiktokAccountIds: [id] });
  return { ...user, id, token };
}

/** Adam's watch connect route → TikTok's consent page for the Accounts API app → Adam's watch callback. */
export function addWatchThroughBrowser(user: Awaited<ReturnType<typeof creatorWithAccount>>, consent: Consent) {
  const url = `http://adam.test/api/v1/accounts/${user.id}/watch/connect`;
  return consentThroughBrowser(user.jar, { url, token: user.token, scopes: BUSINESS_SCOPES }, consent);
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
