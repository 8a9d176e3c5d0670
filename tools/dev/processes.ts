import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const COLORS = [36, 35, 33, 32, 34, 31];

export interface ProcessGroupOptions {
  /** Each output line of a child. @default printed to stdout, prefixed by the child's coloured name */
  output?: (name: string, line: string) => void;
  /** A child exited while the group was not stopping. */
  onUnexpectedExit?: (name: string, code: number | string | null) => void;
}

/**
 * Long-lived commands started together and stopped together (`npm run dev`, the E2E stack).
 * Each child gets its own process group, so stopping it also stops what it started
 * (npm → wrangler → workerd), and nothing else. Should this process exit without stop() (an
 * uncaught exception, a `process.exit` anywhere), the groups are still killed, synchronously,
 * from the process's `exit` event: no orphaned wrangler or workerd is left holding the ports.
 */
export class ProcessGroup {
  private readonly children: ChildProcess[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];
  private stopping: Promise<void> | undefined;
  private readonly onExit = () => this.killNow();

  constructor(private readonly options: ProcessGroupOptions = {}) {}

  run(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
    const color = COLORS[this.children.length % COLORS.length];
    const prefix = `\x1b[${color}m[${name}]\x1b[0m `;
    const output = this.options.output ?? ((_name, line) => process.stdout.write(prefix + line + "\n"));
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on("line", (line) => output(name, line));
    }
    child.on("exit", (code, signal) => {
      if (!this.stopping) this.options.onUnexpectedExit?.(name, signal ?? code);
    });
    if (this.children.length === 0) process.on("exit", this.onExit);
    this.children.push(child);
    return child;
  }

  /** Runs after every child has stopped, in reverse order of registration. */
  onStop(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  /** Stops every child (SIGTERM, SIGKILL after 5 s), then runs the cleanups. Idempotent. */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  private async stopAll(): Promise<void> {
    for (const child of this.children) signalGroup(child, "SIGTERM");
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const force = setTimeout(() => signalGroup(child, "SIGKILL"), 5_000);
            child.once("exit", () => {
              clearTimeout(force);
              resolve();
            });
          }),
      ),
    );
    // whatever outlived its group's leader (a workerd its wrangler left behind)
    for (const child of this.children) signalGroup(child, "SIGKILL");
    process.removeListener("exit", this.onExit);
    for (const cleanup of this.cleanups.toReversed()) await cleanup().catch(() => undefined);
  }

  /**
   * Stops every child's process group without the event loop, for the `exit` event: SIGTERM,
   * up to `graceMs` for them to go (waiting synchronously), then SIGKILL. Cleanups do not run.
   */
  killNow(graceMs = 1_500): void {
    const groups = this.children.flatMap((child) => (child.pid ? [child.pid] : []));
    for (const pgid of groups) signalGroupId(pgid, "SIGTERM");
    const deadline = Date.now() + graceMs;
    const pause = new Int32Array(new SharedArrayBuffer(4));
    while (groups.some(groupAlive) && Date.now() < deadline) Atomics.wait(pause, 0, 0, 25);
    for (const pgid of groups) signalGroupId(pgid, "SIGKILL");
  }
}

/**
 * Makes this process end with `group`: SIGINT, SIGTERM, SIGHUP (the terminal was closed) and an
 * uncaught exception or unhandled rejection stop the group (children, then cleanups) and exit.
 * Repeated signals change nothing; a stop that takes over `timeoutMs` exits at once, and the
 * group's `exit` hook then kills what is left. Returns the same idempotent `stop(code)`.
 */
export function exitWithGroup(
  group: ProcessGroup,
  o: { log?: (line: string) => void; timeoutMs?: number } = {},
): (code: number) => Promise<void> {
  const log = o.log ?? ((line: string) => console.error(line));
  let stopping: Promise<void> | undefined;
  const stop = (code: number): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      setTimeout(() => {
        log(`stopping took over ${(o.timeoutMs ?? 20_000) / 1000} s; exiting`);
        process.exit(code || 1);
      }, o.timeoutMs ?? 20_000).unref();
      void group
        .stop()
        .catch((error: unknown) => log(`while stopping: ${String(error)}`))
        .then(() => process.exit(code))
        .finally(resolve);
    });
    return stopping;
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => void stop(0));
  }
  process.on("uncaughtException", (error) => {
    log(`uncaught: ${error.stack ?? String(error)}`);
    void stop(1);
  });
  // After SIGHUP the terminal is gone: writing to it fails (EIO, EPIPE), which must not be fatal.
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
  return stop;
}

/** Polls a URL until it answers (any status), so later steps can rely on the service. */
export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal); // the group is already gone
  }
}

function signalGroupId(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Whether a process group still has a running member. From /proc where there is one, because
 * an exited child stays a zombie until this process reaps it, which cannot happen in `exit`.
 */
function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // after "pid (comm) ": state, ppid, pgrp
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return true;
    } catch {
      // ended while we looked
    }
  }
  return false;
}
