import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { resetDatabase, sql } from "./helpers/db";
import { newUser } from "./helpers/connect";
import { bearer } from "./helpers/tokens";

/**
 * Every route that reads a body bounds it while reading: a chunked body (no Content-Length) is
 * refused with 413 as soon as it passes the limit, before it is buffered. The endless bodies here
 * would never finish if the worker waited for the end.
 */
function endless(chunkBytes = 16 * 1024): ReadableStream<Uint8Array> {
  const chunk = new TextEncoder().encode(`{"padding":"${"x".repeat(chunkBytes)}`);
  return new ReadableStream({
    pull(controller) {
      controller.enqueue(chunk);
    },
  });
}

function chunked(bytes: number): ReadableStream<Uint8Array> {
  const body = new TextEncoder().encode(JSON.stringify({ email: "a@b.co", password: "x".repeat(bytes) }));
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= body.length) return controller.close();
      controller.enqueue(body.slice(sent, sent + 1024));
      sent += 1024;
    },
  });
}

let token: string;
beforeAll(async () => {
  await resetDatabase();
  token = (await newUser()).token;
});

const ROUTES = [
  { name: "sign-up", method: "POST", path: "/api/v1/auth/signup", limit: 4 * 1024, headers: {} },
  { name: "log-in", method: "POST", path: "/api/v1/auth/login", limit: 4 * 1024, headers: {} },
  { name: "delete me", method: "DELETE", path: "/api/v1/me", limit: 4 * 1024, headers: {} as Record<string, string> },
  { name: "TikTok webhook", method: "POST", path: "/tiktok/webhook", limit: 64 * 1024, headers: {} },
];

describe.each(ROUTES)("$name", (route) => {
  const send = (body: ReadableStream<Uint8Array>) =>
    exports.default.fetch(`http://adam.test${route.path}`, {
      method: route.method,
      headers: {
        "content-type": "application/json",
        ...(route.name === "delete me" ? bearer(token) : {}),
      },
      body,
      // @ts-expect-error -- workerd's RequestInit knows duplex streaming without this, Node's types want it
      duplex: "half",
    });

  it("refuses a chunked body with no Content-Length once it passes the limit, without reading the rest", async () => {
    const res = await send(endless());
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "payload_too_large",
      message: `Body too large: at most ${route.limit} bytes.`,
    });
  });

  it("refuses a finite chunked body just over the limit", async () => {
    const res = await send(chunked(route.limit));
    expect(res.status).toBe(413);
  });
});

describe("a body within the limit", () => {
  it("streamed in chunks without Content-Length is read whole and works", async () => {
    const body = new TextEncoder().encode(JSON.stringify({ email: "chunky@example.com", password: "long enough pw" }));
    let sent = 0;
    const res = await exports.default.fetch("http://adam.test/api/v1/auth/signup", {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.99" },
      body: new ReadableStream({
        pull(controller) {
          if (sent >= body.length) return controller.close();
          controller.enqueue(body.slice(sent, sent + 7));
          sent += 7;
        },
      }),
      // @ts-expect-error -- as above
      duplex: "half",
    });
    expect(res.status).toBe(201);
    expect(await sql`SELECT email FROM identity.users WHERE email = 'chunky@example.com'`).toHaveLength(1);
  });
});
