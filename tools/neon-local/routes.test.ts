/**
 * The endpoint's routes (a separate users database, USERS_DATABASE_URL): a request is served by
 * the backend routed for its exact connection string, every other by the default backend. Driven
 * by the real driver, against two in-memory PGlite databases.
 */
import { neon, neonConfig } from "@neondatabase/serverless";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getWithHost } from "../http-host.ts";
import { openBackend, type Backend } from "./backend.ts";
import { databaseKey, startNeonServer, type NeonServer } from "./server.ts";

const MAIN = "postgres://adam:adam@127.0.0.1:5480/adam";
const USERS = "postgres://adam:adam@127.0.0.1:5432/adam_users";

let main: Backend;
let users: Backend;
let server: NeonServer;

beforeAll(async () => {
  [main, users] = await Promise.all([openBackend({}), openBackend({})]);
  server = await startNeonServer({ backend: main, routes: new Map([[USERS, users]]) });
  neonConfig.fetchEndpoint = () => server.url;
}, 120_000);

afterAll(async () => {
  await server?.close();
  await Promise.all([main?.close(), users?.close()]);
});

/** The table's name if it exists in `backend`, else null (asked of the backend directly). */
async function table(backend: Backend, name: string): Promise<string | null> {
  const result = await backend.query({ text: "SELECT to_regclass($1)::text", params: [name] });
  return result.rows[0]?.[0] ?? null;
}

describe("routes", { timeout: 60_000 }, () => {
  it("runs a single query on the backend routed for its connection string, others on the default", async () => {
    await neon(USERS)`CREATE TABLE users_only (id int)`;
    await neon(MAIN)`CREATE TABLE main_only (id int)`;

    expect(await table(users, "users_only")).toBe("users_only");
    expect(await table(main, "users_only")).toBeNull();
    expect(await table(main, "main_only")).toBe("main_only");
    expect(await table(users, "main_only")).toBeNull();

    // and reads follow the same route
    expect(await neon(USERS)`SELECT to_regclass('users_only')::text AS t, to_regclass('main_only')::text AS m`).toEqual(
      [{ t: "users_only", m: null }],
    );
    expect(await neon(MAIN)`SELECT to_regclass('users_only')::text AS t, to_regclass('main_only')::text AS m`).toEqual([
      { t: null, m: "main_only" },
    ]);
  });

  it("runs a transaction() on the backend routed for its connection string, others on the default", async () => {
    const u = neon(USERS);
    const results = await u.transaction([
      u`CREATE TABLE users_tx (id int)`,
      u`INSERT INTO users_tx VALUES (1), (2)`,
      u`SELECT count(*)::int AS n FROM users_tx`,
    ]);
    expect(results[2]).toEqual([{ n: 2 }]);
    const m = neon(MAIN);
    await m.transaction([m`CREATE TABLE main_tx (id int)`, m`INSERT INTO main_tx VALUES (1)`]);

    expect(await table(users, "users_tx")).toBe("users_tx");
    expect(await table(main, "users_tx")).toBeNull();
    expect(await table(main, "main_tx")).toBe("main_tx");
    expect(await table(users, "main_tx")).toBeNull();
  });

  it("sends another database on the same server to the default backend", async () => {
    await neon(USERS.replace("/adam_users", "/adam_other"))`CREATE TABLE other_db (id int)`;
    expect(await table(main, "other_db")).toBe("other_db");
    expect(await table(users, "other_db")).toBeNull();
  });

  it("reports a Postgres error of the routed backend as the driver expects (400 with its code)", async () => {
    // the table exists in the default backend only
    await expect(neon(USERS)`SELECT * FROM main_only`).rejects.toMatchObject({ code: "42P01" });
    await expect(neon(MAIN)`SELECT * FROM main_only`).resolves.toEqual([]);
  });
});

describe("databaseKey", () => {
  it("names a database by user, host, port and database, whatever the scheme, password and parameters", () => {
    const key = "adam@127.0.0.1:5432/adam_users";
    expect(databaseKey(USERS)).toBe(key);
    // what driver 1.x sends for USERS
    expect(
      databaseKey(
        "postgresql://adam:adam@127.0.0.1:5432/adam_users?application_name=pkg%3Anpm%2F%2540neondatabase%2Fserverless%401.2.0",
      ),
    ).toBe(key);
    expect(databaseKey("postgres://adam:other@127.0.0.1/adam_users?sslmode=disable")).toBe(key);
  });

  it("tells apart another user, host, port or database", () => {
    const keys = [
      USERS,
      "postgres://eve:adam@127.0.0.1:5432/adam_users",
      "postgres://adam:adam@localhost:5432/adam_users",
      "postgres://adam:adam@127.0.0.1:5433/adam_users",
      "postgres://adam:adam@127.0.0.1:5432/adam",
    ].map(databaseKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("keeps a string that is not a URL as it is", () => {
    expect(databaseKey("not a url")).toBe("not a url");
  });
});

describe("backend failures", { timeout: 60_000 }, () => {
  /** A backend that cannot be reached, failing as a socket does. */
  const broken = (error: Error): Backend => ({
    name: "postgres",
    query: () => Promise.reject(error),
    batch: () => Promise.reject(error),
    close: async () => undefined,
  });

  async function post(url: string) {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Neon-Connection-String": MAIN, "Neon-Raw-Text-Output": "true" },
      body: JSON.stringify({ query: "SELECT 1", params: [] }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  it("answers 500 'database unavailable' for a socket error, even one whose code looks like a SQLSTATE", async () => {
    const logged: string[] = [];
    const local = await startNeonServer({
      backend: broken(Object.assign(new Error("write EPIPE"), { code: "EPIPE", errno: -32, syscall: "write" })),
      log: (line) => logged.push(line),
    });
    try {
      expect(await post(local.url)).toEqual({
        status: 500,
        json: { message: "database unavailable: write EPIPE" },
      });
      expect(logged).toEqual(["backend failure: write EPIPE"]);
    } finally {
      await local.close();
    }
  });

  it("answers 400 with the error's fields for a Postgres error", async () => {
    const error = Object.assign(new Error('relation "nope" does not exist'), {
      code: "42P01",
      severity: "ERROR",
      position: "15",
    });
    const local = await startNeonServer({ backend: broken(error) });
    try {
      expect(await post(local.url)).toEqual({
        status: 400,
        json: { message: 'relation "nope" does not exist', code: "42P01", severity: "ERROR", position: "15" },
      });
    } finally {
      await local.close();
    }
  });
});

describe("DNS rebinding", () => {
  it("answers nothing to a request that names another host, even on loopback", async () => {
    const rebound = await getWithHost(server.url.replace("/sql", "/stats"), "evil.example:5480");
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain("sql_requests");
    expect((await getWithHost(server.url.replace("/sql", "/stats"), "127.0.0.1")).status).toBe(200);
  });
});
