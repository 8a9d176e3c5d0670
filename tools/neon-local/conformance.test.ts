/**
 * Conformance of the local Neon endpoint with Neon's SQL-over-HTTP protocol, driven by the real
 * driver (`@neondatabase/serverless`) and by `drizzle-orm/neon-http`, against every backend this
 * machine offers: embedded PGlite always, and the PostgreSQL server named by TEST_DATABASE_URL.
 * Where both run, the raw answers of the two are also compared with each other.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { neon, neonConfig, type NeonQueryFunction } from "@neondatabase/serverless";
import { eq, sql as dsql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/neon-http";
import { integer, pgSchema, text as textColumn } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBackend, type Backend } from "./backend.ts";
import { openPglite } from "./pglite-backend.ts";
import { startNeonServer, type NeonServer } from "./server.ts";

const CONNECTION = "postgres://adam:adam@127.0.0.1:5480/adam";
const HEADERS = {
  "Neon-Connection-String": CONNECTION,
  "Neon-Raw-Text-Output": "true",
  "Neon-Array-Mode": "true",
};

const backends: { name: string; open: () => Promise<Backend> }[] = [{ name: "pglite", open: () => openBackend({}) }];
if (process.env.TEST_DATABASE_URL) {
  backends.push({ name: "postgres", open: () => openBackend({ databaseUrl: process.env.TEST_DATABASE_URL }) });
} else {
  console.warn("TEST_DATABASE_URL is not set: the conformance suite runs against PGlite only");
}

/** The schema these tests own, so they never touch the application's tables. */
const conformance = pgSchema("conformance");
const items = conformance.table("items", {
  id: integer("id").primaryKey(),
  name: textColumn("name").notNull(),
  qty: integer("qty").notNull(),
});

async function post(url: string, body: unknown, headers: Record<string, string> = HEADERS) {
  const res = await fetch(url, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json: json as Record<string, unknown> };
}

/** Every value the driver asks for comes back in Postgres text format. */
const TYPES_QUERY = `SELECT 9007199254740993::int8 AS big, 123.4500::numeric AS num, 1.5::float8 AS f,
  true AS yes, false AS no, '2026-01-02 03:04:05.678+00'::timestamptz AS ts, '2026-01-02'::date AS d,
  '1 day 02:03:04'::interval AS iv, '{"b":1,"a":[1,"x"]}'::jsonb AS j,
  ARRAY['a,b', 'c"d', NULL, 'e\\f']::text[] AS arr, ARRAY[1,2,3]::int4[] AS ints,
  '\\x00ff10'::bytea AS bin, NULL::text AS nothing, 'héllo ✓ 日本 🚀' AS uni, '' AS empty`;

const TYPES_TEXT = [
  "9007199254740993",
  "123.4500",
  "1.5",
  "t",
  "f",
  "2026-01-02 03:04:05.678+00",
  "2026-01-02",
  "1 day 02:03:04",
  '{"a": [1, "x"], "b": 1}',
  '{"a,b","c\\"d",NULL,"e\\\\f"}',
  "{1,2,3}",
  "\\x00ff10",
  null,
  "héllo ✓ 日本 🚀",
  "",
];

const rawAnswers: Record<string, unknown[]> = {};

