import { describe, expect, it } from "vitest";
import { isPostgresError } from "./protocol.ts";

describe("isPostgresError", () => {
  it("accepts an Error with a five-character SQLSTATE code and a severity", () => {
    const error = Object.assign(new Error('relation "x" does not exist'), { code: "42P01", severity: "ERROR" });
    expect(isPostgresError(error)).toBe(true);
    expect(isPostgresError(Object.assign(new Error("division by zero"), { code: "22012", severity: "FATAL" }))).toBe(
      true,
    );
  });

  it("rejects Node's socket errors, whose code can look like a SQLSTATE", () => {
    expect(isPostgresError(Object.assign(new Error("write EPIPE"), { code: "EPIPE", errno: -32 }))).toBe(false);
    expect(isPostgresError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", errno: -104 }))).toBe(
      false,
    );
  });

  it("rejects an error with a code but no severity, or an empty one", () => {
    expect(isPostgresError(Object.assign(new Error("x"), { code: "42P01" }))).toBe(false);
    expect(isPostgresError(Object.assign(new Error("x"), { code: "42P01", severity: "" }))).toBe(false);
    expect(isPostgresError(Object.assign(new Error("x"), { code: "42P01", severity: 1 }))).toBe(false);
  });

  it("rejects a severity without a SQLSTATE-shaped code", () => {
    expect(isPostgresError(Object.assign(new Error("x"), { severity: "ERROR" }))).toBe(false);
    expect(isPostgresError(Object.assign(new Error("x"), { code: "42p01", severity: "ERROR" }))).toBe(false);
    expect(isPostgresError(Object.assign(new Error("x"), { code: "42P011", severity: "ERROR" }))).toBe(false);
    expect(isPostgresError(Object.assign(new Error("x"), { code: 42601, severity: "ERROR" }))).toBe(false);
  });

  it("rejects anything that is not an Error, even with the fields", () => {
    expect(isPostgresError({ message: "x", code: "42P01", severity: "ERROR" })).toBe(false);
    expect(isPostgresError("42P01")).toBe(false);
    expect(isPostgresError(null)).toBe(false);
    expect(isPostgresError(undefined)).toBe(false);
  });
});
