import type { TiktokDb, UsersDb } from "../db/client";
import {
  accountDaysPage,
  accountLine,
  accountSnapshotsPage,
  alertSettingsLine,
  alertsPage,
  anomaliesPage,
  coachPage,
  insightsPage,
  profileLine,
  sessionsPage,
  videoSnapshotsPage,
  videosPage,
  videoWatchPage,
  watchConnectionPage,
  accountWatchDaysPage,
  accountAudiencePage,
  type ExportPage,
} from "../db/queries/export";
import { accountsOfUser } from "../db/queries/users";

/**
 * Everything Adam holds about a user and the accounts they hold, as JSON lines: a header, the
 * profile and sessions, then per account its row, history (30-minute snapshots and daily closes),
 * videos and their history, anomalies, insights, alerts (with where each went), what the creator
 * set in the growth plan (time zone, goals, experiments, their own labels), watch-time insights
 * (the connection without its tokens, TikTok's daily metrics and each video's daily copies), and the
 * user's alert settings (no push keys, no webhook secrets), and a last `end` line with the counts (a
 * download without it was cut short). Produced page by page as the reader asks for more: a year of
 * history is never in memory at once. The accounts are the ones the users database says are the
 * user's (held now, or let go of and still in their grace period), not a token's claims.
 */
export const EXPORT_FORMAT = "adam-export/1";

/** Rows per round trip; a page stays well under the Neon proxy's 10 MB answer. */
const PAGE = { history: 5_000, videos: 500, small: 1_000 } as const;

export interface ExportDeps {
  db: TiktokDb;
  usersDb: UsersDb;
  now: () => number;
}

type Pager = (after: string | null, limit: number) => Promise<ExportPage>;
type AccountPager = (db: TiktokDb, accountId: string, after: string | null, limit: number) => Promise<ExportPage>;

/** An account's tables after its row, in export order: each one's pager and page size. */
const ACCOUNT_TABLES: [AccountPager, number][] = [
  [accountSnapshotsPage, PAGE.history],
  [accountDaysPage, PAGE.history],
  [videosPage, PAGE.videos],
  [videoSnapshotsPage, PAGE.history],
  [anomaliesPage, PAGE.small],
  [insightsPage, PAGE.small],
  [alertsPage, PAGE.small],
  [coachPage, PAGE.small],
  [watchConnectionPage, PAGE.small],
  [accountWatchDaysPage, PAGE.history],
  [accountAudiencePage, PAGE.small],
  [videoWatchPage, PAGE.videos],
];

async function* pages(pager: Pager, limit: number): AsyncGenerator<string[]> {
  let after: string | null = null;
  do {
    const page = await pager(after, limit);
    if (page.lines.length) yield page.lines;
    after = page.next;
  } while (after !== null);
}

/** The user's export as batches of lines, for a stream to write; undefined when there is no such user. */
export async function exportUser(deps: ExportDeps, userId: string): Promise<AsyncGenerator<string[]> | undefined> {
  const profile = await profileLine(deps.usersDb, userId);
  if (!profile) return undefined;
  const { held, released } = await accountsOfUser(deps.usersDb, userId);
  return exportLines(deps, userId, profile, [...held, ...released]);
}

async function* exportLines(
  deps: ExportDeps,
  userId: string,
  profile: string,
  accounts: string[],
): AsyncGenerator<string[]> {
  const counts: Record<string, number> = {};
  const count = (lines: string[]) => {
    for (const line of lines) {
      const type = /^\{"type" ?: ?"([a-z_]+)"/.exec(line)?.[1] ?? "other";
      counts[type] = (counts[type] ?? 0) + 1;
    }
    return lines;
  };
  yield [
    JSON.stringify({
      type: "export",
      format: EXPORT_FORMAT,
      generated_at: new Date(deps.now()).toISOString(),
      user_id: userId,
      accounts,
    }),
    ...count([profile]),
  ];
  for await (const lines of pages((a, n) => sessionsPage(deps.usersDb, userId, a, n), PAGE.small)) yield count(lines);
  yield count([await alertSettingsLine(deps.usersDb, userId)]);
  for (const id of accounts) {
    const account = await accountLine(deps.db, id);
    if (!account) continue;
    yield count([account]);
    for (const [pager, limit] of ACCOUNT_TABLES) {
      for await (const lines of pages((a, n) => pager(deps.db, id, a, n), limit)) yield count(lines);
    }
  }
  yield [JSON.stringify({ type: "end", counts })];
}

/**
 * The lines as a byte stream that asks for the next page only when the reader has taken the last
 * one (pull, high-water mark of one chunk). A failure half-way errors the stream: the download
 * stops without its `end` line.
 */
export function linesStream(
  lines: AsyncGenerator<string[]>,
  onError: (error: unknown) => void,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await lines.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(`${next.value.join("\n")}\n`));
        } catch (error) {
          onError(error);
          controller.error(error);
        }
      },
      async cancel() {
        await lines.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
