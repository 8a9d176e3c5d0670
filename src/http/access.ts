import type { Context } from "hono";
import { ApiError } from "./errors";
import type { AppEnv } from "./types";

/**
 * An account outside the token's claims is answered exactly like one that does not exist, so the
 * API never confirms that someone else's account id is real.
 */
export function accountNotFound(): ApiError {
  return new ApiError("not_found", "Account not found.");
}

export function videoNotFound(): ApiError {
  return new ApiError("not_found", "Video not found.");
}

/** Checked before any cache lookup or database read. */
export function assertAccountClaim(c: Context<AppEnv>, accountId: string): void {
  if (!c.var.user.tiktokAccountIds.includes(accountId)) throw accountNotFound();
}
