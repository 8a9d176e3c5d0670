/**
 * The dashboard's Content-Security-Policy in a Pages site's `_headers`, for the environment it is
 * built for. pages-site/_headers holds the `npm run dev` values; a site built for another API
 * (production, the end-to-end test on its free ports) gets that API's origin in `connect-src` and
 * that environment's avatar hosts in `img-src`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const DEV_API_ORIGIN = "http://127.0.0.1:8787";
export const DEV_IMAGE_ORIGINS = ["http://127.0.0.1:8790"];
/** Where TikTok serves avatars from (signed CDN links). */
export const TIKTOK_IMAGE_ORIGINS = [
  "https://*.tiktokcdn.com",
  "https://*.tiktokcdn-us.com",
  "https://*.tiktokcdn-eu.com",
];

export function dashboardPolicy(apiOrigin: string, imageOrigins: readonly string[]): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // the push service worker (app/sw.js): only after the user asks for push
    "worker-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: ${imageOrigins.join(" ")}`,
    `connect-src 'self' ${new URL(apiOrigin).origin}`,
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Rewrites `<siteDir>/_headers` for this API and these avatar hosts. */
export function writeHeaders(siteDir: string, apiOrigin: string, imageOrigins: readonly string[]): void {
  const file = join(siteDir, "_headers");
  const dev = dashboardPolicy(DEV_API_ORIGIN, DEV_IMAGE_ORIGINS);
  const text = readFileSync(file, "utf8");
  if (!text.includes(dev)) throw new Error(`${file} does not hold the development policy to replace`);
  writeFileSync(file, text.replace(dev, dashboardPolicy(apiOrigin, imageOrigins)));
}
