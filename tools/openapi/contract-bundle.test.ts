import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The dashboard imports the API's contract: its types with `import type` and its runtime values
 * from `src/contract/constants.ts`. Bundled for the browser, that brings the constants and
 * nothing else: no zod, no Drizzle, no server code.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the contract in the dashboard's bundle", () => {
  it("is its constants alone", async () => {
    const result = await build({
      stdin: {
        contents: `
          import type { AccountOverview, VideoDetail, GrowthPlanResponse } from "./src/contract";
          import { VIDEO_SORTS } from "./src/contract/constants";
          export const sorts = VIDEO_SORTS;
          export const hours = (detail: VideoDetail, overview: AccountOverview, plan: GrowthPlanResponse) =>
            [detail.hours, overview.videos.length, plan.goals.length];
        `,
        loader: "ts",
        resolveDir: root,
        sourcefile: "probe.ts",
      },
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      metafile: true,
    });
    expect(Object.keys(result.metafile.inputs).toSorted()).toEqual(["probe.ts", "src/contract/constants.ts"]);
    expect(result.outputFiles[0]!.text).not.toMatch(/zod|drizzle/);
  });
});
