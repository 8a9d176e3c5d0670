/**
 * What a database failure means for the caller. The driver reports Postgres errors (HTTP 400)
 * with a SQLSTATE `code`, and everything else (unreachable endpoint, 5xx, timeout) as a
 * NeonDbError with only a message; Drizzle wraps either in a DrizzleQueryError whose message
 * holds the query parameters, so it is never logged as is.
 */
interface DriverError {
  name?: string;
  message?: string;
  code?: string;
  constraint?: string;
  cause?: unknown;
}

/** SQLSTATEs worth retrying: connection loss, serialization failures, overload, shutdown. */
const TRANSIENT_CODES = /^(08...|40001|40P01|53...|57P0[1-3]|57014)$/;

function driverError(error: unknown): DriverError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const candidate = current as DriverError;
    if (candidate.name === "NeonDbError" || typeof candidate.code === "string") return candidate;
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

/** The database could not answer at all, or not now: a 503 for the API, a retry for a job. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const found = driverError(error);
  if (!found) return false;
  if (found.name === "AbortError" || found.name === "TimeoutError") return true;
  if (typeof found.code === "string") return TRANSIENT_CODES.test(found.code);
  return found.name === "NeonDbError";
}

const isDrizzleQueryError = (error: unknown) => error instanceof Error && error.message.startsWith("Failed query:");

/**
 * Loggable facts about a database error, without the query parameters; undefined when the error
 * did not come from the database.
 */
export function describeDatabaseError(error: unknown): Record<string, unknown> | undefined {
  const found = driverError(error);
  if (found) return { error: found.name, message: found.message, code: found.code, constraint: found.constraint };
  if (isDrizzleQueryError(error)) return { error: "DrizzleQueryError", cause: String((error as Error).cause) };
  return undefined;
}
