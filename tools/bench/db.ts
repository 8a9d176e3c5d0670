/**
 * `npm run bench:db`: round-trip times through the production driver and the local Neon
 * endpoint, for each backend, beside the same work done straight on the backend (no HTTP, no
 * JSON), so later changes can be compared against a baseline measured in the same run.
 * PGlite always; PostgreSQL when TEST_DATABASE_URL (or --postgres URL) names a server.
 */
import { parseArgs } from "node:util";
import { neon, neonConfig } from "@neondatabase/serverless";
import { openBackend, type Backend } from "../neon-local/backend.ts";
import { startNeonServer } from "../neon-local/server.ts";
import { printTable, time, type Summary } from "./stats.ts";

const { values } = parseArgs({
  options: { postgres: { type: "string" }, runs: { type: "string", default: "200" } },
});
const runs = Number(values.runs);
const postgresUrl = values.postgres ?? (process.env.TEST_DATABASE_URL || undefined);
const ROWS = 1_000;

const multiRowInsert = (rows: readonly unknown[]) =>
  `INSERT INTO bench_rows (id, n, name) VALUES ${rows.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(", ")}`;

const rowsOf = (offset: number) =>
  Array.from({ length: ROWS }, (_, i) => [`id-${offset}-${i}`, String(i * 7), `name ${i}`] as const);

async function measure(name: string, open: () => Promise<Backend>): Promise<(string | number)[][]> {
  const backend = await open();
  const server = await startNeonServer({ backend });
  neonConfig.fetchEndpoint = () => server.url;
  const sql = neon("postgres://adam:adam@127.0.0.1:5480/adam");
  await sql`DROP TABLE IF EXISTS bench_rows`;
  await sql`CREATE TABLE bench_rows (id text PRIMARY KEY, n bigint NOT NULL, name text NOT NULL)`;

  let batch = 0;
  const nextRows = () => rowsOf(batch++);

  const results: [string, Summary][] = [
    ["SELECT 1 (driver → endpoint)", await time(() => sql`SELECT 1 AS one`, runs)],
    ["SELECT 1 (backend directly)", await time(() => backend.query({ text: "SELECT 1 AS one", params: [] }), runs)],
    [
      `${ROWS}-row INSERT, one statement (driver)`,
      await time(
        () => {
          const rows = nextRows();
          return sql.query(multiRowInsert(rows), rows.flat());
        },
        30,
        3,
      ),
    ],
    [
      `${ROWS}-row INSERT, one statement (backend directly)`,
      await time(
        () => {
          const rows = nextRows();
          return backend.query({ text: multiRowInsert(rows), params: rows.flat() });
        },
        30,
        3,
      ),
    ],
    [
      `${ROWS} INSERTs in one transaction() (driver)`,
      await time(
        () =>
          sql.transaction(
            nextRows().map(([id, n, label]) => sql`INSERT INTO bench_rows VALUES (${id}, ${n}, ${label})`),
          ),
        10,
        2,
      ),
    ],
  ];
  await sql`DROP TABLE bench_rows`;
  await server.close();
  await backend.close();
  return results.map(([label, s]) => [name, label, s.runs, s.p50, s.p95, s.mean]);
}

const rows = await measure("pglite", () => openBackend({}));
if (postgresUrl) rows.push(...(await measure("postgres", () => openBackend({ databaseUrl: postgresUrl }))));
else console.log("(set TEST_DATABASE_URL or --postgres URL to measure a PostgreSQL server too)");
printTable(
  `Database round trips, milliseconds (${new Date().toISOString()})`,
  ["backend", "operation", "runs", "p50", "p95", "mean"],
  rows,
);
