import { randomBytes } from "node:crypto";

/**
 * A TikTok-style `log_id`: UTC `yyyyMMddHHmmss` followed by 20 upper-case hex characters, like
 * the docs' `20220829194722CBE87ED59D524E727021`. Every answer carries one (body and `x-tt-logid`
 * header), so client code that stores it can be tested.
 */
export function newLogId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return stamp + randomBytes(10).toString("hex").toUpperCase();
}
