import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_CONNECTION_STRING, TEST_JWT_SECRET } from "./test/global-setup.ts";

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
