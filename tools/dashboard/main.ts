/**
 * `npm run build:site`: the production Pages site in dist/site (deploy it with
 * `npx wrangler pages deploy dist/site`). `ADAM_API_ORIGIN` names the API worker's origin.
 *   npm run build:site -- --out DIR --api-origin URL
 * `npm run build:dashboard` (`--dev`): only the dashboard's bundle, into pages-site/app/build, for
 * the local API (what `npm run dev` does before it serves the site).
 */
import { parseArgs } from "node:util";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readdirSync, readFileSync } from "node:fs";
import { buildDashboard, buildSite, PRODUCTION_API_ORIGIN, ROOT, SITE_DIR } from "./build.ts";
import { PORTS } from "../dev/ports.ts";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    out: { type: "string", default: join(ROOT, "dist/site") },
    "api-origin": { type: "string" },
  },
});

const log = (line: string) => console.log(line);
let buildDir: string;
if (values.dev) {
  const apiOrigin = values["api-origin"] ?? `http://127.0.0.1:${PORTS.api}`;
  await buildDashboard({ apiOrigin, log });
  buildDir = join(SITE_DIR, "app/build");
} else {
  const apiOrigin = values["api-origin"] ?? process.env.ADAM_API_ORIGIN ?? PRODUCTION_API_ORIGIN;
  const out = await buildSite({ apiOrigin, outDir: values.out });
  buildDir = join(out, "app/build");
  log(`site written to ${out}`);
}
for (const file of readdirSync(buildDir)) {
  const body = readFileSync(join(buildDir, file));
  log(
    `  app/build/${file}: ${(body.length / 1024).toFixed(1)} KB, ${(gzipSync(body, { level: 9 }).length / 1024).toFixed(1)} KB gzip`,
  );
}
