import { mkdirSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { serialize } from "pg-protocol";
import { acquireLock } from "../dev/lock.ts";
import type { Backend } from "./backend.ts";
import { beginStatement, fieldOf, type Field, type Query, type QueryResult } from "./protocol.ts";

/** A Postgres error as the wire protocol reports it, thrown so callers see `code`, `detail`, … */
class PgliteDatabaseError extends Error {
  constructor(fields: Record<string, unknown>) {
    super(String(fields.message ?? "database error"));
    Object.assign(this, fields);
  }
}

interface Message {
  name: string;
  fields?: unknown[];
  text?: string;
  [key: string]: unknown;
}

/**
 * Each statement goes through Parse/Bind/Describe/Execute/Sync, the extended protocol Neon's
 * proxy uses, so the same things fail (e.g. two statements in one query) and every value comes
 * back in Postgres text format exactly as a server would send it.
 */
function extendedQuery(query: Query): Uint8Array {
  const parts = [
    serialize.parse({ text: query.text, types: [] }),
    serialize.bind({ values: query.params }),
    serialize.describe({ type: "P" }),
    serialize.execute({}),
    serialize.sync(),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export interface PgliteOptions {
  /** Empty the data folder first (after the lock is taken). */
  fresh?: boolean;
  /** What this process is, for the message another one gets: "npm run dev". */
  label?: string;
}

/**
 * PGlite in memory, or in `dataDir`. A folder is locked for this process first (`<dataDir>.lock`,
 * released by close() or at exit): PGlite is one embedded server, and two processes on one
 * folder corrupt it, so another process on the same folder is refused before anything is opened
 * or deleted.
 */
export async function openPglite(dataDir?: string, settings: PgliteOptions = {}): Promise<Backend> {
  const lock = dataDir ? acquireLock(`${resolve(dataDir)}.lock`, dataDir, settings.label) : undefined;
  let opened: PGlite | undefined;
  try {
    if (dataDir) {
      if (settings.fresh) rmSync(dataDir, { recursive: true, force: true });
      mkdirSync(dataDir, { recursive: true });
    }
    opened = await PGlite.create(dataDir);
    await opened.exec("SET TIME ZONE 'UTC'");
  } catch (error) {
    await opened?.close().catch(() => undefined);
    lock?.release();
    throw error;
  }
  const db = opened;

  // PGlite is a single connection: statements from concurrent requests must not interleave,
  // least of all inside another request's transaction.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };

  async function runStatement(query: Query): Promise<QueryResult> {
    const { messages } = await db.execProtocol(extendedQuery(query), { throwOnError: false });
    const result: QueryResult = { commandTag: "", fields: [], rows: [] };
    for (const message of messages as unknown as Message[]) {
      switch (message.name) {
        case "rowDescription":
          result.fields = (message.fields as Field[]).map(fieldOf);
          break;
        case "dataRow":
          result.rows.push(message.fields as (string | null)[]);
          break;
        case "commandComplete":
          result.commandTag = message.text ?? "";
          break;
        case "error": {
          // an Error subclass: its `message` is not enumerable, so it is copied by name
          const { name: _name, length: _length, ...fields } = message;
          throw new PgliteDatabaseError({ ...fields, message: (message as { message?: string }).message });
        }
      }
    }
    return result;
  }

  return {
    name: "pglite",
    query: (query) => exclusive(() => runStatement(query)),
    batch: (queries, options) =>
      exclusive(async () => {
        await runStatement({ text: beginStatement(options), params: [] });
        try {
          const results: QueryResult[] = [];
          for (const query of queries) results.push(await runStatement(query));
          await runStatement({ text: "COMMIT", params: [] });
          return results;
        } catch (error) {
          await runStatement({ text: "ROLLBACK", params: [] });
          throw error;
        }
      }),
    close: () => exclusive(() => db.close()).finally(() => lock?.release()),
  };
}