describe.each(backends)("local Neon endpoint on $name", ({ name, open }) => {
  let backend: Backend;
  let server: NeonServer;
  let sql: NeonQueryFunction<false, false>;
  const answers: unknown[] = [];

  beforeAll(async () => {
    backend = await open();
    server = await startNeonServer({ backend });
    neonConfig.fetchEndpoint = () => server.url;
    sql = neon(CONNECTION);
    await sql`DROP SCHEMA IF EXISTS conformance CASCADE`;
    await sql`CREATE SCHEMA conformance`;
    await sql`CREATE TABLE conformance.items (id int PRIMARY KEY, name text NOT NULL, qty int NOT NULL CHECK (qty >= 0))`;
    await sql`CREATE TABLE conformance.parents (id int PRIMARY KEY)`;
    await sql`CREATE TABLE conformance.children (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES conformance.parents(id))`;
    await sql`CREATE TABLE conformance.counter (id int PRIMARY KEY, n int NOT NULL)`;
    await sql`INSERT INTO conformance.counter VALUES (1, 0)`;
  });

  afterAll(async () => {
    rawAnswers[name] = answers;
    await sql`DROP SCHEMA IF EXISTS conformance CASCADE`;
    await server.close();
    await backend.close();
  });

  describe("wire format", () => {
    it("returns every type in Postgres text format, in array mode, with field metadata", async () => {
      const { status, json, headers } = await post(server.url, { query: TYPES_QUERY, params: [] });
      expect(status).toBe(200);
      expect(headers.get("content-type")).toBe("application/json");
      expect(json.rows).toEqual([TYPES_TEXT]);
      expect(json.command).toBe("SELECT");
      expect(json.rowCount).toBe(1);
      expect(json.rowAsArray).toBe(true);
      const fields = json.fields as { name: string; dataTypeID: number; format: string }[];
      expect(fields.map((f) => [f.name, f.dataTypeID])).toEqual([
        ["big", 20],
        ["num", 1700],
        ["f", 701],
        ["yes", 16],
        ["no", 16],
        ["ts", 1184],
        ["d", 1082],
        ["iv", 1186],
        ["j", 3802],
        ["arr", 1009],
        ["ints", 1007],
        ["bin", 17],
        ["nothing", 25],
        ["uni", 25],
        ["empty", 25],
      ]);
      expect(fields.every((f) => f.format === "text")).toBe(true);
      answers.push(json.rows);
    });

    it("returns rows as objects when array mode is off", async () => {
      const { json } = await post(
        server.url,
        { query: "SELECT 1 AS a, 'x' AS b", params: [] },
        { ...HEADERS, "Neon-Array-Mode": "false" },
      );
      expect(json.rows).toEqual([{ a: "1", b: "x" }]);
      expect(json.rowAsArray).toBe(false);
    });

    it("needs no JSON content type, as the driver sends none", async () => {
      const res = await fetch(server.url, {
        method: "POST",
        headers: { ...HEADERS, "Content-Type": "text/plain;charset=UTF-8" },
        body: JSON.stringify({ query: "SELECT 2 AS two", params: [] }),
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { rows: unknown }).rows).toEqual([["2"]]);
    });

    it("reports command tags and row counts as Neon does, null for DDL", async () => {
      const create = await post(server.url, { query: "CREATE TABLE conformance.tmp (x int)", params: [] });
      expect([create.json.command, create.json.rowCount]).toEqual(["CREATE", null]);
      const insert = await post(server.url, { query: "INSERT INTO conformance.tmp VALUES (1), (2), (3)", params: [] });
      expect([insert.json.command, insert.json.rowCount, insert.json.rows]).toEqual(["INSERT", 3, []]);
      const update = await post(server.url, {
        query: "UPDATE conformance.tmp SET x = x + $1 WHERE x > 1",
        params: ["10"],
      });
      expect([update.json.command, update.json.rowCount]).toEqual(["UPDATE", 2]);
      const del = await post(server.url, { query: "DELETE FROM conformance.tmp", params: [] });
      expect([del.json.command, del.json.rowCount]).toEqual(["DELETE", 3]);
      answers.push([create.json.command, insert.json.rowCount, update.json.rowCount, del.json.rowCount]);
    });

    it("turns JSON params into text as Neon does: numbers, booleans, arrays, objects, null", async () => {
      const { json } = await post(server.url, {
        query:
          "SELECT $1::int + 1 AS n, $2::bool AS b, $3::text[] AS arr, $4::jsonb ->> 'k' AS k, $5::text IS NULL AS isnull",
        params: [41, true, ["x,y", 'q"'], { k: "v" }, null],
      });
      expect(json.rows).toEqual([["42", "t", '{"x,y","q\\""}', "v", "t"]]);
    });

    it("refuses two statements in one query, as the extended protocol does", async () => {
      const { status, json } = await post(server.url, { query: "SELECT 1; SELECT 2", params: [] });
      expect(status).toBe(400);
      expect(json.code).toBe("42601");
      expect(json.message).toBe("cannot insert multiple commands into a prepared statement");
    });

    it("answers a response over 10 MB with 507, as Neon's proxy does", async () => {
      const { status, text } = await post(server.url, { query: "SELECT repeat('x', 11000000) AS big", params: [] });
      expect(status).toBe(507);
      expect(text).toBe("response is too large (max is 10485760 bytes)");
    });
  });

  describe("malformed requests", () => {
    it.each([
      [
        "a missing connection string",
        { "Neon-Raw-Text-Output": "true" },
        '{"query":"SELECT 1"}',
        "missing connection string (Neon-Connection-String header)",
      ],
      [
        "a bad connection string",
        { ...HEADERS, "Neon-Connection-String": "mysql://x" },
        '{"query":"SELECT 1"}',
        "invalid connection string: expected postgres://user:password@host/database",
      ],
      ["a body that is not JSON", HEADERS, "{nope", "request body is not valid JSON"],
      ["a query that is not a string", HEADERS, '{"query":42}', "`query` must be a string"],
      [
        "an unknown isolation level",
        { ...HEADERS, "Neon-Batch-Isolation-Level": "Chaos" },
        '{"queries":[]}',
        "invalid isolation level: Chaos",
      ],
    ])("answers %s with 400 and a message", async (_label, headers, body, message) => {
      const res = await post(server.url, body, headers as Record<string, string>);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ message });
    });
  });

  describe("errors", () => {
    it.each([
      [
        "a unique violation",
        "INSERT INTO conformance.items VALUES (1, 'a', 1), (1, 'b', 1)",
        {
          code: "23505",
          constraint: "items_pkey",
          detail: "Key (id)=(1) already exists.",
          table: "items",
          schema: "conformance",
        },
      ],
      [
        "a check violation",
        "INSERT INTO conformance.items VALUES (2, 'a', -1)",
        { code: "23514", constraint: "items_qty_check" },
      ],
      [
        "a not-null violation",
        "INSERT INTO conformance.items (id, qty) VALUES (3, 1)",
        { code: "23502", column: "name" },
      ],
      [
        "a foreign-key violation",
        "INSERT INTO conformance.children VALUES (1, 99)",
        { code: "23503", constraint: "children_parent_id_fkey" },
      ],
      ["a syntax error", "SELEC 1", { code: "42601", position: "1" }],
      ["division by zero", "SELECT 1 / 0", { code: "22012" }],
    ])("answers %s with 400 and the Postgres fields the driver reads", async (_label, query, expected) => {
      const { status, json } = await post(server.url, { query, params: [] });
      expect(status).toBe(400);
      expect(json).toMatchObject({ severity: "ERROR", ...expected });
      expect(typeof json.message).toBe("string");
      answers.push([json.code, json.constraint ?? null, json.message]);
    });

    it("surfaces them through the driver as NeonDbError with code, constraint and detail", async () => {
      await sql`INSERT INTO conformance.items VALUES (10, 'ten', 1)`;
      const error = await sql`INSERT INTO conformance.items VALUES (10, 'again', 1)`.catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: "NeonDbError",
        code: "23505",
        constraint: "items_pkey",
        detail: "Key (id)=(10) already exists.",
      });
    });
  });

  describe("the driver", () => {
    it("parses values with pg-types: int8 as string, bool, json, arrays, bytea, null", async () => {
      const [row] = (await sql.query(TYPES_QUERY)) as Record<string, unknown>[];
      expect(row).toMatchObject({
        big: "9007199254740993",
        num: "123.4500",
        f: 1.5,
        yes: true,
        no: false,
        j: { a: [1, "x"], b: 1 },
        arr: ["a,b", 'c"d', null, "e\\f"],
        ints: [1, 2, 3],
        nothing: null,
        uni: "héllo ✓ 日本 🚀",
        empty: "",
      });
      expect(new Date(row?.ts as string).toISOString()).toBe("2026-01-02T03:04:05.678Z");
      expect(Buffer.from(row?.bin as Uint8Array).toString("hex")).toBe("00ff10");
    });

    it("sends Date, array, object and Buffer params the way Postgres reads them", async () => {
      const when = new Date("2026-05-06T07:08:09.010Z");
      const [row] = await sql`SELECT ${when}::timestamptz = '2026-05-06T07:08:09.010Z'::timestamptz AS same_instant,
        ${["p", "q,r"]}::text[] AS arr, ${{ deep: { x: [1] } }}::jsonb #>> '{deep,x,0}' AS deep,
        encode(${Buffer.from([1, 2, 255])}::bytea, 'hex') AS hex, ${null}::int IS NULL AS isnull`;
      expect(row).toEqual({ same_instant: true, arr: ["p", "q,r"], deep: "1", hex: "0102ff", isnull: true });
    });

    it("returns full results with command, row count and fields", async () => {
      const result = await sql.query("UPDATE conformance.counter SET n = n WHERE id = $1", [1], { fullResults: true });
      expect(result).toMatchObject({ command: "UPDATE", rowCount: 1, rows: [] });
    });

    it("commits a transaction() as one unit", async () => {
      const [, , count] = await sql.transaction([
        sql`INSERT INTO conformance.items VALUES (20, 'a', 1)`,
        sql`INSERT INTO conformance.items VALUES (21, 'b', 2)`,
        sql`SELECT count(*)::int AS n FROM conformance.items WHERE id IN (20, 21)`,
      ]);
      expect(count).toEqual([{ n: 2 }]);
    });

    it("rolls the whole transaction() back when one statement fails, and reports that error", async () => {
      const error = await sql
        .transaction([
          sql`INSERT INTO conformance.items VALUES (30, 'kept?', 1)`,
          sql`INSERT INTO conformance.items VALUES (30, 'duplicate', 1)`,
          sql`INSERT INTO conformance.items VALUES (31, 'never', 1)`,
        ])
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: "NeonDbError", code: "23505", constraint: "items_pkey" });
      expect(await sql`SELECT id FROM conformance.items WHERE id IN (30, 31)`).toEqual([]);
      // the backend is usable afterwards: nothing is left in an aborted transaction
      expect(await sql`SELECT 1 AS ok`).toEqual([{ ok: 1 }]);
    });

    it("honours the isolation level, read-only and deferrable options of a batch", async () => {
      const [[iso], [ro], [def]] = (await sql.transaction(
        [sql`SHOW transaction_isolation`, sql`SHOW transaction_read_only`, sql`SHOW transaction_deferrable`],
        { isolationLevel: "Serializable", readOnly: true, deferrable: true },
      )) as [Record<string, string>[], Record<string, string>[], Record<string, string>[]];
      expect([iso?.transaction_isolation, ro?.transaction_read_only, def?.transaction_deferrable]).toEqual([
        "serializable",
        "on",
        "on",
      ]);
      const [[level]] = (await sql.transaction([sql`SHOW transaction_isolation`], {
        isolationLevel: "RepeatableRead",
      })) as [Record<string, string>[]];
      expect(level?.transaction_isolation).toBe("repeatable read");
      const write = await sql
        .transaction([sql`INSERT INTO conformance.items VALUES (40, 'x', 1)`], { readOnly: true })
        .catch((e: unknown) => e);
      expect(write).toMatchObject({ code: "25006" });
    });

    it("echoes the batch options on the response", async () => {
      const { status, headers } = await post(
        server.url,
        { queries: [{ query: "SELECT 1", params: [] }] },
        { ...HEADERS, "Neon-Batch-Isolation-Level": "ReadCommitted", "Neon-Batch-Read-Only": "true" },
      );
      expect(status).toBe(200);
      expect(headers.get("neon-batch-isolation-level")).toBe("ReadCommitted");
      expect(headers.get("neon-batch-read-only")).toBe("true");
    });

    it("loses no update when transactions run concurrently", async () => {
      await Promise.all(
        Array.from({ length: 25 }, () =>
          sql.transaction([
            sql`UPDATE conformance.counter SET n = n + 1 WHERE id = 1`,
            sql`SELECT n FROM conformance.counter`,
          ]),
        ),
      );
      expect(await sql`SELECT n FROM conformance.counter WHERE id = 1`).toEqual([{ n: 25 }]);
    });
  });

  describe("drizzle-orm/neon-http", () => {
    let database: ReturnType<typeof drizzle>;
    const db = () => (database ??= drizzle({ client: sql }));

    it("inserts, selects and updates with returning", async () => {
      const inserted = await db().insert(items).values({ id: 50, name: "fifty", qty: 5 }).returning();
      expect(inserted).toEqual([{ id: 50, name: "fifty", qty: 5 }]);
      const updated = await db()
        .update(items)
        .set({ qty: dsql`${items.qty} + 1` })
        .where(eq(items.id, 50))
        .returning({ qty: items.qty });
      expect(updated).toEqual([{ qty: 6 }]);
      expect(await db().select().from(items).where(eq(items.id, 50))).toEqual([{ id: 50, name: "fifty", qty: 6 }]);
    });

    it("runs db.batch atomically and returns each statement's result", async () => {
      const [insert, rows] = await db().batch([
        db()
          .insert(items)
          .values([
            { id: 60, name: "a", qty: 1 },
            { id: 61, name: "b", qty: 2 },
          ]),
        db()
          .select({ id: items.id })
          .from(items)
          .where(dsql`${items.id} >= 60`)
          .orderBy(items.id),
      ]);
      expect(insert.rowCount).toBe(2);
      expect(rows).toEqual([{ id: 60 }, { id: 61 }]);

      const error = await db()
        .batch([
          db().insert(items).values({ id: 62, name: "c", qty: 1 }),
          db().insert(items).values({ id: 60, name: "dup", qty: 1 }),
        ])
        .catch((e: unknown) => e);
      expect((error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code).toBe("23505");
      expect(await db().select().from(items).where(eq(items.id, 62))).toEqual([]);
    });
  });
});

describe("PGlite storage", () => {
  // two PGlite start-ups (a few seconds each on a busy machine)
  it("keeps data in its folder across restarts", { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "adam-pglite-"));
    try {
      const first = await openPglite(dir);
      await first.query({ text: "CREATE TABLE kept (v text)", params: [] });
      await first.query({ text: "INSERT INTO kept VALUES ($1)", params: ["still here"] });
      await first.close();
      const second = await openPglite(dir);
      expect((await second.query({ text: "SELECT v FROM kept", params: [] })).rows).toEqual([["still here"]]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(backends.length > 1)("PGlite against PostgreSQL", () => {
  it("gives the same raw answers for the same requests", () => {
    expect(rawAnswers.pglite).toEqual(rawAnswers.postgres);
  });
});
