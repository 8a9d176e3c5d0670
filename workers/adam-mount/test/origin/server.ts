/**
 * A scriptable origin for the mount worker's tests, running in Node so that it speaks real HTTP:
 * real gzip bytes, chunked transfer, and a body that can stop half-way until the test says go.
 *
 *   /respond?status=&type=&body=&h=name:value…   answers exactly as told (h repeats)
 *   …/echo…                                        answers JSON describing the request it got
 *   /gzip.html                                     HTML sent with Content-Encoding: gzip
 *   /etag.html                                     HTML with ETag "v1" and a Last-Modified; 304 to
 *                                                  If-None-Match "v1"
 *   /ranged?type=                                  '<a href="/x">x</a>' of that type, ETag "r1";
 *                                                  honours `Range: bytes=a-b` with a 206 slice
 *   /big.html?id=                                  5 MB of HTML; stops after the first half until
 *   /release?id=                                   is requested; /sent?id= says whether all was sent
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { bigPageHalf, GZIP_PAGE } from "../fixtures";

export interface Origin {
  url: string;
  close(): Promise<void>;
}

export async function startOrigin(): Promise<Origin> {
  const releases = new Map<string, () => void>();
  const sent = new Set<string>();
  const waitForRelease = (id: string) => new Promise<void>((resolve) => releases.set(id, resolve));

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse, query: URLSearchParams) => void> = {
    "/respond": (_req, res, q) => {
      const headers: [string, string][] = q.getAll("h").map((h) => {
        const colon = h.indexOf(":");
        return [h.slice(0, colon), h.slice(colon + 1)];
      });
      if (q.has("type")) headers.push(["content-type", q.get("type")!]);
      const status = Number(q.get("status") ?? 200);
      const body = q.get("body") ?? "";
      if (status !== 204 && status !== 304) headers.push(["content-length", String(Buffer.byteLength(body))]);
      res.writeHead(status, headers.flat());
      res.end(body);
    },
    "/gzip.html": (req, res) => {
      const body = gzipSync(GZIP_PAGE);
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "content-encoding": "gzip",
        "content-length": body.length,
        "x-origin-saw-accept-encoding": req.headers["accept-encoding"] ?? "",
      });
      res.end(body);
    },
    "/etag.html": (req, res) => {
      const validators = { etag: '"v1"', "last-modified": "Wed, 01 Jan 2025 00:00:00 GMT" };
      if (req.headers["if-none-match"] === '"v1"') {
        res.writeHead(304, validators).end();
        return;
      }
      res.writeHead(200, { "content-type": "text/html", ...validators });
      res.end('<a href="/x">x</a>');
    },
    "/ranged": (req, res, q) => {
      const body = Buffer.from('<a href="/x">x</a>');
      const headers = { "content-type": q.get("type")!, etag: '"r1"', "accept-ranges": "bytes" };
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? "");
      if (range) {
        const [start, end] = [Number(range[1]), Math.min(Number(range[2]), body.length - 1)];
        res.writeHead(206, { ...headers, "content-range": `bytes ${start}-${end}/${body.length}` });
        res.end(body.subarray(start, end + 1));
        return;
      }
      res.writeHead(200, headers);
      res.end(body);
    },
    "/big.html": (_req, res, q) => {
      const id = q.get("id")!;
      res.writeHead(200, { "content-type": "text/html" });
      res.write(bigPageHalf(0));
      void waitForRelease(id).then(() => {
        res.end(bigPageHalf(1), () => sent.add(id));
      });
    },
    "/release": (_req, res, q) => {
      releases.get(q.get("id")!)?.();
      res.end("released");
    },
    "/sent": (_req, res, q) => {
      res.end(String(sent.has(q.get("id")!)));
    },
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, "http://origin.test");
    if (url.pathname.includes("/echo")) {
      let body = "";
      req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body }));
      });
      return;
    }
    const route = routes[url.pathname];
    if (route) route(req, res, url.searchParams);
    else res.writeHead(404).end("no such fixture");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
