import { DurableObject } from "cloudflare:workers";
import { attempt, expiresAt, refund, type Verdict, type WindowRule, type WindowState } from "./window";

/**
 * One counter per key (`env.LIMITER.idFromName(key)`): failed logins per account and per IP,
 * sign-ups per IP, exports per user. A Durable Object runs one request at a time and its storage
 * API here is synchronous, so reading, deciding and writing an attempt is one step no concurrent
 * request can interleave with: the count is exact, wherever in the world the requests come from.
 * The state is deleted by an alarm once it no longer matters.
 */
const KEY = "window";
const RULE = "rule";

export class LimiterObject extends DurableObject<Env> {
  /** Counts an attempt and says whether it may go ahead. */
  async attempt(rule: WindowRule): Promise<Verdict> {
    const storage = this.ctx.storage;
    const decided = attempt(storage.kv.get<WindowState>(KEY), rule, Date.now());
    storage.kv.put(KEY, decided.state);
    storage.kv.put(RULE, rule);
    await storage.setAlarm(expiresAt(decided.state, rule));
    return decided.verdict;
  }

  /** An allowed attempt succeeded (a login from a shared IP): it stops counting against the key. */
  async refund(): Promise<void> {
    const state = refund(this.ctx.storage.kv.get<WindowState>(KEY));
    if (state) this.ctx.storage.kv.put(KEY, state);
  }

  /** Starts over (the right password was given). */
  async reset(): Promise<void> {
    this.ctx.storage.kv.delete(KEY);
  }

  override async alarm(): Promise<void> {
    const state = this.ctx.storage.kv.get<WindowState>(KEY);
    const rule = this.ctx.storage.kv.get<WindowRule>(RULE);
    if (state && rule && expiresAt(state, rule) > Date.now()) {
      await this.ctx.storage.setAlarm(expiresAt(state, rule));
      return;
    }
    await this.ctx.storage.deleteAll();
  }
}
