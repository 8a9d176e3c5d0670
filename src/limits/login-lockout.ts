import { sha256Hex } from "../lib/crypto";
import { log } from "../log";
import type { Limiter } from "./limiter";
import type { Verdict, WindowRule } from "./window";

/**
 * Password guessing is throttled per account and per IP: five attempts lock the account for 15
 * minutes, twenty from one IP lock that IP out. Attempts are counted before the password is
 * checked, by the key's Durable Object, so a burst of concurrent guesses gets no more checks than
 * a slow one: at most five per account per lock. The right password clears the account's count
 * and gives the IP its attempt back, so only wrong ones add up.
 *
 * If the account's counter cannot be reached, the login is refused (fail closed: an attacker must
 * not be able to guess while the count is unknown); the IP's counter fails open.
 */
export const ACCOUNT_RULE: WindowRule = { limit: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };
export const IP_RULE: WindowRule = { limit: 20, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

export interface LockoutKeys {
  account: string;
  ip: string;
}

export async function lockoutKeys(email: string, ip: string): Promise<LockoutKeys> {
  // hashed so no counter is named by an email address
  return { account: `login:account:${await sha256Hex(email)}`, ip: `login:ip:${ip}` };
}

/** The account's counter could not be reached: the attempt is refused. */
export class LockoutUnavailableError extends Error {
  override readonly name = "LockoutUnavailableError";
}

/**
 * Counts a password attempt against the IP and the account; allowed means the password may be
 * checked now. Throws LockoutUnavailableError when the account's counter cannot be reached.
 */
export async function beginPasswordAttempt(limiter: Limiter, keys: LockoutKeys): Promise<Verdict> {
  const ip = await limiter.attempt(keys.ip, IP_RULE).catch((error: unknown) => {
    log("warn", "lockout_ip_counter_unavailable", { message: (error as Error).message });
    return { allowed: true, retryAfterSeconds: 0 };
  });
  if (!ip.allowed) return ip;
  try {
    return await limiter.attempt(keys.account, ACCOUNT_RULE);
  } catch (error) {
    log("error", "lockout_account_counter_unavailable", { message: (error as Error).message });
    throw new LockoutUnavailableError("the account's attempt counter cannot be reached");
  }
}

/** The password was right: the account starts over, and the IP gets its attempt back. */
export async function passwordAccepted(limiter: Limiter, keys: LockoutKeys): Promise<void> {
  await Promise.all([
    limiter
      .reset(keys.account)
      .catch((error: unknown) => log("warn", "lockout_reset_failed", { message: (error as Error).message })),
    limiter.refund(keys.ip).catch(() => undefined),
  ]);
}
