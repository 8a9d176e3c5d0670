import type { AccountHistory, AccountMetrics } from "../../../contract";
import type { TiktokDb } from "../../../db/client";
import { readAccountMetrics, readAccountSeries, readVideoOwnerMetrics } from "../../../db/queries/accounts";
import { accountNotFound, videoNotFound } from "../../access";
import { toMetrics } from "../../account-card";
import type { Part } from "./part";

/** Not snapshotted yet: the dashboard polls for the first snapshot, so that answer is not cached. */
const metricsPart = (body: AccountMetrics): Part<AccountMetrics> => ({ body, store: body.last_synced_at !== null });

export async function accountMetrics(db: TiktokDb, accountId: string): Promise<Part<AccountMetrics>> {
  const m = await readAccountMetrics(db, accountId);
  if (!m) throw accountNotFound();
  return metricsPart(toMetrics(m));
}

/** The metrics of the account a video of the token's accounts belongs to. */
export async function videoOwnerMetrics(
  db: TiktokDb,
  videoId: string,
  accountIds: string[],
): Promise<Part<AccountMetrics>> {
  const m = await readVideoOwnerMetrics(db, videoId, accountIds);
  if (!m) throw videoNotFound();
  return metricsPart(toMetrics(m));
}

export async function accountHistory(db: TiktokDb, accountId: string, days: number): Promise<Part<AccountHistory>> {
  const series = await readAccountSeries(db, accountId, days);
  if (!series) throw accountNotFound();
  return { body: { account_id: accountId, days, series }, store: true };
}
