/**
 * What a database failure means for the caller. The driver reports Postgres errors (HTTP 400)
 * with a SQLSTATE `code`, and everything else (unreachable endpoint, 5xx, timeout) as a
 * NeonDbError with only a message; Drizzle wraps either in a DrizzleQueryError whose message
 * holds the SQL text and the query parameters.
 */
interface DriverError {
  name?: string;
  message?: string;
  code?: string;
  constraint?: string;
  table?: string;
  cause?: unknown;
  /** The driver's own wrapper keeps what fetch threw here, not in `cause`. */
  sourceError?: unknown;
}

/** A Postgres SQLSTATE: five digits or capitals (other errors' `code`s, TikTok's say, are words). */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** SQLSTATEs worth retrying: connection loss, serialization failures, overload, shutdown. */
const TRANSIENT_CODES = /^(08...|40001|40P01|53...|57P0[1-3]|57014)$/;

function driverError(error: unknown): DriverError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const candidate = current as DriverError;
    if (candidate.name === "NeonDbError") return candidate;
    if (typeof candidate.code === "string" && SQLSTATE.test(candidate.code)) return candidate;
    if (candidate.name === "AbortError" || candidate.name === "TimeoutError") return candidate;
    current = candidate.cause;
  }
  return undefined;
}

export function postgresCode(error: unknown): string | undefined {
  return driverError(error)?.code;
}

export function violatedConstraint(error: unknown): string | undefined {
  return driverError(error)?.constraint;
}

/** The table Postgres says a failed statement was writing (constraint violations name it). */
export function failedTable(error: unknown): string | undefined {
  return driverError(error)?.table;
}

/** A statement of a named write batch failed (src/db/named-batch.ts); the driver's error is the cause. */
export class BatchStatementError extends Error {
  override readonly name = "BatchStatementError";
  constructor(
    readonly statement: string,
    cause: unknown,
  ) {
    super(`${statement} failed`, { cause });
  }
}

/** The database could not answer at all, or not now: a 503 for the API, a retry for a job. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const found = driverError(error);
  if (!found) return false;
  if (found.name === "AbortError" || found.name === "TimeoutError") return true;
  if (typeof found.code === "string") return TRANSIENT_CODES.test(found.code);
  return found.name === "NeonDbError";
}

const isDrizzleQueryError = (error: unknown) => error instanceof Error && error.message.startsWith("Failed query:");

/** Postgres' own names for the SQLSTATEs Adam meets (Appendix A of its manual). */
const CONDITIONS: Record<string, string> = {
  "22001": "string data right truncation",
  "22003": "numeric value out of range",
  "22007": "invalid datetime format",
  "22008": "datetime field overflow",
  "22P02": "invalid text representation",
  "23502": "not null violation",
  "23503": "foreign key violation",
  "23505": "unique violation",
  "23514": "check violation",
  "40001": "serialization failure",
  "40P01": "deadlock detected",
  "42601": "syntax error",
  "42703": "undefined column",
  "42P01": "undefined table",
  "57014": "query canceled",
};

/** The SQLSTATE classes, for a code without a name of its own above. */
const CLASSES: Record<string, string> = {
  "08": "connection exception",
  "22": "data exception",
  "23": "integrity constraint violation",
  "25": "invalid transaction state",
  "40": "transaction rollback",
  "42": "syntax error or access rule violation",
  "53": "insufficient resources",
  "54": "program limit exceeded",
  "57": "operator intervention",
  "58": "system error",
  XX: "internal error",
};

/** The driver wraps a fetch that hit its deadline in a NeonDbError whose source error is the abort. */
function timedOut(error: DriverError): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const { name, sourceError, cause } = current as DriverError;
    if (name === "AbortError" || name === "TimeoutError") return true;
    current = sourceError ?? cause;
  }
  return false;
}

/** A database failure as it may be logged or stored: what went wrong, never with what. */
export interface ScrubbedDbError {
  /** The SQLSTATE, or `unavailable` (no answer from the endpoint), `timeout`, `query_failed`. */
  code: string;
  /** A fixed description of the code (and the violated constraint's name, a schema identifier). */
  message: string;
  /** Which statement of a named batch failed. */
  statement?: string;
}

/**
 * The one place a database error is made safe to log or store. A driver's message can quote the
 * values it choked on (`invalid input syntax for type bigint: "…"`), its `detail` the row
 * (`Key (email)=(…) already exists`), Drizzle's message the SQL text and every parameter, and an
 * endpoint failure the URL it tried: all of that is dropped, and only the SQLSTATE, the
 * constraint's name and a description chosen here by code are kept. Undefined when the error did
 * not come from the database.
 */
export function scrubDbError(error: unknown): ScrubbedDbError | undefined {
  const scrubbed = scrubbedCause(error);
  if (scrubbed && error instanceof BatchStatementError) return { ...scrubbed, statement: error.statement };
  return scrubbed;
}

function scrubbedCause(error: unknown): ScrubbedDbError | undefined {
  const found = driverError(error);
  if (found && timedOut(found)) {
    return { code: "timeout", message: "the database did not answer in time" };
  }
  if (found && typeof found.code === "string") {
    const description = CONDITIONS[found.code] ?? CLASSES[found.code.slice(0, 2)] ?? "database error";
    const constraint = typeof found.constraint === "string" ? ` (${found.constraint})` : "";
    return { code: found.code, message: `${description}${constraint}` };
  }
  if (found) return { code: "unavailable", message: "the database could not be reached" };
  if (isDrizzleQueryError(error)) return { code: "query_failed", message: "a query failed" };
  return undefined;
}

/** Log fields for a database error (scrubbed); undefined when the error did not come from the database. */
export function describeDatabaseError(error: unknown): Record<string, unknown> | undefined {
  const scrubbed = scrubDbError(error);
  if (!scrubbed) return undefined;
  const found = driverError(error);
  return { error: found?.name ?? "DrizzleQueryError", ...scrubbed };
}

/** What a job may store about any error it failed with: a database error scrubbed, anything else its message. */
export function storableErrorMessage(error: unknown): string {
  const scrubbed = scrubDbError(error);
  if (scrubbed) return `${scrubbed.code}: ${scrubbed.message}${scrubbed.statement ? ` in ${scrubbed.statement}` : ""}`;
  return error instanceof Error ? error.message : String(error);
}
