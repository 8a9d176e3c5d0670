/**
 * The TikTok simulator as a process (a development tool, loopback only):
 *   npm run sim -- [--port 8790] [--seed 42] [--creators 500] [--start 2026-11-01T00:00:00Z] [--frozen]
 *                  [--epoch …] [--rate-limit 600] [--access-ttl 86400] [--refresh-ttl 31536000]
 *                  [--client-key …] [--client-secret …] [--redirect-uri URI]… [--webhook-url URL]
 *                  [--business-client-key …] [--business-client-secret …] [--business-redirect-uri URI]…
 *                  [--business-rate-limit 600]
 * Times take ms since the epoch or an ISO date. Without --epoch the world's reference time is
 * the start of the current UTC day, so video ids stay the same across restarts on one day.
 */
import { parseArgs } from "node:util";
import { startSimulator } from "./server.ts";

export const DEFAULT_PORT = 8790;
const DAY_MS = 86_400_000;

const { values } = parseArgs({
  options: {
    port: { type: "string", default: String(DEFAULT_PORT) },
    seed: { type: "string", default: "42" },
    creators: { type: "string", default: "500" },
    start: { type: "string" },
    frozen: { type: "boolean", default: false },
    epoch: { type: "string" },
    "rate-limit": { type: "string", default: "600" },
    "access-ttl": { type: "string", default: "86400" },
    "refresh-ttl": { type: "string", default: "31536000" },
    "client-key": { type: "string", default: "sim-client-key" },
    "client-secret": { type: "string", default: "sim-client-secret" },
    "redirect-uri": { type: "string", multiple: true },
    "webhook-url": { type: "string" },
    "business-client-key": { type: "string", default: "sim-business-key" },
    "business-client-secret": { type: "string", default: "sim-business-secret" },
    "business-redirect-uri": { type: "string", multiple: true },
    "business-rate-limit": { type: "string", default: "600" },
  },
});

function integer(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`--${name} must be an integer, got "${value}"`);
  return n;
}

function time(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`--${name} must be ms since the epoch or an ISO date, got "${value}"`);
  return ms;
}

const startMs = time("start", values.start) ?? Date.now();
const sim = await startSimulator({
  port: integer("port", values.port),
  seed: integer("seed", values.seed),
  creators: integer("creators", values.creators),
  clientKey: values["client-key"],
  clientSecret: values["client-secret"],
  redirectUris: values["redirect-uri"],
  webhookUrl: values["webhook-url"],
  businessClientKey: values["business-client-key"],
  businessClientSecret: values["business-client-secret"],
  businessRedirectUris: values["business-redirect-uri"],
  businessRateLimitPerMinute: integer("business-rate-limit", values["business-rate-limit"]),
  accessTokenTtlSec: integer("access-ttl", values["access-ttl"]),
  refreshTokenTtlSec: integer("refresh-ttl", values["refresh-ttl"]),
  rateLimitPerMinute: integer("rate-limit", values["rate-limit"]),
  clock: { startMs, frozen: values.frozen },
  epochMs: time("epoch", values.epoch) ?? Math.floor(startMs / DAY_MS) * DAY_MS,
});
console.log(
  `TikTok simulator on ${sim.url} (seed ${values.seed}, ${values.creators} creators, clock ${new Date(sim.clock.now()).toISOString()}${values.frozen ? ", frozen" : ""})`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void sim.close().then(() => process.exit(0)));
}
