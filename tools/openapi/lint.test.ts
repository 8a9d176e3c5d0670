import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./document.ts";

/**
 * The document standard tools read: Redocly's recommended ruleset (what `npx @redocly/cli lint`
 * applies with no configuration) finds nothing to say, errors or warnings.
 */
describe("the OpenAPI document", () => {
  it("passes Redocly's recommended ruleset with no error and no warning", async () => {
    const problems = await lintFromString({
      source: await openApiDocument(),
      absoluteRef: "openapi.json",
      config: await createConfig({ extends: ["recommended"] }),
    });
    // The OAuth callbacks are the one deliberate exception to "lists a 4xx": they drop a bad
    // parameter and redirect with a message (a browser must never land on a validation error), so
    // they never answer 4xx and do not claim one.
    const callbacks = ["#/paths/~1tiktok~1callback/get/responses", "#/paths/~1tiktok~1watch~1callback/get/responses"];
    const found = problems.filter(
      (p) => !(p.ruleId === "operation-4xx-response" && callbacks.includes(p.location[0]?.pointer ?? "")),
    );
    expect(found.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`)).toEqual([]);
  });
});
