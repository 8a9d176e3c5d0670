/**
 * The simulator's small HTTP vocabulary: handlers receive a parsed `SimRequest` and return a
 * `Reply` value instead of writing to the socket, so faults can rewrite or withhold any answer
 * (a cut-off JSON body, a socket held open) in one place.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/** Requests above this are refused; TikTok's own bodies are a few hundred bytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** The raw body, UTF-8 decoded ("" for none). */
  body: string;
  remoteAddress: string | undefined;
  /** This request's `log_id` (also sent as the `x-tt-logid` header). */
  logId: string;
}

export type Reply =
  | { kind: "send"; status: number; headers: Record<string, string>; body: string }
  /** Answer nothing: keep the socket open until `forMs` passes (then drop it) or the server closes. */
  | { kind: "hold"; forMs?: number };

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    kind: "send",
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(value),
  };
}

export function html(status: number, markup: string): Reply {
  return { kind: "send", status, headers: { "content-type": "text/html; charset=utf-8" }, body: markup };
}

export function text(status: number, value: string, type = "text/plain; charset=utf-8"): Reply {
  return { kind: "send", status, headers: { "content-type": type }, body: value };
}

/** A 302 as TikTok's authorize page sends when it hands the browser back to the app. */
export function redirect(location: string): Reply {
  return { kind: "send", status: 302, headers: { location, "content-type": "text/plain; charset=utf-8" }, body: "" };
}

export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
export function mediaType(headers: IncomingHttpHeaders): string {
  return (headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

export function isLoopback(address: string | undefined): boolean {
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}
