import { describe, expect, it } from "vitest";
import { attempt, expiresAt, refund, type WindowRule, type WindowState } from "./window";

const RULE: WindowRule = { limit: 5, windowSeconds: 900, blockSeconds: 900 };
const T0 = 1_800_000_000_000;

/** `n` attempts at `at`, in order, as the key's Durable Object runs them. */
function attempts(n: number, at = T0, from?: WindowState) {
  let state = from;
  const allowed: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const decided = attempt(state, RULE, at);
    allowed.push(decided.verdict.allowed);
    state = decided.state;
  }
  return { allowed, state: state as WindowState };
}

describe("a counted window with a block", () => {
  it("allows the limit and refuses every attempt after it, however many arrive", () => {
    const { allowed } = attempts(500);
    expect(allowed.filter(Boolean)).toHaveLength(5);
    expect(allowed.slice(0, 5).every(Boolean)).toBe(true);
  });

  it("keeps refusing for the whole block, and says how long is left", () => {
    const { state } = attempts(5);
    const later = attempt(state, RULE, T0 + 899_000);
    expect(later.verdict).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(later.state).toEqual(state); // refused attempts are not counted
  });

  it("allows again once the block has ended, starting a new window", () => {
    const { state } = attempts(5);
    const after = attempt(state, RULE, T0 + 900_000);
    expect(after.verdict.allowed).toBe(true);
    expect(after.state).toEqual({ count: 1, windowStartMs: T0 + 900_000 });
  });

  it("forgets attempts from a window that has passed", () => {
    const { state } = attempts(4);
    expect(attempt(state, RULE, T0 + 900_000).state.count).toBe(1);
  });

  it("gives a refunded attempt back without lifting a block", () => {
    const { state } = attempts(3);
    expect(refund(state)?.count).toBe(2);
    const blocked = attempts(5).state;
    expect(attempt(refund(blocked), RULE, T0 + 1).verdict.allowed).toBe(false);
  });

  it("can be forgotten when both its window and its block are over", () => {
    expect(expiresAt(attempts(2).state, RULE)).toBe(T0 + 900_000);
    expect(expiresAt(attempts(5, T0 + 60_000, attempts(1).state).state, RULE)).toBe(T0 + 960_000);
  });
});
