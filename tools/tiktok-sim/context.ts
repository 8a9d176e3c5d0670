/**
 * Everything one running simulator is made of, handed to every handler. Only tokens, faults,
 * counters and the rate-limit window are state; creators and their numbers come from the model.
 */
import type { CallCounter } from "./calls.ts";
import type { EventStore } from "./events.ts";
import type { SimClock } from "./clock.ts";
import type { FaultStore } from "./faults.ts";
import type { World } from "./model/index.ts";
import type { SlidingWindowLimiter } from "./rate-limit.ts";
import type { Timers } from "./timers.ts";
import type { AppKind } from "./scopes.ts";
import type { TokenStore } from "./tokens.ts";

/** A simulated TikTok app registration: the Login Kit app (Display API) or the Accounts API's app. */
export interface AppConfig {
  kind: AppKind;
  clientKey: string;
  clientSecret: string;
  /** Registered redirect URIs (exact match), or "loopback": any http://127.0.0.1:* or http://localhost:* URI. */
  redirectUris: readonly string[] | "loopback";
  /** Where `authorization.removed` is delivered when a control call names no `url`. */
  webhookUrl: string | undefined;
}

export interface SimContext {
  /** The Login Kit app (Display API). */
  app: AppConfig;
  /** The Accounts API's app (TikTok API for Business): its own key, secret, scopes and redirect URIs. */
  business: AppConfig;
  seed: number;
  /** Creators with index 0 … creators − 1 exist; other open_ids are nobody. */
  creators: number;
  epochMs: number;
  clock: SimClock;
  world: World;
  tokens: TokenStore;
  faults: FaultStore;
  /** Spikes and drops made on demand (`POST /__sim/events`), applied over the model's answers. */
  events: EventStore;
  calls: CallCounter;
  limiter: SlidingWindowLimiter;
  /** The Accounts API's limit (unpublished by TikTok), per endpoint. */
  businessLimiter: SlidingWindowLimiter;
  timers: Timers;
}

/** The app a client_key belongs to, if any. */
export function appOf(ctx: Pick<SimContext, "app" | "business">, clientKey: string): AppConfig | undefined {
  return [ctx.app, ctx.business].find((app) => app.clientKey === clientKey);
}

/** The creator index behind an open_id, if it is one of this simulator's creators. */
export function creatorIndex(ctx: SimContext, openId: string): number | undefined {
  const index = ctx.world.indexOfOpenId(openId);
  return index !== undefined && index < ctx.creators ? index : undefined;
}

/** Back to a fresh start: no tokens, codes, faults or counts, the clock at its start. */
export function resetState(ctx: SimContext): void {
  ctx.tokens.clear();
  ctx.faults.clear();
  ctx.events.clear();
  ctx.calls.reset();
  ctx.limiter.reset();
  ctx.businessLimiter.reset();
  ctx.clock.reset();
}
