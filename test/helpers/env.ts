import { env } from "cloudflare:workers";

/** Test-only bindings from vitest.config.ts, beside the worker's own. */
export interface TestEnv extends Env {
  TEST_OUTAGE_ENDPOINT: string;
  TEST_OUTAGE_CONTROL: string;
  TIKTOK_CLIENT_SECRET: string;
  TOKEN_ENCRYPTION_KEYS: string;
  OPERATOR_TOKEN: string;
  /** The outbox sink: the email API, push service and webhook receiver of the tests. */
  TEST_OUTBOX_SINK: string;
  ALERTS_SECRET: string;
}

export const testEnv = env as unknown as TestEnv;
