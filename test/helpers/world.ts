import { reset } from "cloudflare:test";
import { resetDatabase } from "./db";
import { sim } from "./simulator";

/**
 * A clean world for tests that connect accounts: bindings (KV, rate limits), tables, and the
 * simulator reset, its clock at ours (the connect flow times its first snapshot by our clock).
 */
export async function resetWorld(): Promise<void> {
  await reset();
  await resetDatabase();
  await sim.reset();
  await sim.clock({ set: Date.now() });
}
