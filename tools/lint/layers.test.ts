import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * The layering rules of .oxlintrc.json, proven: each probe is a one-line file at a path of the
 * tree, linted with the project's own config in a scratch copy (so the tree is never touched),
 * and either trips no-restricted-imports or does not.
 */
const ROOT = join(import.meta.dirname, "../..");
const OXLINT = join(ROOT, "node_modules/.bin/oxlint");

const PROBES: [path: string, source: string, forbidden: boolean][] = [
  ["src/analytics/probe.ts", 'import { createTiktokDb } from "../db/client";', true],
  ["src/analytics/coach/probe.ts", 'import type { TikTokError } from "../../tiktok/errors";', true],
  ["src/analytics/watch/probe.ts", 'import { usableWatchToken } from "../../connections/watch-credentials";', true],
  ["src/analytics/probe.ts", 'import { planSlot } from "../ingest/planner";', true],
  ["src/analytics/probe.ts", 'import { log } from "../log";', true],
  ["src/analytics/probe.ts", 'import { analyzeAccount } from "./index";', false],
  ["src/tiktok/probe.ts", 'import type { TiktokDb } from "../db/client";', true],
  ["src/tiktok/business/probe.ts", 'import { readWatchCredentials } from "../../db/queries/watch";', true],
  ["src/tiktok/probe.ts", 'import { NeedsReconnectError } from "../connections/credentials";', true],
  ["src/tiktok/probe.ts", 'import { TikTokError } from "./errors";', false],
  ["src/db/probe.ts", 'import { ApiError } from "../http/errors";', true],
  ["src/db/queries/probe.ts", 'import { ApiError } from "../../http/errors";', true],
  ["src/db/queries/probe.ts", 'import type { TiktokDb } from "../client";', false],
  ["src/lib/probe.ts", 'import { log } from "../log";', true],
  ["src/lib/probe.ts", 'import { toHex } from "./crypto";', false],
  ["src/auth/probe.ts", 'import { ApiError } from "../http/errors";', true],
  ["src/alerts/email/probe.ts", 'import { createApp } from "../../http/app";', true],
  ["src/probe.ts", 'import { createApp } from "./http/app";', true],
  ["src/index.ts", 'import { createApp } from "./http/app";', false],
  ["src/http/routes/probe.ts", 'import { ApiError } from "../errors";', false],
  ["src/ingest/probe.ts", 'import { createTiktokDb } from "../db/client";', false],
  ["pages-site/app/src/probe.ts", 'import { createTiktokDb } from "../../../src/db/client";', true],
  ["pages-site/app/src/probe.ts", 'import type { ErrorCode } from "../../../src/http/errors";', true],
  ["pages-site/app/src/probe.ts", 'import type { AccountSummary } from "../../../src/analytics/types";', true],
  ["pages-site/app/src/probe.ts", 'import type { PublicSummary } from "../../../src/http/presenters";', true],
  ["pages-site/app/src/probe.ts", 'import type { Video } from "../../../src/contract/videos";', false],
];

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), "adam-layers-"));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Whether no-restricted-imports reports `source` at `path` (a case directory of its own, so cases run apart). */
async function restricted(path: string, source: string): Promise<boolean> {
  const dir = mkdtempSync(join(scratch, "case-"));
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${source}\n`);
  cpSync(join(ROOT, ".oxlintrc.json"), join(dir, ".oxlintrc.json"));
  const { stdout } = await promisify(execFile)(OXLINT, ["-c", ".oxlintrc.json", path], { cwd: dir }).catch(
    (error: { stdout: string }) => error,
  );
  return stdout.includes("no-restricted-imports");
}

describe("the layers' lint rules", () => {
  it.each(PROBES)("%s: %s (forbidden: %s)", async (path, source, forbidden) => {
    expect(await restricted(path, source)).toBe(forbidden);
  });
});
