import { describe, expect, it } from "vitest";
import { MemoryTier } from "./memory-tier";

const entry = (chars: number) => ({ body: "x".repeat(chars), contentType: "application/json", storedAtMs: 0 });

describe("the memory tier", () => {
  it("never holds more bytes than its budget, evicting the least recently used", () => {
    const tier = new MemoryTier(1_000, 100_000);
    for (let i = 0; i < 50; i++) tier.set(`k${i}`, entry(10_000)); // ~20 KB each
    expect(tier.bytes).toBeLessThanOrEqual(100_000);
    expect(tier.size).toBe(4);
    expect(tier.get("k49")).toBeDefined();
    expect(tier.get("k0")).toBeUndefined();
  });

  it("keeps a recently read entry over an older unread one", () => {
    const tier = new MemoryTier(1_000, 100_000);
    for (let i = 0; i < 4; i++) tier.set(`k${i}`, entry(10_000));
    tier.get("k0");
    tier.set("k4", entry(10_000));
    expect(tier.get("k0")).toBeDefined();
    expect(tier.get("k1")).toBeUndefined();
  });

  it("does not keep an answer larger than a quarter of its budget (the Cache API has it)", () => {
    const tier = new MemoryTier(1_000, 100_000);
    tier.set("small", entry(100));
    tier.set("huge", entry(20_000));
    expect(tier.get("huge")).toBeUndefined();
    expect(tier.get("small")).toBeDefined();
  });

  it("counts a replaced entry once", () => {
    const tier = new MemoryTier(1_000, 1_000_000);
    tier.set("k", entry(1_000));
    const once = tier.bytes;
    tier.set("k", entry(1_000));
    expect(tier.bytes).toBe(once);
  });

  it("still bounds the number of entries", () => {
    const tier = new MemoryTier(3, 1_000_000);
    for (let i = 0; i < 10; i++) tier.set(`k${i}`, entry(10));
    expect(tier.size).toBe(3);
  });
});
