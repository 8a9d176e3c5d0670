import type { Context } from "hono";
import { constantTimeEqual, sha256 } from "../lib/crypto";
import type { AppEnv } from "./types";

/**
 * Whether the request carries the operator token (`Authorization: Bearer <OPERATOR_TOKEN>`),
 * compared as SHA-256 digests in constant time. Without a configured token, nobody is an operator.
 */
export async function isOperator(c: Context<AppEnv>): Promise<boolean> {
  const expected = c.var.config.operatorToken;
  const presented = /^Bearer (\S+)$/.exec(c.req.header("authorization") ?? "")?.[1];
  if (!expected || !presented) return false;
  return constantTimeEqual(await sha256(presented), await sha256(expected));
}
