import { describe, expect, it } from "vitest";
import { backoffSeconds, gate, outcomeOf, retryAfter } from "./retry";

describe("what an answer means", () => {
  it("waits on a 429 unless told to fail, and retries a 503 unless sent once", () => {
    expect(outcomeOf(429, {})).toBe("rate_limited");
    expect(outcomeOf(429, { failOn429: true })).toBe("answer");
    expect(outcomeOf(503, {})).toBe("busy");
    expect(outcomeOf(503, { once: true })).toBe("answer");
    expect(outcomeOf(200, {})).toBe("answer");
    expect(outcomeOf(500, {})).toBe("answer");
  });

  it("backs off 2, 4, 8, 16, then 30 s", () => {
    expect([0, 1, 2, 3, 4, 5, 9].map(backoffSeconds)).toEqual([2, 4, 8, 16, 30, 30, 30]);
  });

  it("reads Retry-After in seconds, 30 when missing or unreadable", () => {
    expect(retryAfter("12")).toBe(12);
    expect(retryAfter(null)).toBe(30);
    expect(retryAfter("soon")).toBe(30);
    expect(retryAfter("0")).toBe(30);
  });
});

/** A gate on a clock the test moves, whose sleeps end when the test says. */
function testGate() {
  let now = 1_000;
  const sleeps: { ms: number; end: () => void }[] = [];
  const events: string[] = [];
  const g = gate({
    now: () => now,
    sleep: (ms) => new Promise<void>((end) => sleeps.push({ ms, end })),
    onClose: (until) => events.push(`closed until ${until}`),
    onOpen: () => events.push("open"),
  });
  return { g, sleeps, events, at: (ms: number) => (now = ms) };
}

describe("the 429 gate", () => {
  it("is open until a 429, then holds every request for Retry-After, then opens", async () => {
    const { g, sleeps, events, at } = testGate();
    expect(g.waiting).toBeNull();
    const wait = g.close(5);
    expect(g.waiting).toBe(wait);
    expect(sleeps.map((s) => s.ms)).toEqual([5000]);
    at(6_000);
    sleeps[0]?.end();
    await wait;
    expect(g.waiting).toBeNull();
    expect(events).toEqual(["closed until 6000", "open"]);
  });

  it("a second 429 that ends sooner joins the wait under way", () => {
    const { g, sleeps, events } = testGate();
    const first = g.close(10);
    expect(g.close(3)).toBe(first);
    expect(sleeps).toHaveLength(1);
    expect(events).toEqual(["closed until 11000"]);
  });

  it("a later 429 moves the end: the first wait ending does not open the gate", async () => {
    const { g, sleeps, events, at } = testGate();
    const first = g.close(2);
    at(2_000);
    const second = g.close(5);
    at(3_000);
    sleeps[0]?.end();
    await first;
    expect(g.waiting).toBe(second);
    at(7_000);
    sleeps[1]?.end();
    await second;
    expect(g.waiting).toBeNull();
    expect(events).toEqual(["closed until 3000", "closed until 7000", "open"]);
  });
});
