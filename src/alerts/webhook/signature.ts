import { hmacSha256, toHex } from "../../lib/crypto";

/**
 * How a receiver knows a webhook is Adam's (README "Webhooks"): the header
 * `Adam-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(whsec secret, t + "." + raw body)>`.
 * The receiver recomputes the MAC over the exact bytes it got with the secret shown in Settings,
 * compares in constant time, and refuses a `t` more than 5 minutes from its clock (a replay).
 * `Adam-Delivery` is the delivery's id: the same on every attempt, so a receiver can drop repeats.
 */
export async function signatureHeader(secret: string, body: string, nowSeconds: number): Promise<string> {
  return `t=${nowSeconds},v1=${toHex(await hmacSha256(secret, `${nowSeconds}.${body}`))}`;
}
