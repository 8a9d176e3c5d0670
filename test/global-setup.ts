/**
 * Runs in Node before the Workers tests: starts the local Neon endpoint (embedded PGlite, or
 * the real server named by TEST_DATABASE_URL), applies the migrations through the production
 * driver, and provides the endpoint's URL to vitest.config.ts, which hands it to the worker.
 *
 * It also runs a second, switchable endpoint for the outage tests: POST /stop and /start on the
 * control server close and reopen it on the same port, as a real outage would.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { migrate } from "../tools/db/migrate.ts";
import { isNeonUrl, openBackend } from "../tools/neon-local/backend.ts";
import { startNeonServer, type NeonServer } from "../tools/neon-local/server.ts";
import { startOutboxSink } from "../tools/outbox-sink/server.ts";
import { startSimulator } from "../tools/tiktok-sim/index.ts";

export const TEST_CONNECTION_STRING = "postgres://adam:adam@127.0.0.1:5480/adam";
export const TEST_JWT_SECRET = "test-only-jwt-secret-0123456789abcdef";
export const TEST_OPERATOR_TOKEN = "test-only-operator-token-0123456789abcdef";
export const TEST_TIKTOK = {
  clientKey: "test-client-key",
  clientSecret: "test-client-secret",
  redirectUri: "http://adam.test/tiktok/callback",
  /** The Accounts API's own app (watch-time insights). */
  businessClientKey: "test-business-key",
  businessClientSecret: "test-business-secret",
  businessRedirectUri: "http://adam.test/tiktok/watch/callback",
};
export const TEST_ALERTS_SECRET = "test-only-alerts-secret-0123456789abcdef";
/** A VAPID key pair for the tests (the sink checks every push's signature with the public half). */
export const TEST_VAPID = {
  publicKey: "BKQOfRzJwH9MH8pN-V6eOySejXD2VWEJHfQsiDwX_qZGQtSjkIqezIFb3LzKx6YX-ZTJbfnr27023U7nOmwF3xM",
  privateKey: "jOYsw-6rs2Z3NVmv3rXGwEH68o6V5qq5gWpYf0OysW4",
};
/** Two AES-256 keys, so tests can rotate from version 1 to 2. */
export const TEST_TOKEN_KEYS = {
  v1: "1:dGVzdC1rZXktdmVyc2lvbi1vbmUtMzItYnl0ZXMtISE=",
  v2: "2:dGVzdC1rZXktdmVyc2lvbi10d28tMzItYnl0ZXMtISE=",
};

declare module "vitest" {
  export interface ProvidedContext {
    neonEndpoint: string;
    outageEndpoint: string;
    outageControl: string;
    databaseBackend: string;
    tiktokSimulator: string;
    outboxSink: string;
  }
}

export default async function setup(project: TestProject) {
  const databaseUrl = process.env.TEST_DATABASE_URL || undefined;
  if (databaseUrl && isNeonUrl(databaseUrl)) {
    throw new Error("TEST_DATABASE_URL must be a disposable PostgreSQL server: the tests truncate its tables");
  }
  const backend = await openBackend({ databaseUrl });
  const main = await startNeonServer({ backend });
  await migrate({ databaseUrl: TEST_CONNECTION_STRING, neonHttpEndpoint: main.url });

  let outage: NeonServer | undefined = await startNeonServer({ backend });
  const outagePort = outage.port;
  const control = createServer((req, res) => {
    const act = async () => {
      if (req.url === "/stop" && outage) {
        await outage.close();
        outage = undefined;
      } else if (req.url === "/start" && !outage) {
        outage = await startNeonServer({ backend, port: outagePort });
      }
    };
    act().then(
      () => res.end("ok"),
      (error: Error) => res.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));

  const simulator = await startSimulator({
    clientKey: TEST_TIKTOK.clientKey,
    clientSecret: TEST_TIKTOK.clientSecret,
    redirectUris: [TEST_TIKTOK.redirectUri],
    businessClientKey: TEST_TIKTOK.businessClientKey,
    businessClientSecret: TEST_TIKTOK.businessClientSecret,
    businessRedirectUris: [TEST_TIKTOK.businessRedirectUri],
    webhookUrl: "http://adam.test/tiktok/webhook",
    creators: 50,
  });

  // The outside world's inboxes (email API, push service, webhook receivers): the local sink.
  const sink = await startOutboxSink();

  project.provide("neonEndpoint", main.url);
  project.provide("outboxSink", sink.url);
  project.provide("tiktokSimulator", simulator.url);
  project.provide("outageEndpoint", `http://127.0.0.1:${outagePort}/sql`);
  project.provide("outageControl", `http://127.0.0.1:${(control.address() as AddressInfo).port}`);
  project.provide("databaseBackend", backend.name);

  return async () => {
    await new Promise<void>((resolve) => control.close(() => resolve()));
    await outage?.close();
    await simulator.close();
    await sink.close();
    await main.close();
    await backend.close();
  };
}
