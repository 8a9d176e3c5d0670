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
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`)).toEqual([]);
  });
});
