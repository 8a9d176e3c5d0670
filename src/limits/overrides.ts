import { z } from "zod";
import { log } from "../log";

/**
 * Per-user overrides of the request budget, set by an operator in one KV document:
 *   wrangler kv key put --binding KV overrides '{"users":{"42":{"budget":"paid"},"77":{"blocked":true}}}'
 * give a user the paid budget, hold one to the free budget, or block them. Overrides are rare, so
 * one small document read once a minute per isolate serves every user: no request pays a KV read
 * of its own (a per-user key cost one read per user per minute, which dominated a cached request).
 */
const OverrideSchema = z.object({
  budget: z.enum(["free", "paid"]).optional(),
  blocked: z.boolean().optional(),
});
export type UserOverride = z.infer<typeof OverrideSchema>;

const DocumentSchema = z.object({ users: z.record(z.string(), OverrideSchema).default({}) });

export const OVERRIDES_KEY = "overrides";
const CACHE_MS = 60_000;
let cached: { users: Record<string, UserOverride>; until: number } | undefined;

export async function userOverride(kv: KVNamespace, userId: string, nowMs: number): Promise<UserOverride | null> {
  if (!cached || cached.until <= nowMs) {
    let raw: string | null;
    try {
      raw = await kv.get(OVERRIDES_KEY, { cacheTtl: 60 });
    } catch (error) {
      // KV unreachable: the last document known (or none) keeps serving, rather than every data
      // request failing; the next read is tried after the usual minute
      log("warn", "overrides_read_failed", { message: (error as Error).message });
      cached = { users: cached?.users ?? {}, until: nowMs + CACHE_MS };
      return cached.users[userId] ?? null;
    }
    // a malformed document overrides nobody rather than failing every request
    let parsed: unknown = {};
    try {
      parsed = JSON.parse(raw ?? "{}");
    } catch {
      log("error", "overrides_document_invalid", { key: OVERRIDES_KEY });
    }
    const document = DocumentSchema.safeParse(parsed);
    cached = { users: document.success ? document.data.users : {}, until: nowMs + CACHE_MS };
  }
  return cached.users[userId] ?? null;
}

/** Tests and operators' tooling only: forget the cached document. */
export function clearOverrideCache(): void {
  cached = undefined;
}
