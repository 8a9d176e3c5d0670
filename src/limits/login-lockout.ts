import { sha256Hex } from "../auth/encoding";
import { blockedFor, clearWindow, countEvent, readWindow, type WindowRule } from "./kv-window";

/**
 * Failed logins are throttled per account and per IP: five wrong passwords lock the account for
 * 15 minutes, twenty failures from one IP lock that IP out. The state lives in KV.
 */
export const ACCOUNT_RULE: WindowRule = { limit: 5, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };
export const IP_RULE: WindowRule = { limit: 20, windowSeconds: 15 * 60, blockSeconds: 15 * 60 };

export interface LockoutKeys {
  account: string;
  ip: string;
}

export async function lockoutKeys(email: string, ip: string): Promise<LockoutKeys> {
  // hashed so KV holds no email addresses
  return { account: `lockout:account:${await sha256Hex(email)}`, ip: `lockout:ip:${ip}` };
}

/** Seconds until a login may be tried again, or 0. */
export async function lockedFor(kv: KVNamespace, keys: LockoutKeys, nowMs: number): Promise<number> {
  const [account, ip] = await Promise.all([readWindow(kv, keys.account), readWindow(kv, keys.ip)]);
  return Math.max(blockedFor(account, nowMs), blockedFor(ip, nowMs));
}

export async function recordFailedLogin(kv: KVNamespace, keys: LockoutKeys, nowMs: number): Promise<void> {
  await Promise.all([countEvent(kv, keys.account, ACCOUNT_RULE, nowMs), countEvent(kv, keys.ip, IP_RULE, nowMs)]);
}

export async function clearAccountFailures(kv: KVNamespace, keys: LockoutKeys): Promise<void> {
  await clearWindow(kv, keys.account);
}
