import type { BatchItem } from "drizzle-orm/batch";
import type { TiktokDb } from "./client";
import { BatchStatementError, failedTable } from "./errors";

/** One statement of a write batch, named for the logs. */
export interface NamedStatement {
  /** What it does, as a failure log says it ("upsert videos"). */
  name: string;
  /** The table it writes: how a failure is traced back to it. */
  table: string;
  /** Its row count is part of what the caller reports as written. */
  counted?: boolean;
  query: BatchItem<"pg">;
}

/** A write batch: at least one statement. */
export type NamedBatch = readonly [NamedStatement, ...NamedStatement[]];

/**
 * Runs the statements as one batch (one round trip, one transaction, all or nothing) and answers
 * their results in order. Neon's answer to a failed batch names no statement, but Postgres names
 * the table a constraint failed in: the error is rethrown as a BatchStatementError naming the
 * statement that writes that table (or the candidates, when several do, or the batch when
 * Postgres named no table).
 */
export async function runNamedBatch(db: TiktokDb, statements: NamedBatch): Promise<unknown[]> {
  const [first, ...rest] = statements;
  try {
    return await db.batch([first.query, ...rest.map((s) => s.query)]);
  } catch (error) {
    const table = failedTable(error);
    const suspects = statements.filter((s) => s.table === table).map((s) => s.name);
    throw new BatchStatementError(suspects.length ? suspects.join(" or ") : "the write batch", error);
  }
}
