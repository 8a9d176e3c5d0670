import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "./loopback.ts";

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.0.0.1:5480", "localhost:8790", "LOCALHOST", "[::1]:8790"])("accepts %s", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([undefined, "", "evil.example", "evil.example:5480", "127.0.0.1.evil.example", "localhost.evil.example"])(
    "refuses %s (a rebound name, or none)",
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});
