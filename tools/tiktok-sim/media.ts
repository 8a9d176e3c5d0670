/**
 * Stand-ins for TikTok's CDN: the model builds avatar and cover URLs under `<simulator>/media/`,
 * and this answers each with a small SVG whose colour is derived from the path, so a local
 * dashboard shows distinct images instead of broken ones.
 */
import { createHash } from "node:crypto";
import { text, type Reply } from "./http.ts";

export const MEDIA_PREFIX = "/media/";

export function mediaImage(path: string): Reply {
  const digest = createHash("sha256").update(path).digest();
  const hue = digest.readUInt16BE(0) % 360;
  const cover = path.startsWith(`${MEDIA_PREFIX}cover/`);
  const [width, height] = cover ? [270, 480] : [168, 168];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="hsl(${hue} 60% 55%)"/>` +
    `<circle cx="50%" cy="45%" r="${Math.min(width, height) / 4}" fill="hsl(${(hue + 180) % 360} 70% 85%)"/></svg>`;
  const reply = text(200, svg, "image/svg+xml");
  // Real CDN links are signed and expire; these never change, so let browsers keep them.
  if (reply.kind === "send") reply.headers["cache-control"] = "public, max-age=86400";
  return reply;
}
