import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isLoopbackHost } from "../loopback.ts";
import type { Backend } from "./backend.ts";
import {
  errorJson,
  isPostgresError,
  parseNeonRequest,
  RequestError,
  resultJson,
  type NeonRequest,
} from "./protocol.ts";

/** Neon's proxy caps request and response bodies at 10 MB (changelog 2023-08-16); so do we. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface NeonServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** Sends a string as plain text and anything else as JSON. */
function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const isText = typeof body === "string";
  writeRaw(
    res,
    status,
    isText ? body : JSON.stringify(body),
    isText ? "text/plain; charset=utf-8" : "application/json",
    headers,
  );
}

function writeRaw(
  res: ServerResponse,
  status: number,
  text: string,
  type: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RequestError("request body too large", 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function headerMap(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(req.headers)) out[key] = Array.isArray(value) ? value[0] : value;
  return out;
}

/** The batch options Neon echoes back on a batch response. */
function echoedHeaders(request: NeonRequest): Record<string, string> {
  if (request.kind !== "batch") return {};
  const echoed: Record<string, string> = {};
  if (request.options.isolationLevel) echoed["neon-batch-isolation-level"] = request.options.isolationLevel;
  if (request.options.readOnly !== undefined) echoed["neon-batch-read-only"] = String(request.options.readOnly);
  if (request.options.deferrable !== undefined) echoed["neon-batch-deferrable"] = String(request.options.deferrable);
  return echoed;
}

/**
 * Which database a connection string names: user, host, port and database. The driver does not
 * send the string it was given: it sends `postgresql://…?application_name=…` (driver 1.x), so
 * the scheme, the password and the parameters are left out.
 */
export function databaseKey(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${decodeURIComponent(url.username)}@${url.hostname.toLowerCase()}:${url.port || "5432"}${decodeURIComponent(url.pathname)}`;
  } catch {
    return connectionString;
  }
}

/**
 * The endpoint's request handler. Statements run on `backend`, or on the backend `routes` names
 * for the request's database (a separate users database, see USERS_DATABASE_URL), as
 * `databaseKey` tells it from the connection string.
 */
export function neonHandler(
  backend: Backend,
  log: (line: string) => void = () => undefined,
  routes: ReadonlyMap<string, Backend> = new Map(),
) {
  const routed = new Map([...routes].map(([connectionString, target]) => [databaseKey(connectionString), target]));
  // SQL requests served: how benchmarks and tests count database round trips.
  let sqlRequests = 0;
  return async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "/").split("?")[0];
    // Any SQL for whoever asks: only for requests naming this machine (no DNS rebinding).
    if (!isLoopbackHost(req.headers.host)) {
      return send(res, 403, { message: "the local endpoint answers requests for 127.0.0.1 or localhost only" });
    }
    if (req.method === "GET" && path === "/") return send(res, 200, `local neon endpoint (${backend.name})\n`);
    if (req.method === "GET" && path === "/stats") return send(res, 200, { sql_requests: sqlRequests });
    if (path !== "/sql") return send(res, 404, { message: "not found: the SQL endpoint is POST /sql" });
    if (req.method !== "POST") return send(res, 405, { message: "method not allowed: use POST" });
    sqlRequests++;

    let request: NeonRequest;
    try {
      request = parseNeonRequest(headerMap(req), await readBody(req));
    } catch (error) {
      if (error instanceof RequestError) return send(res, error.status, { message: error.message });
      throw error;
    }

    const target = routed.get(databaseKey(request.connectionString)) ?? backend;
    try {
      const body =
        request.kind === "single"
          ? resultJson(await target.query(request.query), request.arrayMode)
          : {
              results: (await target.batch(request.queries, request.options)).map((r) =>
                resultJson(r, request.arrayMode),
              ),
            };
      const text = JSON.stringify(body);
      if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
        return send(res, 507, `response is too large (max is ${MAX_BODY_BYTES} bytes)`);
      }
      return writeRaw(res, 200, text, "application/json", echoedHeaders(request));
    } catch (error) {
      if (isPostgresError(error)) return send(res, 400, errorJson(error));
      log(`backend failure: ${error instanceof Error ? error.message : String(error)}`);
      return send(res, 500, {
        message: `database unavailable: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
}

export async function startNeonServer(options: {
  backend: Backend;
  /** Backends for particular databases (by `databaseKey`); every other one is served by `backend`. */
  routes?: ReadonlyMap<string, Backend>;
  port?: number;
  host?: string;
  log?: (line: string) => void;
}): Promise<NeonServer> {
  const handle = neonHandler(options.backend, options.log, options.routes);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.(`unexpected failure: ${String(error)}`);
      if (!res.headersSent) send(res, 500, { message: "internal error in the local endpoint" });
      else res.destroy();
    });
  });
  // keep-alive sockets from the driver must not hold close() open
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/sql`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
