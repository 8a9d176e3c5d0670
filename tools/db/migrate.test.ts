import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { neon, neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBackend, type Backend } from "../neon-local/backend.ts";
import { startNeonServer, type NeonServer } from "../neon-local/server.ts";
import { applyFolder } from "./migrate.ts";

const CONNECTION = "postgres://adam:adam@127.0.0.1:5480/adam";
let backend: Backend;
let server: NeonServer;

/** A migrations folder as drizzle-kit writes it: a journal and one SQL file per tag. */
function folder(migrations: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "adam-migrations-"));
  mkdirSync(join(dir, "meta"));
  writeFileSync(
    join(dir, "meta", "_journal.json"),
    JSON.stringify({ entries: Object.keys(migrations).map((tag) => ({ tag })) }),
  );
  for (const [tag, text] of Object.entries(migrations)) writeFileSync(join(dir, `${tag}.sql`), text);
  return dir;
}

beforeAll(async () => {
  backend = await openBackend({});
  server = await startNeonServer({ backend });
  neonConfig.fetchEndpoint = () => server.url;
});
afterAll(async () => {
  await server.close();
  await backend.close();
});

describe("the migrator", () => {
  it("applies each migration once, and is a no-op when run again", async () => {
    const dir = folder({
      "0000_a": "CREATE TABLE m_a (id int PRIMARY KEY)",
      "0001_b": "INSERT INTO m_a VALUES (1)\n--> statement-breakpoint\nINSERT INTO m_a VALUES (2)",
    });
    const sql = neon(CONNECTION);
    expect(await applyFolder(sql, "test-a", dir)).toEqual(["test-a/0000_a", "test-a/0001_b"]);
    expect(await applyFolder(sql, "test-a", dir)).toEqual([]);
    expect(await sql`SELECT count(*)::int AS n FROM m_a`).toEqual([{ n: 2 }]);
  });

  it("stops at a migration that fails, even with a unique violation, and applies nothing after it", async () => {
    const dir = folder({
      "0000_a": "CREATE TABLE m_b (v int)\n--> statement-breakpoint\nINSERT INTO m_b VALUES (1), (1)",
      "0001_b": "CREATE UNIQUE INDEX m_b_v ON m_b (v)",
      "0002_c": "CREATE TABLE m_c (id int)",
    });
    const sql = neon(CONNECTION);
    await expect(applyFolder(sql, "test-b", dir)).rejects.toThrow(
      /migration test-b\/0001_b failed: could not create unique index/,
    );
    expect(await sql`SELECT tag FROM adam_schema_migrations WHERE set_name = 'test-b' ORDER BY tag`).toEqual([
      { tag: "0000_a" },
    ]);
    expect(await sql`SELECT to_regclass('m_c') IS NULL AS absent`).toEqual([{ absent: true }]);
  });

  it("refuses a migration edited after it was applied", async () => {
    const sql = neon(CONNECTION);
    await applyFolder(sql, "test-c", folder({ "0000_a": "CREATE TABLE m_d (id int)" }));
    await expect(applyFolder(sql, "test-c", folder({ "0000_a": "CREATE TABLE m_d (id bigint)" }))).rejects.toThrow(
      "migration test-c/0000_a was edited after it was applied; add a new migration instead",
    );
  });
});
