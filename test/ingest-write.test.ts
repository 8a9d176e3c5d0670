import { beforeEach, describe, expect, it } from "vitest";
import type { Anomaly, Insight } from "../src/analytics";
import { createTiktokDb } from "../src/db/client";
import { BatchStatementError, scrubDbError, storableErrorMessage } from "../src/db/errors";
import { writeJobResult } from "../src/db/queries/ingest";
import { resetDatabase, sql } from "./helpers/db";
import { seedAccount } from "./helpers/fixtures";
import { jobResult } from "./helpers/job-result";
import { config } from "./helpers/tokens";

/** The snapshot job's one write batch: each statement named, so a failure says which one it was. */
const NOW = Date.parse("2026-12-01T12:00:00Z");

const anomaly = (severity: string): Anomaly => ({
  eventKey: "e1",
  videoId: null,
  metric: "followers",
  kind: "spike",
  severity: severity as Anomaly["severity"],
  score: 6.2,
  confidence: 0.5,
  windowStart: NOW - 4 * 3600_000,
  windowEnd: NOW,
  observed: 900,
  expected: 120,
  details: {},
});

const insight = (severity: string): Insight => ({
  factKey: "fact-1",
  videoId: null,
  kind: "followers_spike",
  severity: severity as Insight["severity"],
  title: "Followers spiking",
  body: "+900 followers in 4 h.",
  evidence: {},
  rank: 100,
  expiresAt: NOW + 86_400_000,
});

const job = (accountId: string, anomalies: Anomaly[], insights: Insight[]) =>
  jobResult(accountId, NOW, { anomalies, insights });

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the write should have failed"),
    (error: unknown) => error,
  );

beforeEach(resetDatabase);

describe("the snapshot job's write batch", () => {
  it("names the statement a constraint failed in, and writes nothing of the batch", async () => {
    const accountId = await seedAccount("open-named-batch");
    const error = await failureOf(writeJobResult(createTiktokDb(config), job(accountId, [anomaly("apocalyptic")], [])));
    expect(error).toBeInstanceOf(BatchStatementError);
    expect((error as BatchStatementError).statement).toBe("upsert anomalies");
    expect(scrubDbError(error)).toEqual({
      code: "23514",
      message: "check violation (tiktok_anomalies_severity_check)",
      statement: "upsert anomalies",
    });
    expect(storableErrorMessage(error)).toBe(
      "23514: check violation (tiktok_anomalies_severity_check) in upsert anomalies",
    );
    // one transaction: the account snapshot written before the failing statement was rolled back
    expect(await sql`SELECT count(*)::int AS n FROM tiktok_account_snapshots`).toEqual([{ n: 0 }]);
  });

  it("names every statement that writes the table when Postgres' answer cannot tell them apart", async () => {
    const accountId = await seedAccount("open-named-batch");
    const error = await failureOf(writeJobResult(createTiktokDb(config), job(accountId, [], [insight("dire")])));
    expect((error as BatchStatementError).statement).toBe("upsert insights or delete expired insights");
  });

  it("counts the facts written, not the outbox or the log row", async () => {
    const accountId = await seedAccount("open-named-batch");
    const written = await writeJobResult(createTiktokDb(config), job(accountId, [anomaly("high")], [insight("high")]));
    // the account snapshot, the account's update, one anomaly, one insight
    expect(written).toEqual({ rowsWritten: 4, newAlertIds: [] });
  });
});
