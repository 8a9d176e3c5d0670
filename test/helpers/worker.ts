import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import worker from "../../src/index";
import { testEnv } from "./env";

/** Hands messages straight to the worker's consumer of `queue`, as Cloudflare would; reports what it acked and retried. */
export async function deliver(queue: string, bodies: readonly unknown[], attempts = 1) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `m${i}-${Math.random()}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, testEnv, ctx);
  return getQueueResult(batch, ctx);
}

/** Fires a cron trigger at `atMs`, as Cloudflare would, and waits for all it started. */
export async function runCron(cron: string, atMs: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(atMs), cron }), testEnv, ctx);
  await waitOnExecutionContext(ctx);
}
