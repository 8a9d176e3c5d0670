import type { TokenVault } from "../connections/token-vault";
import type { TiktokDb } from "../db/client";
import type { CallCounter } from "../tiktok/call-counter";

/** What an ingestion job runs with, whichever TikTok API its client speaks. */
export interface IngestJobDeps<Client> {
  db: TiktokDb;
  client: Client;
  vault: TokenVault;
  /** Real time, for logs and the token's lifetime; observations are timed by TikTok's Date header. */
  now: () => number;
  /** TikTok calls made so far by this job's client (the ingest log records them, by endpoint). */
  calls: CallCounter;
  sleep?: (ms: number) => Promise<void>;
}
