import type { BatchOptions, Query, QueryResult } from "./protocol.ts";

/**
 * A database the local Neon endpoint can serve. `query` runs one statement in autocommit;
 * `batch` runs all statements in one transaction and rolls back on the first error.
 * Postgres errors are thrown with their SQLSTATE `code` and detail fields; anything else
 * thrown means the database itself could not be reached.
 */
export interface Backend {
  readonly name: "pglite" | "postgres";
  query(query: Query): Promise<QueryResult>;
  batch(queries: Query[], options: BatchOptions): Promise<QueryResult[]>;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** A postgres:// URL of a real server. When absent, embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite's data folder; omitted means in memory. Locked for this process while open. */
  dataDir?: string;
  /** Empty PGlite's data folder first, once it is locked (a server's database is never touched). */
  fresh?: boolean;
  /** What this process is, for the message another process on the same folder gets. */
  label?: string;
}

export async function openBackend(options: BackendOptions): Promise<Backend> {
  if (options.databaseUrl) {
    const { openPostgres } = await import("./pg-backend.ts");
    return openPostgres(options.databaseUrl);
  }
  const { openPglite } = await import("./pglite-backend.ts");
  return openPglite(options.dataDir, { fresh: options.fresh, label: options.label });
}

/** Neon serves its own HTTP endpoint; anything else postgres:// is a server we front ourselves. */
export function isNeonUrl(url: string): boolean {
  try {
    return new URL(url).hostname.endsWith(".neon.tech");
  } catch {
    return false;
  }
}
