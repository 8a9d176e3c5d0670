/**
 * The `npm run dev` stack on free ports, in a temporary directory, with a fresh database: for the
 * dashboard's end-to-end test and the README screenshot. The site is a copy of pages-site with
 * the dashboard built for this API's origin, so a running `npm run dev` is never disturbed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SITE_DIR } from "../dashboard/build.ts";
import type { ClockOptions } from "../tiktok-sim/index.ts";
import { parseDotenv } from "./config.ts";
import { freePort } from "./ports.ts";
import { ProcessGroup } from "./processes.ts";
import { startStack, type Stack } from "./stack.ts";

export interface EphemeralStack extends Stack {
  /** The worker's settings as given to wrangler (`--env-file`). */
  vars: Record<string, string>;
  /** Every output line of the stack's processes, for a failing test's report. */
  output: string[];
  stop(): Promise<void>;
}

export async function startEphemeralStack(
  o: { demo?: boolean; simulatorClock?: ClockOptions; vars?: Record<string, string> } = {},
): Promise<EphemeralStack> {
  const dir = mkdtempSync(join(tmpdir(), "adam-stack-"));
  const [api, pages, tiktok, neon, outbox, inspectApi, inspectPages] = await Promise.all(
    Array.from({ length: 7 }, () => freePort()),
  );
  const ports = {
    api: api as number,
    pages: pages as number,
    tiktok: tiktok as number,
    neon: neon as number,
    outbox: outbox as number,
    mount: null,
    inspector: { api: inspectApi as number, pages: inspectPages as number, mount: 0 },
  };
  const local = (port: number) => `http://127.0.0.1:${port}`;
  // Every setting of the example file, pointed at this stack's ports.
  const vars: Record<string, string> = {
    ...parseDotenv(readFileSync(".dev.vars.example", "utf8")),
    DATABASE_URL: `postgres://adam:adam@127.0.0.1:${ports.neon}/adam`,
    NEON_HTTP_ENDPOINT: `${local(ports.neon)}/sql`,
    DASHBOARD_ORIGINS: local(ports.pages),
    DASHBOARD_URL: `${local(ports.pages)}/app/`,
    TIKTOK_API_BASE: local(ports.tiktok),
    TIKTOK_AUTH_BASE: local(ports.tiktok),
    TIKTOK_REDIRECT_URI: `${local(ports.api)}/tiktok/callback`,
    TIKTOK_BUSINESS_API_BASE: `${local(ports.tiktok)}/open_api/v1.3`,
    TIKTOK_BUSINESS_AUTH_BASE: local(ports.tiktok),
    TIKTOK_BUSINESS_REDIRECT_URI: `${local(ports.api)}/tiktok/watch/callback`,
    API_URL: local(ports.api),
    EMAIL_API_BASE: `${local(ports.outbox)}/resend`,
    ...o.vars,
  };
  const envFile = join(dir, "worker.env");
  writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n") + "\n",
  );
  const siteDir = join(dir, "site");
  cpSync(SITE_DIR, siteDir, { recursive: true, filter: (source) => !source.startsWith(join(SITE_DIR, "app/build")) });

  const output: string[] = [];
  let crashed: string | null = null;
  const group = new ProcessGroup({
    output: (name, line) => {
      output.push(`[${name}] ${line}`);
      if (output.length > 2_000) output.shift();
    },
    onUnexpectedExit: (name, code) => {
      crashed = `${name} exited (${code})`;
    },
  });
  const stop = async () => {
    await group.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const stack = await startStack({
      ports,
      group,
      dataDir: dir,
      fresh: true,
      envFile,
      // Over .dev.vars too, should a developer's copy sit in the working directory.
      workerVars: vars,
      siteDir,
      watchDashboard: false,
      simulatorClock: o.simulatorClock,
      demo: o.demo ?? false,
      cron: false,
      log: (line) => output.push(line),
    });
    if (crashed) throw new Error(crashed);
    return { ...stack, vars, output, stop };
  } catch (error) {
    await stop();
    throw new Error(`the stack did not start: ${(error as Error).message}\n${output.slice(-60).join("\n")}`, {
      cause: error,
    });
  }
}
