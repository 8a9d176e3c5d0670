/**
 * The local Neon endpoint as a process: `npm run db:local [-- --fresh] [--port 5480]`.
 * Embedded PGlite in .data/pglite by default; a real PostgreSQL server when DATABASE_URL (or
 * --database-url) names one. A Neon URL needs no local endpoint: the worker talks to Neon itself.
 */
import { rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { isNeonUrl, openBackend } from "./backend.ts";
import { startNeonServer } from "./server.ts";

export const DEFAULT_PORT = 5480;
export const DEFAULT_DATA_DIR = ".data/pglite";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: String(DEFAULT_PORT) },
    data: { type: "string", default: DEFAULT_DATA_DIR },
    fresh: { type: "boolean", default: false },
    "database-url": { type: "string" },
  },
});

const databaseUrl = values["database-url"] ?? (process.env.DATABASE_URL || undefined);
if (databaseUrl && isNeonUrl(databaseUrl)) {
  console.error("DATABASE_URL is a Neon database: the worker talks to it directly, no local endpoint needed");
  process.exit(2);
}
if (values.fresh && !databaseUrl) rmSync(values.data, { recursive: true, force: true });
const backend = await openBackend({ databaseUrl, dataDir: values.data });
const server = await startNeonServer({ backend, port: Number(values.port), log: (line) => console.error(line) });
console.log(`local neon endpoint (${backend.name}) on ${server.url}`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void server
      .close()
      .then(() => backend.close())
      .then(() => process.exit(0));
  });
}
