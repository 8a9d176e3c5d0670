import { z } from "zod";

/**
 * Per-user overrides of the request budget, set by an operator in KV
 * (`wrangler kv key put --binding KV override:user:<id> '{"budget":"paid"}'`): give a user the
 * paid budget, hold one to the free budget, or block them. Read through a short isolate cache so a
 * busy user costs one KV read a minute, not one per request.
 */
const OverrideSchema = z.object({
  budget: z.enum(["free", "paid"]).optional(),
  blocked: z.boolean().optional(),
});
export type UserOverride = z.infer<typeof OverrideSchema>;

const CACHE_MS = 60_000;
const cache = new Map<string, { value: UserOverride | null; until: number }>();

export async function userOverride(kv: KVNamespace, userId: string, nowMs: number): Promise<UserOverride | null> {
  const hit = cache.get(userId);
  if (hit && hit.until > nowMs) return hit.value;
  const raw = await kv.get(`override:user:${userId}`, "json");
  const parsed = raw === null ? null : OverrideSchema.safeParse(raw);
  const value = parsed?.success ? parsed.data : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(userId, { value, until: nowMs + CACHE_MS });
  return value;
}

/** Tests and operators' tooling only: forget cached overrides. */
export function clearOverrideCache(): void {
  cache.clear();
}
