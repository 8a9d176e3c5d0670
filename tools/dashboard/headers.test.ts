import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SITE_DIR } from "./build.ts";
import { dashboardPolicy, TIKTOK_IMAGE_ORIGINS, writeHeaders } from "./headers.ts";

describe("the dashboard's Content-Security-Policy", () => {
  it("is written for the API a site is built for, with no trace of the development hosts", () => {
    const dir = mkdtempSync(join(tmpdir(), "adam-headers-"));
    copyFileSync(join(SITE_DIR, "_headers"), join(dir, "_headers"));
    writeHeaders(dir, "https://api.adam.lenkostudio.com", TIKTOK_IMAGE_ORIGINS);
    const text = readFileSync(join(dir, "_headers"), "utf8");
    expect(text).toContain(dashboardPolicy("https://api.adam.lenkostudio.com", TIKTOK_IMAGE_ORIGINS));
    const rules = text.split("\n").filter((line) => !line.startsWith("#"));
    expect(rules.join("\n")).not.toContain("127.0.0.1");
  });

  it("lets the dashboard load nothing but itself, its API and avatars, and be framed by nobody", () => {
    const policy = dashboardPolicy("https://api.adam.lenkostudio.com/", ["https://*.tiktokcdn.com"]);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self' https://api.adam.lenkostudio.com;");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe");
  });
});
