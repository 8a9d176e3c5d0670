import type { Context } from "hono";
import type { AuthContext } from "../auth/service";
import type { LifecycleDeps } from "../lifecycle/disconnect";
import { createWatchClient } from "../tiktok/business/client";
import { durableLimiter, type Limiter } from "../limits/limiter";
import type { AppEnv } from "./types";

/** The caller's IP as Cloudflare reports it; "unknown" outside Cloudflare (all such callers share one quota). */
export function clientIp(c: Context<AppEnv>): string {
  return c.req.header("cf-connecting-ip") ?? "unknown";
}

export function authContext(c: Context<AppEnv>): AuthContext {
  return {
    db: c.var.services.usersDb,
    config: c.var.config,
    kv: c.env.KV,
    limiter: limiter(c),
    ip: clientIp(c),
    userAgent: c.req.header("user-agent")?.slice(0, 256) ?? null,
    nowMs: Date.now(),
  };
}

/** What the account lifecycle (disconnect, delete) works with. */
export function lifecycleDeps(c: Context<AppEnv>): LifecycleDeps {
  const { db, usersDb, vault, tiktok } = c.var.services;
  const watch = c.var.config.watch;
  return {
    db,
    usersDb,
    vault,
    client: tiktok,
    queue: c.env.SNAPSHOTS,
    now: Date.now,
    watchClient: watch ? createWatchClient(watch) : null,
  };
}

/** The lockout and quota counters (one Durable Object per key). */
export function limiter(c: Context<AppEnv>): Limiter {
  return durableLimiter(c.env.LIMITER);
}
