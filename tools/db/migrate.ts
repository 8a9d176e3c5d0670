/**
 * Applies migrations/tiktok to DATABASE_URL and migrations/identity to USERS_DATABASE_URL (or
 * DATABASE_URL), through the production driver: a Neon database, or the local endpoint when
 * NEON_HTTP_ENDPOINT is set. Each migration runs in one transaction with its bookkeeping row,
 * under an advisory lock, so a half-applied migration or two racing migrators cannot happen.
 *
 *   node tools/db/migrate.ts            (env: DATABASE_URL, USERS_DATABASE_URL, NEON_HTTP_ENDPOINT)
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { neon, neonConfig, type NeonQueryFunction } from "@neondatabase/serverless";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const LOCK_KEY = 7_203_711; // any constant shared by every migrator of this project

export const MIGRATION_SETS = ["tiktok", "identity"] as const;
export type MigrationSet = (typeof MIGRATION_SETS)[number];

interface Migration {
  tag: string;
  hash: string;
  statements: string[];
}

/** A drizzle-kit migrations folder: its journal, and each migration's statements and hash. */
export function readMigrations(folder: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  return journal.entries.map(({ tag }) => {
    const text = readFileSync(join(folder, `${tag}.sql`), "utf8");
    return {
      tag,
      hash: createHash("sha256").update(text).digest("hex"),
      statements: text
        .split("--> statement-breakpoint")
        .map((s) => s.trim())
        .filter(Boolean),
    };
  });
}

/** Applies the migrations of `folder` not yet recorded under `set`; returns the ones applied. */
export async function applyFolder(
  sql: NeonQueryFunction<false, false>,
  set: string,
  folder: string,
): Promise<string[]> {
  const lock = sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`;
  await sql.transaction([
    lock,
    sql`CREATE TABLE IF NOT EXISTS public.adam_schema_migrations (
          set_name text NOT NULL, tag text NOT NULL, hash text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (set_name, tag))`,
  ]);
  const rows = (await sql`SELECT tag, hash FROM public.adam_schema_migrations WHERE set_name = ${set}`) as {
    tag: string;
    hash: string;
  }[];
  const applied = new Map(rows.map((r) => [r.tag, r.hash]));
  const done: string[] = [];
  for (const migration of readMigrations(folder)) {
    const previous = applied.get(migration.tag);
    if (previous !== undefined) {
      if (previous !== migration.hash) {
        throw new Error(
          `migration ${set}/${migration.tag} was edited after it was applied; add a new migration instead`,
        );
      }
      continue;
    }
    try {
      await sql.transaction([
        lock,
        // First, so a migrator that lost the race fails here, before any DDL runs.
        sql`INSERT INTO public.adam_schema_migrations (set_name, tag, hash) VALUES (${set}, ${migration.tag}, ${migration.hash})`,
        ...migration.statements.map((statement) => sql.query(statement)),
      ]);
      done.push(`${set}/${migration.tag}`);
    } catch (error) {
      // applied meanwhile by another migrator: our bookkeeping row is the duplicate (a unique
      // violation from the migration's own statements is a failure like any other)
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === "23505" && constraint === "adam_schema_migrations_pkey") continue;

      throw new Error(`migration ${set}/${migration.tag} failed: ${(error as Error).message}`, { cause: error });
    }
  }
  return done;
}

export async function migrate(options: {
  databaseUrl: string;
  usersDatabaseUrl?: string;
  neonHttpEndpoint?: string;
}): Promise<string[]> {
  if (options.neonHttpEndpoint) neonConfig.fetchEndpoint = () => options.neonHttpEndpoint as string;
  const folderOf = (set: MigrationSet) => join(ROOT, "migrations", set);
  const applied = await applyFolder(neon(options.databaseUrl), "tiktok", folderOf("tiktok"));
  applied.push(
    ...(await applyFolder(neon(options.usersDatabaseUrl ?? options.databaseUrl), "identity", folderOf("identity"))),
  );
  return applied;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error("DATABASE_URL is not set (e.g. a Neon connection string, or the local one from .dev.vars)");
    process.exit(2);
  }
  migrate({
    databaseUrl,
    usersDatabaseUrl: process.env.USERS_DATABASE_URL || undefined,
    neonHttpEndpoint: process.env.NEON_HTTP_ENDPOINT || undefined,
  }).then(
    (applied) => console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date"),
    (error: Error) => {
      console.error(error.message);
      process.exit(1);
    },
  );
}
