import { constantTimeEqual, hmacSha256 } from "../lib/crypto";

/**
 * TikTok's webhook signature (tiktok-api.md §5): header `TikTok-Signature: t=<seconds>,s=<hex>`,
 * where s = HMAC-SHA256(client_secret, t + "." + raw body). Checked over the exact bytes
 * received, in constant time, against the current secret and, during a rotation, the previous
 * one; TikTok sets no tolerance, so a timestamp more than 5 minutes from ours is refused.
 */
export const TOLERANCE_SECONDS = 300;

export type SignatureProblem = "missing" | "malformed" | "stale" | "mismatch";

export async function verifyWebhookSignature(
  header: string | undefined,
  rawBody: string,
  secrets: readonly string[],
  nowSeconds: number,
): Promise<{ ok: true } | { ok: false; problem: SignatureProblem }> {
  if (!header) return { ok: false, problem: "missing" };
  const parts = new Map(
    header.split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = parts.get("t");
  const s = parts.get("s");
  if (!t || !/^\d{1,12}$/.test(t) || !s || !/^[0-9a-f]{64}$/i.test(s)) return { ok: false, problem: "malformed" };
  if (Math.abs(nowSeconds - Number(t)) > TOLERANCE_SECONDS) return { ok: false, problem: "stale" };
  const presented = Uint8Array.from(s.toLowerCase().match(/../g) as string[], (byte) => parseInt(byte, 16));
  for (const secret of secrets) {
    if (constantTimeEqual(await hmacSha256(secret, `${t}.${rawBody}`), presented)) return { ok: true };
  }
  return { ok: false, problem: "mismatch" };
}
