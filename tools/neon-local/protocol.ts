/**
 * Neon's SQL-over-HTTP wire format, as `@neondatabase/serverless` speaks it (see
 * ../shared/cloudflare-notes.md section 1 and neon `proxy/src/serverless/sql_over_http.rs`).
 * Pure translation between HTTP JSON and the backend's query/result shapes: no I/O here.
 */

export type Param = string | null;
export interface Query {
  text: string;
  params: Param[];
}

export type IsolationLevel = "ReadUncommitted" | "ReadCommitted" | "RepeatableRead" | "Serializable";

export interface BatchOptions {
  isolationLevel?: IsolationLevel;
  readOnly?: boolean;
  deferrable?: boolean;
}

export interface Field {
  name: string;
  dataTypeID: number;
  tableID: number;
  columnID: number;
  dataTypeSize: number;
  dataTypeModifier: number;
}

/** The row-description fields Neon reports, whatever else a backend's field objects carry. */
export function fieldOf({ name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier }: Field): Field {
  return { name, tableID, columnID, dataTypeID, dataTypeSize, dataTypeModifier };
}

/** One statement's outcome with every value in Postgres text format. */
export interface QueryResult {
  commandTag: string;
  fields: Field[];
  rows: (string | null)[][];
}

export type NeonRequest =
  | { kind: "single"; connectionString: string; query: Query; arrayMode: boolean }
  | { kind: "batch"; connectionString: string; queries: Query[]; arrayMode: boolean; options: BatchOptions };

/** A request the server refuses before it reaches Postgres; Neon answers these with 400. */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const ISOLATION: Record<string, IsolationLevel> = {
  ReadUncommitted: "ReadUncommitted",
  ReadCommitted: "ReadCommitted",
  RepeatableRead: "RepeatableRead",
  Serializable: "Serializable",
};

/** Neon counts any `Neon-*` flag that is not exactly "true" as false. */
const flag = (value: string | undefined) => value === "true";

export function parseNeonRequest(headers: Record<string, string | undefined>, body: string): NeonRequest {
  const connectionString = headers["neon-connection-string"];
  if (!connectionString) throw new RequestError("missing connection string (Neon-Connection-String header)");
  if (!/^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(connectionString)) {
    throw new RequestError("invalid connection string: expected postgres://user:password@host/database");
  }
  if (!flag(headers["neon-raw-text-output"])) {
    throw new RequestError("this endpoint only serves Neon-Raw-Text-Output: true, as the driver always sends");
  }
  const arrayMode = flag(headers["neon-array-mode"]);

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new RequestError("request body is not valid JSON");
  }
  if (json === null || typeof json !== "object") throw new RequestError("request body must be a JSON object");
  const payload = json as Record<string, unknown>;

  if ("queries" in payload) {
    if (!Array.isArray(payload.queries)) throw new RequestError("`queries` must be an array");
    const options: BatchOptions = {};
    const level = headers["neon-batch-isolation-level"];
    if (level !== undefined) {
      const known = ISOLATION[level];
      if (!known) throw new RequestError(`invalid isolation level: ${level}`);
      options.isolationLevel = known;
    }
    if (headers["neon-batch-read-only"] !== undefined) options.readOnly = flag(headers["neon-batch-read-only"]);
    if (headers["neon-batch-deferrable"] !== undefined) options.deferrable = flag(headers["neon-batch-deferrable"]);
    return { kind: "batch", connectionString, queries: payload.queries.map(toQuery), arrayMode, options };
  }
  return { kind: "single", connectionString, query: toQuery(payload), arrayMode };
}

function toQuery(raw: unknown): Query {
  if (raw === null || typeof raw !== "object") throw new RequestError("each query must be an object");
  const { query, params } = raw as Record<string, unknown>;
  if (typeof query !== "string") throw new RequestError("`query` must be a string");
  if (params !== undefined && !Array.isArray(params)) throw new RequestError("`params` must be an array");
  return { text: query, params: (params ?? []).map(toTextParam) };
}

/** The driver sends strings or null; other JSON values are turned into Postgres text as Neon does. */
function toTextParam(value: unknown): Param {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  return JSON.stringify(value);
}

function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = typeof v === "string" ? v : typeof v === "object" ? JSON.stringify(v) : String(v);
    return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(",")}}`;
}

/** `BEGIN` as the Neon proxy issues it for a batch. */
export function beginStatement(options: BatchOptions): string {
  const parts = ["BEGIN"];
  if (options.isolationLevel) {
    parts.push("ISOLATION LEVEL", options.isolationLevel.replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase());
  }
  if (options.readOnly !== undefined) parts.push(options.readOnly ? "READ ONLY" : "READ WRITE");
  if (options.deferrable !== undefined) parts.push(options.deferrable ? "DEFERRABLE" : "NOT DEFERRABLE");
  return parts.join(" ");
}

/** The command tag split as Neon does: first word, and the trailing count when there is one. */
function splitCommandTag(tag: string): { command: string; rowCount: number | null } {
  const words = tag.split(" ");
  const last = words[words.length - 1] ?? "";
  const count = words.length > 1 && /^\d+$/.test(last) ? Number(last) : null;
  return { command: words[0] ?? "", rowCount: count };
}

export function resultJson(result: QueryResult, arrayMode: boolean) {
  const { command, rowCount } = splitCommandTag(result.commandTag);
  const rows = arrayMode
    ? result.rows
    : result.rows.map((row) => Object.fromEntries(result.fields.map((f, i) => [f.name, row[i] ?? null])));
  return {
    fields: result.fields.map((f) => ({ ...f, format: "text" })),
    command,
    rowCount,
    rows,
    rowAsArray: arrayMode,
  };
}

/** Fields of a Postgres error that Neon copies into its 400 body (the driver reads exactly these). */
const ERROR_FIELDS = [
  "severity",
  "code",
  "detail",
  "hint",
  "position",
  "internalPosition",
  "internalQuery",
  "where",
  "schema",
  "table",
  "column",
  "dataType",
  "constraint",
  "file",
  "line",
  "routine",
] as const;

export interface PostgresError {
  message: string;
  [key: string]: unknown;
}

/**
 * An error Postgres (or PGlite) reported, as opposed to a failure to reach it: a SQLSTATE `code`
 * and the `severity` every server error carries. A `code` alone is not enough: Node's socket
 * errors have one too, and some look like a SQLSTATE (`EPIPE`).
 */
export function isPostgresError(error: unknown): error is PostgresError {
  if (!(error instanceof Error)) return false;
  const { code, severity } = error as unknown as Record<string, unknown>;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && typeof severity === "string" && severity !== "";
}

export function errorJson(error: PostgresError) {
  const body: Record<string, unknown> = { message: error.message };
  for (const key of ERROR_FIELDS) {
    const value = error[key];
    if (value !== undefined && value !== null) body[key] = String(value);
  }
  return body;
}
