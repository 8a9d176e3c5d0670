/**
 * The local outbox sink (`npm run dev` starts it on 8791): everything the stack sends to the
 * outside world lands here instead, and is listed newest first at `GET /__outbox` (JSON) and `/`
 * (a page).
 *
 *   POST /resend/emails               Resend's send-email API (EMAIL_API_BASE points here); an
 *                                     Idempotency-Key seen before sends nothing twice, as at Resend
 *   POST /push/<subscription>         a push service: VAPID checked, the message decrypted
 *   POST /webhooks/<anything>         a webhook receiver; /webhooks/status-<code>/… always answers
 *                                     <code> (410: a deleted webhook); /webhooks/flaky-<n>/… fails
 *                                     n times with 503 first
 *   POST /__outbox/push-subscriptions a subscription, as a browser's PushSubscription.toJSON()
 *   DELETE /__outbox/push-subscriptions/<id>   the subscription answers 410 from now on
 *   DELETE /__outbox                  forget everything received
 *
 * Loopback only, and only for requests naming a loopback host (no DNS rebinding).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { isLoopbackHost } from "../loopback.ts";
import { Outbox } from "./entries.ts";
import { outboxPage } from "./page.ts";
import { PushService } from "./push-service.ts";

export interface OutboxSink {
  url: string;
  port: number;
  outbox: Outbox;
  push: PushService;
  close(): Promise<void>;
}

const MAX_BODY = 512 * 1024;

async function readBytes(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function reply(res: ServerResponse, status: number, body: unknown, type = "application/json; charset=utf-8") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

const header = (req: IncomingMessage, name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The alert id in a delivery key (`<alert>:<channel>:<target>`). */
const alertOfDelivery = (key: string | undefined) => (key && /^\d+:/.test(key) ? (key.split(":")[0] as string) : null);

export async function startOutboxSink(o: { port?: number; log?: (line: string) => void } = {}): Promise<OutboxSink> {
  const outbox = new Outbox();
  let origin = "";
  const push = new PushService(() => origin);
  const idempotency = new Map<string, string>();
  const flaky = new Map<string, number>();
  const log = o.log ?? (() => undefined);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", origin);
    const method = req.method ?? "GET";
    if (method === "GET" && url.pathname === "/")
      return reply(res, 200, outboxPage(outbox.list()), "text/html; charset=utf-8");
    if (method === "GET" && url.pathname === "/__outbox") return reply(res, 200, outbox.list());
    if (method === "DELETE" && url.pathname === "/__outbox") {
      outbox.clear();
      return reply(res, 200, { cleared: true });
    }
    if (method === "POST" && url.pathname === "/__outbox/push-subscriptions")
      return reply(res, 201, await push.subscribe());
    const removal = /^\/__outbox\/push-subscriptions\/([\w-]+)$/.exec(url.pathname);
    if (method === "DELETE" && removal) return reply(res, push.remove(removal[1] as string) ? 200 : 404, {});

    if (method === "POST" && url.pathname === "/resend/emails") {
      if (!/^Bearer \S+$/.test(header(req, "authorization") ?? ""))
        return reply(res, 401, { message: "Missing API key" });
      const mail = JSON.parse(new TextDecoder().decode(await readBytes(req))) as {
        from: string;
        to: string[];
        subject: string;
        text: string;
        headers?: Record<string, string>;
        tags?: { name: string; value: string }[];
      };
      const key = header(req, "idempotency-key");
      const known = key ? idempotency.get(key) : undefined;
      if (known) return reply(res, 200, { id: known });
      const entry = outbox.add({
        channel: "email",
        recipient: mail.to.join(", "),
        subject: mail.subject,
        body: mail.text,
        alert_id: mail.tags?.find((t) => t.name === "alert_id")?.value ?? null,
        answered: 200,
        details: { from: mail.from, headers: mail.headers ?? {}, idempotency_key: key ?? null },
      });
      const id = `sink-email-${entry.id}`;
      if (key) idempotency.set(key, id);
      log(`[outbox] email to ${entry.recipient}: ${mail.subject}`);
      return reply(res, 200, { id });
    }

    const pushed = /^\/push\/([\w-]+)$/.exec(url.pathname);
    if (method === "POST" && pushed) {
      const result = await push.receive(pushed[1] as string, header(req, "authorization"), await readBytes(req));
      if (result.message) {
        const m = result.message as { title?: string; body?: string; alert_id?: string; url?: string };
        outbox.add({
          channel: "push",
          recipient: `${origin}${url.pathname}`,
          title: m.title ?? "",
          body: m.body ?? "",
          alert_id: m.alert_id ?? null,
          answered: result.status,
          details: {
            url: m.url,
            ttl: header(req, "ttl"),
            urgency: header(req, "urgency"),
            topic: header(req, "topic"),
          },
        });
        log(`[outbox] push: ${m.title}`);
      } else log(`[outbox] push refused (${result.status}): ${result.problem}`);
      return reply(res, result.status, result.problem ? { problem: result.problem } : "");
    }

    if (method === "POST" && url.pathname.startsWith("/webhooks/")) {
      const raw = new TextDecoder().decode(await readBytes(req));
      const forced = /^\/webhooks\/status-(\d{3})\//.exec(url.pathname);
      const flakyMatch = /^\/webhooks\/flaky-(\d+)\//.exec(url.pathname);
      let status = forced ? Number(forced[1]) : 200;
      if (flakyMatch) {
        const failed = flaky.get(url.pathname) ?? 0;
        if (failed < Number(flakyMatch[1])) {
          flaky.set(url.pathname, failed + 1);
          status = 503;
        }
      }
      let title = "";
      let body = raw;
      try {
        const payload = JSON.parse(raw) as { text?: string; content?: string; alert?: { title: string; body: string } };
        const lines = (payload.text ?? payload.content ?? "").split("\n");
        title = payload.alert?.title ?? (lines[0] ?? "").replace(/^\*+|\*+$/g, "");
        body = payload.alert?.body ?? lines.slice(1).join("\n");
      } catch {
        // not JSON: listed as it came
      }
      outbox.add({
        channel: "webhook",
        recipient: `${origin}${url.pathname}`,
        title,
        body,
        alert_id: alertOfDelivery(header(req, "adam-delivery")),
        answered: status,
        details: {
          event: header(req, "adam-event"),
          delivery: header(req, "adam-delivery"),
          signature: header(req, "adam-signature"),
          raw,
        },
      });
      log(`[outbox] webhook ${url.pathname} (${status}): ${title}`);
      return reply(res, status, status < 300 ? { ok: true } : { error: `answered ${status}` });
    }
    return reply(res, 404, { error: "not found" });
  };

  const server = createServer((req, res) => {
    if (!isLoopbackHost(req.headers.host)) return reply(res, 403, { error: "loopback only" });
    handle(req, res).catch((error: Error) => reply(res, 500, { error: error.message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port ?? 0, "127.0.0.1", resolve);
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    port,
    outbox,
    push,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
