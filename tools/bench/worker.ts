import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../dev/ports.ts";
import { waitFor } from "../dev/processes.ts";

export interface RunningWorker {
  url: string;
  process: ChildProcess;
  /** CPU seconds (user + system) used so far by the workerd processes serving this worker. */
  cpuSeconds(): number;
  /** The end of what wrangler printed (for a bench that fails to say why). */
  output(): string;
  stop(): Promise<void>;
}

/** Process ids of `root` and all its descendants, from /proc. */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const all: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift() as number;
    all.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return all;
}

function cpuOf(pids: number[]): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // gone
    }
  }
  return total;
}

/** Starts a worker under `wrangler dev` on a free port with the given vars, for benchmarks. */
export async function startWorker(options: {
  config?: string;
  vars: Record<string, string>;
  readyPath: string;
}): Promise<RunningWorker> {
  const port = await freePort();
  const args = [
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    mkdtempSync(join(tmpdir(), "adam-bench-")),
  ];
  if (options.config) args.push("--config", options.config);
  for (const [key, value] of Object.entries(options.vars)) args.push("--var", `${key}:${value}`);
  const child = spawn("wrangler", args, {
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(url + options.readyPath, 90_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`worker did not start: ${(error as Error).message}\n${output.slice(-2000)}`, { cause: error });
  }
  const workerdPids = () =>
    descendants(child.pid as number).filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").startsWith("workerd");
      } catch {
        return false;
      }
    });
  return {
    url,
    process: child,
    cpuSeconds: () => cpuOf(workerdPids()),
    output: () => output.slice(-3000),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

/**
 * Sends `total` requests from `concurrency` loops on keep-alive connections and returns the
 * throughput. `request(i)` builds the i-th request; every answer must have status `expect`.
 */
export async function load(
  total: number,
  concurrency: number,
  request: (i: number) => { url: string; headers?: Record<string, string> },
  expectStatus = 200,
): Promise<{ requests: number; seconds: number; perSecond: number }> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const { url, headers } = request(i);
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== expectStatus) throw new Error(`request ${i} to ${url} answered ${res.status}`);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { requests: total, seconds, perSecond: total / seconds };
}
