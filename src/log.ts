import { describeDatabaseError } from "./db/errors";

/**
 * Structured logs: one JSON object per line, which Workers Logs indexes by field. Callers pass
 * identifiers and figures, never tokens or passwords.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, time: new Date().toISOString(), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

/**
 * An error as log fields. A database error is scrubbed (src/db/errors.ts): its message and stack
 * can carry the SQL text and the values it was run with.
 */
export function errorFields(error: unknown): Record<string, unknown> {
  const database = describeDatabaseError(error);
  if (database) return database;
  if (error instanceof Error) return { error: error.name, message: error.message, stack: error.stack };
  return { error: String(error) };
}
