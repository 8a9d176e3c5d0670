/**
 * The dashboard's build (esbuild): `pages-site/app/src/main.ts` and its CSS become
 * `app/build/app.js` and `app/build/app.css`, with the API's origin compiled in.
 *
 * One build per environment, the way the API's origin is chosen (no hostname sniffing):
 *   npm run dev            builds into pages-site/app/build for http://127.0.0.1:8787 and rebuilds on change
 *   npm run build:site     the production site in dist/site: pages-site without the dashboard's sources,
 *                          with a minified build for ADAM_API_ORIGIN (default https://api.adam.lenkostudio.com)
 *   the E2E test           a copy of the site in a temporary directory, for the API on its free port
 */
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { context, type BuildOptions } from "esbuild";
import { TIKTOK_IMAGE_ORIGINS, writeHeaders } from "./headers.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
export const SITE_DIR = join(ROOT, "pages-site");
export const PRODUCTION_API_ORIGIN = "https://api.adam.lenkostudio.com";
const SOURCES = "app/src";
const OUTPUT = "app/build";

export interface DashboardBuildOptions {
  /** The API worker's origin, e.g. `http://127.0.0.1:8787` (no trailing slash). */
  apiOrigin: string;
  /** The site directory to build into (its `app/build/`). @default pages-site */
  siteDir?: string;
  /**
   * Where avatars come from, for the dashboard's Content-Security-Policy. A site other than
   * pages-site gets its `_headers` rewritten for `apiOrigin` and these. @default TikTok's CDNs
   */
  imageOrigins?: readonly string[];
  /** @default true */
  minify?: boolean;
  /** Keep rebuilding on change; returns a function that stops watching. */
  watch?: boolean;
  log?: (line: string) => void;
}

function options(o: DashboardBuildOptions): BuildOptions {
  const origin = new URL(o.apiOrigin).origin;
  return {
    entryPoints: { app: join(SITE_DIR, SOURCES, "main.ts") },
    outdir: join(o.siteDir ?? SITE_DIR, OUTPUT),
    bundle: true,
    format: "esm",
    target: ["chrome111", "firefox115", "safari16.4"],
    minify: o.minify ?? true,
    sourcemap: o.minify === false ? "inline" : false,
    legalComments: "none",
    define: { ADAM_API_ORIGIN: JSON.stringify(origin) },
    logLevel: "silent",
    metafile: true,
  };
}

/** Builds once (or starts watching); resolves with a stop function (a no-op when not watching). */
export async function buildDashboard(o: DashboardBuildOptions): Promise<() => Promise<void>> {
  const log = o.log ?? (() => undefined);
  if (o.siteDir && resolve(o.siteDir) !== SITE_DIR) {
    writeHeaders(o.siteDir, o.apiOrigin, o.imageOrigins ?? TIKTOK_IMAGE_ORIGINS);
  }
  const ctx = await context({
    ...options(o),
    plugins: [
      {
        name: "report",
        setup(build) {
          build.onEnd((result) => {
            for (const e of result.errors) log(`error: ${e.text} (${e.location?.file}:${e.location?.line})`);
            if (!result.errors.length && result.metafile) {
              const bytes = Object.values(result.metafile.outputs).reduce((sum, out) => sum + out.bytes, 0);
              log(`dashboard built for ${new URL(o.apiOrigin).origin} (${(bytes / 1024).toFixed(1)} KB)`);
            }
          });
        },
      },
    ],
  });
  if (o.watch) {
    await ctx.watch();
    return () => ctx.dispose();
  }
  try {
    const result = await ctx.rebuild();
    if (result.errors.length) throw new Error(`dashboard build failed: ${result.errors[0]?.text}`);
  } finally {
    await ctx.dispose();
  }
  return async () => undefined;
}

/** The whole Pages site, ready to deploy or serve: pages-site without the dashboard's sources, plus its build. */
export async function buildSite(o: { apiOrigin: string; outDir: string; minify?: boolean }): Promise<string> {
  rmSync(o.outDir, { recursive: true, force: true });
  mkdirSync(o.outDir, { recursive: true });
  cpSync(SITE_DIR, o.outDir, {
    recursive: true,
    filter: (source) =>
      ![join(SITE_DIR, SOURCES), join(SITE_DIR, OUTPUT), join(SITE_DIR, "app/tsconfig.json")].includes(source),
  });
  await buildDashboard({ apiOrigin: o.apiOrigin, siteDir: o.outDir, minify: o.minify ?? true });
  return o.outDir;
}
