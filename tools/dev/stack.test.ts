import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LockedError, startTimeOf } from "./lock.ts";
import { type DatabasePlan, planDatabases, takeDataDir } from "./stack.ts";

const NEON = "postgres://adam:secret@ep-quiet-sun-123456.us-east-2.aws.neon.tech/adam?sslmode=require";
const NEON_USERS = "postgres://adam:secret@ep-users-654321.eu-central-1.aws.neon.tech/users?sslmode=require";
const LOCAL = "postgres://adam:adam@127.0.0.1:5432/adam";
const LOCAL_USERS = "postgres://adam:adam@127.0.0.1:5432/adam_users";

const NEON_TOO =
  "USERS_DATABASE_URL must be a Neon database too when DATABASE_URL is one (the worker reaches both through one endpoint)";
const NOT_NEON =
  "USERS_DATABASE_URL is a Neon database but DATABASE_URL is not: set DATABASE_URL to Neon too, or USERS_DATABASE_URL to a PostgreSQL server";

describe("planDatabases", () => {
  it.each<[string, Parameters<typeof planDatabases>, DatabasePlan]>([
    [
      "serves PGlite through the local endpoint when no URL is given",
      [],
      { neon: false, databaseUrl: undefined, usersDatabaseUrl: undefined, vars: {} },
    ],
    [
      "fronts a PostgreSQL server with the local endpoint, passing the worker nothing",
      [LOCAL],
      { neon: false, databaseUrl: LOCAL, usersDatabaseUrl: undefined, vars: {} },
    ],
    [
      "gives the worker a Neon URL directly, with the local endpoint switched off",
      [NEON],
      {
        neon: true,
        databaseUrl: NEON,
        usersDatabaseUrl: undefined,
        vars: { DATABASE_URL: NEON, NEON_HTTP_ENDPOINT: "" },
      },
    ],
    [
      "passes a separate Neon users database as USERS_DATABASE_URL",
      [NEON, NEON_USERS],
      {
        neon: true,
        databaseUrl: NEON,
        usersDatabaseUrl: NEON_USERS,
        vars: { DATABASE_URL: NEON, NEON_HTTP_ENDPOINT: "", USERS_DATABASE_URL: NEON_USERS },
      },
    ],
  ])("%s", (_, urls, plan) => {
    expect(planDatabases(...urls)).toStrictEqual(plan);
  });

  it("passes a separate PostgreSQL users database as USERS_DATABASE_URL, for the endpoint to route", () => {
    expect(planDatabases(LOCAL, LOCAL_USERS)).toStrictEqual({
      neon: false,
      databaseUrl: LOCAL,
      usersDatabaseUrl: LOCAL_USERS,
      vars: { USERS_DATABASE_URL: LOCAL_USERS },
    });
    // the main database on PGlite, the users database on a server
    expect(planDatabases(undefined, LOCAL_USERS)).toStrictEqual({
      neon: false,
      databaseUrl: undefined,
      usersDatabaseUrl: LOCAL_USERS,
      vars: { USERS_DATABASE_URL: LOCAL_USERS },
    });
  });

  it("does not count a users URL equal to DATABASE_URL as a separate database", () => {
    expect(planDatabases(NEON, NEON)).toStrictEqual(planDatabases(NEON));
    expect(planDatabases(LOCAL, LOCAL)).toStrictEqual(planDatabases(LOCAL));
    expect(planDatabases(LOCAL, "")).toStrictEqual(planDatabases(LOCAL));
  });

  it("refuses to mix Neon and local databases", () => {
    expect(() => planDatabases(NEON, LOCAL_USERS)).toThrow(new Error(NEON_TOO));
    expect(() => planDatabases(LOCAL, NEON_USERS)).toThrow(new Error(NOT_NEON));
    expect(() => planDatabases(undefined, NEON_USERS)).toThrow(new Error(NOT_NEON));
  });

  it("counts only hosts under .neon.tech as Neon", () => {
    expect(planDatabases("postgres://adam:adam@neon.tech.example.com/adam").neon).toBe(false);
    expect(planDatabases("postgres://adam:adam@myneon.tech/adam").neon).toBe(false);
    expect(planDatabases("not a url .neon.tech").neon).toBe(false);
  });
});

describe("takeDataDir", () => {
  let dataDir: string;
  let stateFile: string;
  const lockFile = () => join(dataDir, "adam-dev.lock");

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), "adam-data-"));
    mkdirSync(join(dataDir, "wrangler", "v3", "kv"), { recursive: true });
    writeFileSync(join(dataDir, "wrangler", "v3", "kv", "blob"), "kv");
    mkdirSync(join(dataDir, "pglite"));
    writeFileSync(join(dataDir, "pglite", "PG_VERSION"), "17");
    stateFile = join(dataDir, "tiktok-sim.json");
    writeFileSync(stateFile, "{}");
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("with fresh, takes the lock and empties wrangler's state and the simulator's, not PGlite's", () => {
    const lock = takeDataDir({ dataDir, fresh: true, simulatorStateFile: stateFile });
    try {
      expect(lock.file).toBe(lockFile());
      expect(JSON.parse(readFileSync(lockFile(), "utf8")).pid).toBe(process.pid);
      expect(existsSync(join(dataDir, "wrangler"))).toBe(false);
      expect(existsSync(stateFile)).toBe(false);
      expect(existsSync(join(dataDir, "pglite", "PG_VERSION"))).toBe(true);
    } finally {
      lock.release();
    }
    expect(existsSync(lockFile())).toBe(false);
  });

  it("without fresh, takes the lock and keeps every state", () => {
    const lock = takeDataDir({ dataDir, fresh: false, simulatorStateFile: stateFile });
    lock.release();
    expect(existsSync(join(dataDir, "wrangler", "v3", "kv", "blob"))).toBe(true);
    expect(existsSync(stateFile)).toBe(true);
  });

  it("with fresh, touches nothing while another live process holds the directory", () => {
    const holder = JSON.stringify({ pid: process.ppid, started: startTimeOf(process.ppid), label: "npm run dev" });
    writeFileSync(lockFile(), holder);
    expect(() => takeDataDir({ dataDir, fresh: true, simulatorStateFile: stateFile })).toThrow(LockedError);
    expect(readFileSync(join(dataDir, "wrangler", "v3", "kv", "blob"), "utf8")).toBe("kv");
    expect(readFileSync(stateFile, "utf8")).toBe("{}");
    expect(readFileSync(lockFile(), "utf8")).toBe(holder);
  });

  it("refuses a second stack on the same directory from this process", () => {
    const lock = takeDataDir({ dataDir, fresh: false });
    try {
      expect(() => takeDataDir({ dataDir, fresh: true, simulatorStateFile: stateFile })).toThrow(
        `another Adam dev stack is using ${dataDir} (pid ${process.pid}, npm run dev)`,
      );
      expect(existsSync(stateFile)).toBe(true);
      expect(existsSync(join(dataDir, "wrangler"))).toBe(true);
    } finally {
      lock.release();
    }
  });
});
