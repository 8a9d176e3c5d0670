import { sql as dsql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { createTiktokDb, createUsersDb } from "../src/db/client";
import { describeDatabaseError, scrubDbError, storableErrorMessage } from "../src/db/errors";
import { loadConfig } from "../src/env";
import { errorFields } from "../src/log";
import { TikTokError } from "../src/tiktok/errors";
import { resetDatabase } from "./helpers/db";
import { testEnv } from "./helpers/env";

/** What a rejected promise rejected with. */
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("the statement should have failed"),
    (error: unknown) => error,
  );

/** Everything an error carries that a careless log line could print: message, stack, cause, fields. */
const everything = (error: unknown): string => {
  const parts: string[] = [];
  for (let current = error; current && typeof current === "object"; current = (current as Error).cause) {
    parts.push(String((current as Error).message), String((current as Error).stack), JSON.stringify(current));
  }
  return parts.join("\n");
};

const SECRET = "sk_live_7f3a9c-do-not-log";

describe("scrubDbError", () => {
  beforeEach(resetDatabase);

  it("keeps a unique violation's SQLSTATE and constraint, and drops the duplicated value", async () => {
    const db = createUsersDb(loadConfig(testEnv));
    const insert = () =>
      db.execute(dsql`INSERT INTO identity.users (email, password_hash) VALUES (${`${SECRET}@example.com`}, 'x')`);
    await insert();
    const error = await failureOf(insert());
    expect(everything(error)).toContain(SECRET); // the driver's error does carry it (detail, parameters)

    expect(scrubDbError(error)).toEqual({ code: "23505", message: "unique violation (users_email_unique)" });
    expect(JSON.stringify(describeDatabaseError(error))).not.toContain(SECRET);
    expect(describeDatabaseError(error)).toEqual({
      error: "NeonDbError",
      code: "23505",
      message: "unique violation (users_email_unique)",
    });
  });

  it("drops a bad parameter's value and the SQL text from an invalid input error", async () => {
    const db = createTiktokDb(loadConfig(testEnv));
    const error = await failureOf(db.execute(dsql`SELECT id FROM tiktok_accounts WHERE id = ${SECRET}::bigint`));
    expect(everything(error)).toContain(SECRET);
    expect(everything(error)).toContain("FROM tiktok_accounts");

    expect(scrubDbError(error)).toEqual({ code: "22P02", message: "invalid text representation" });
    expect(storableErrorMessage(error)).toBe("22P02: invalid text representation");
    const logged = JSON.stringify(errorFields(error));
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain("tiktok_accounts");
    expect(errorFields(error)).toEqual({
      error: "NeonDbError",
      code: "22P02",
      message: "invalid text representation",
    });
  });

  it("says a statement that did not answer in time timed out, and nothing of the statement", async () => {
    const db = createTiktokDb(loadConfig(testEnv), { timeoutMs: 200 });
    const error = await failureOf(db.execute(dsql`SELECT pg_sleep(1), ${SECRET}::text`));
    expect(scrubDbError(error)).toEqual({ code: "timeout", message: "the database did not answer in time" });
  });

  it("says an endpoint that does not answer as Neon does is unavailable, and nothing of its answer", async () => {
    // a server that is not a Neon endpoint: it answers the driver's POST with an HTTP error
    const config = loadConfig({ ...testEnv, NEON_HTTP_ENDPOINT: `${testEnv.TEST_OUTBOX_SINK}/not-neon` });
    let error: unknown;
    try {
      error = await failureOf(createTiktokDb(config).execute(dsql`SELECT ${SECRET}::text`));
    } finally {
      createTiktokDb(loadConfig(testEnv)); // the endpoint is the driver's global: point it back
    }
    expect(everything(error)).toContain("not found"); // the server's answer, quoted by the driver
    expect(scrubDbError(error)).toEqual({ code: "unavailable", message: "the database could not be reached" });
    expect(JSON.stringify(errorFields(error))).not.toContain("not found");
  });

  it("leaves errors that did not come from the database alone", () => {
    expect(scrubDbError(new Error("queue unavailable"))).toBeUndefined();
    expect(storableErrorMessage(new Error("queue unavailable"))).toBe("queue unavailable");
    // TikTok's error codes are words, not SQLSTATEs
    const tiktok = new TikTokError("rate_limit_exceeded", "slow down", { endpoint: "user_info" });
    expect(scrubDbError(tiktok)).toBeUndefined();
    expect(errorFields(tiktok)).toMatchObject({
      error: "TikTokError",
      message: "user_info: rate_limit_exceeded: slow down",
    });
    expect(storableErrorMessage("a thrown string")).toBe("a thrown string");
  });
});
