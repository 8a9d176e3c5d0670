import { spawn, type ChildProcess } from "node:child_process";
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
 * (npm → wrangler → workerd), and nothing else.
 */
export class ProcessGroup {
  private readonly children: ChildProcess[] = [];
  private readonly cleanups: (() => Promise<void>)[] = [];
  private stopping: Promise<void> | undefined;

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
    for (const cleanup of this.cleanups.toReversed()) await cleanup().catch(() => undefined);
  }
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
