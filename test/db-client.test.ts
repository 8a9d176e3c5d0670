import { sql as dsql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTiktokDb } from "../src/db/client";
import { isDatabaseUnavailable } from "../src/db/errors";
import { loadConfig } from "../src/env";
import { testEnv } from "./helpers/env";

describe("database clients", () => {
  it("give every statement its own deadline, not one for the client's whole life", async () => {
    const db = createTiktokDb(loadConfig(testEnv), { timeoutMs: 300 });
    await db.execute(dsql`SELECT 1`);
    await new Promise((resolve) => setTimeout(resolve, 450));
    // a job that spent longer than the deadline on TikTok calls can still write its result
    expect((await db.execute(dsql`SELECT 2 AS two`)).rows).toEqual([{ two: 2 }]);
  });

  it("abort a statement that does not answer in time, as a database outage", async () => {
    const db = createTiktokDb(loadConfig(testEnv), { timeoutMs: 200 });
    const error = await db.execute(dsql`SELECT pg_sleep(1)`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});
