/**
 * Starts the real local stack for browser tests and the benchmark: `wrangler pages dev` serving
 * a site directory, and wrangler dev running a worker in front of it, each on a free port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PAGES_DEV_FLAGS } from "../../tools/dev/pages-dev.ts";
import { freePort } from "../../tools/dev/ports.ts";

export const ROOT = resolve(import.meta.dirname, "../..");
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const COMPATIBILITY_DATE = "2026-11-01";

export interface Server {
  url: string;
  stop(): Promise<void>;
}

/** Runs wrangler with `args` and resolves once `url` answers HTTP. */
async function startWrangler(name: string, args: string[], port: number): Promise<Server> {
  const state = mkdtempSync(join(tmpdir(), `adam-${name}-`));
  const inspector = await freePort();
  const child: ChildProcess = spawn(
    WRANGLER,
    [
      ...args,
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(inspector),
      "--persist-to",
      state,
    ],
    {
      cwd: ROOT,
      // Own process group, so stop() ends wrangler and the workerd it started, and nothing else.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_LOG: "warn", CI: "true" },
    },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((done) => child.once("exit", done));
      process.kill(-child.pid, "SIGTERM");
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    }
    rmSync(state, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2000) });
      return { url, stop };
    } catch {
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  await stop();
  throw new Error(`${name} did not start on ${url}:\n${output}`);
}

/** `wrangler pages dev <directory>`, the Pages origin. */
export async function startPages(directory = join(ROOT, "pages-site")): Promise<Server> {
  return startWrangler(
    "pages",
    ["pages", "dev", directory, "--compatibility-date", COMPATIBILITY_DATE, ...PAGES_DEV_FLAGS],
    await freePort(),
  );
}

/** A worker under `wrangler dev` with ORIGIN pointing at `origin`. */
export async function startWorker(origin: string, config = "workers/adam-mount/wrangler.jsonc"): Promise<Server> {
  return startWrangler("worker", ["dev", "-c", config, "--var", `ORIGIN:${origin}`], await freePort());
}
