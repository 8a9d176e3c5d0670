import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXAMPLE_VALUES } from "../../src/production.ts";
import { parseDotenv } from "./config.ts";

describe(".dev.vars.example", () => {
  it("gives every secret a value that production refuses (src/production.ts knows them all)", () => {
    const example = parseDotenv(readFileSync(".dev.vars.example", "utf8"));
    for (const name of [
      "JWT_SECRET",
      "TIKTOK_CLIENT_KEY",
      "TIKTOK_CLIENT_SECRET",
      "TIKTOK_BUSINESS_CLIENT_KEY",
      "TIKTOK_BUSINESS_CLIENT_SECRET",
      "DATABASE_URL",
      "OPERATOR_TOKEN",
      "ALERTS_SECRET",
      "EMAIL_API_KEY",
      "VAPID_PRIVATE_KEY",
    ]) {
      expect(EXAMPLE_VALUES[name], name).toContain(example[name]);
    }
    for (const entry of (example.TOKEN_ENCRYPTION_KEYS ?? "").split(",")) {
      expect(EXAMPLE_VALUES.TOKEN_ENCRYPTION_KEYS).toContain(entry.split(":")[1]);
    }
  });
});
