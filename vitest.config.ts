import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import {
  TEST_ALERTS_SECRET,
  TEST_CONNECTION_STRING,
  TEST_JWT_SECRET,
  TEST_OPERATOR_TOKEN,
  TEST_TIKTOK,
  TEST_TOKEN_KEYS,
  TEST_VAPID,
} from "./test/global-setup.ts";

export default defineConfig({
  test: {
    projects: [
      {
        // Worker code, run inside workerd against the local Neon endpoint.
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./wrangler.jsonc" },
            miniflare: {
              bindings: {
                ENVIRONMENT: "test",
                JWT_SECRET: TEST_JWT_SECRET,
                DASHBOARD_ORIGINS: "http://dashboard.test",
                DASHBOARD_URL: "http://dashboard.test/app/",
                DATABASE_URL: TEST_CONNECTION_STRING,
                NEON_HTTP_ENDPOINT: inject("neonEndpoint"),
                TEST_OUTAGE_ENDPOINT: inject("outageEndpoint"),
                TEST_OUTAGE_CONTROL: inject("outageControl"),
                TIKTOK_CLIENT_KEY: TEST_TIKTOK.clientKey,
                TIKTOK_CLIENT_SECRET: TEST_TIKTOK.clientSecret,
                TIKTOK_REDIRECT_URI: TEST_TIKTOK.redirectUri,
                TIKTOK_API_BASE: inject("tiktokSimulator"),
                TIKTOK_AUTH_BASE: inject("tiktokSimulator"),
                TIKTOK_BUSINESS_CLIENT_KEY: TEST_TIKTOK.businessClientKey,
                TIKTOK_BUSINESS_CLIENT_SECRET: TEST_TIKTOK.businessClientSecret,
                TIKTOK_BUSINESS_REDIRECT_URI: TEST_TIKTOK.businessRedirectUri,
                TIKTOK_BUSINESS_API_BASE: `${inject("tiktokSimulator")}/open_api/v1.3`,
                TIKTOK_BUSINESS_AUTH_BASE: inject("tiktokSimulator"),
                TOKEN_ENCRYPTION_KEYS: TEST_TOKEN_KEYS.v1,
                // no pacing and no backoff waits: tests drive cycles and retries at full speed
                INGEST_SPREAD_SECONDS: "0",
                INGEST_RETRY_BASE_SECONDS: "0",
                INGEST_RATE_LIMIT_DELAY_SECONDS: "0",
                // every /healthz reads the database (one test turns the reuse on)
                HEALTH_CACHE_SECONDS: "0",
                OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
                // alerts: every channel on, every message to the local outbox sink
                API_URL: "http://adam.test",
                ALERTS_SECRET: TEST_ALERTS_SECRET,
                ALERT_RETRY_BASE_SECONDS: "0",
                EMAIL_API_BASE: `${inject("outboxSink")}/resend`,
                EMAIL_API_KEY: "re_test_outbox_sink",
                EMAIL_FROM: "Adam <alerts@adam.test>",
                VAPID_PUBLIC_KEY: TEST_VAPID.publicKey,
                VAPID_PRIVATE_KEY: TEST_VAPID.privateKey,
                VAPID_SUBJECT: "mailto:alerts@adam.test",
                TEST_OUTBOX_SINK: inject("outboxSink"),
              },
              // as wrangler.jsonc, but delivered at once (these options replace the config's, so all are repeated)
              queueConsumers: {
                "adam-snapshots": {
                  maxBatchSize: 10,
                  maxBatchTimeout: 0.05,
                  maxRetries: 5,
                  deadLetterQueue: "adam-snapshots-dlq",
                },
                "adam-snapshots-dlq": { maxBatchSize: 10, maxBatchTimeout: 0.05, maxRetries: 10 },
                "adam-alerts": {
                  maxBatchSize: 25,
                  maxBatchTimeout: 0.05,
                  maxRetries: 8,
                  deadLetterQueue: "adam-alerts-dlq",
                },
                "adam-alerts-dlq": { maxBatchSize: 25, maxBatchTimeout: 0.05, maxRetries: 10 },
              },
            },
          })),
        ],
        test: {
          name: "workers",
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          globalSetup: ["./test/global-setup.ts"],
          // One database serves every file: files run one at a time and reset what they use.
          fileParallelism: false,
          // A test that walks a consent, a job, an export and a revoke takes a few seconds on a
          // loaded 2-core machine; the default 5 s failed such a test now and then.
          testTimeout: 20_000,
        },
      },
      {
        // The /adam path-mount worker, run inside workerd against a scriptable Node origin.
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./workers/adam-mount/wrangler.jsonc" },
            miniflare: { bindings: { ORIGIN: inject("mountOrigin") } },
          })),
        ],
        test: {
          name: "mount",
          include: ["workers/adam-mount/test/**/*.test.ts"],
          globalSetup: ["./workers/adam-mount/test/global-setup.ts"],
        },
      },
      {
        // The landing site in Debian's Chromium, served by wrangler pages dev and the mount worker.
        test: {
          name: "browser",
          include: ["test/browser/**/*.spec.ts"],
          environment: "node",
          globalSetup: ["./test/browser/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // The files share one browser-heavy stack on a small machine: one at a time.
          fileParallelism: false,
        },
      },
      {
        // The dashboard end to end in Debian's Chromium, on the `npm run dev` stack (free ports, fresh database).
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.spec.ts"],
          environment: "node",
          testTimeout: 360_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // The dashboard's pure parts (router, formatting, CSV, session rules, retry gate, screen cache), in Node: no browser.
        define: { ADAM_API_ORIGIN: JSON.stringify("http://api.test") },
        test: {
          name: "dashboard",
          include: ["pages-site/app/src/**/*.test.ts"],
          environment: "node",
          // dates are written in the reader's zone: the tests read them in UTC
          env: { TZ: "UTC" },
        },
      },
      {
        // Development tools (local Neon endpoint, simulator, benchmarks' helpers), run in Node.
        test: {
          name: "tools",
          include: ["tools/**/*.test.ts"],
          environment: "node",
        },
      },
    ],
  },
});
