import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const COLORS = [36, 35, 33, 32, 34, 31];
const children: ChildProcess[] = [];

/** Runs a long-lived command with its output prefixed by a name, stopped with the dev command. */
export function run(name: string, command: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  const color = COLORS[children.length % COLORS.length];
  const prefix = `\x1b[${color}m[${name}]\x1b[0m `;
  // Its own process group, so stopping it also stops what it started (npm → wrangler → workerd).
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on("line", (line) => process.stdout.write(prefix + line + "\n"));
  }
  child.on("exit", (code, signal) => {
    if (!stopping) {
      process.stdout.write(`${prefix}exited (${signal ?? code}); stopping everything\n`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
const cleanups: (() => Promise<void>)[] = [];

export function onStop(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

export async function stopAll(code = 0): Promise<never> {
  stopping = true;
  for (const child of children) signalGroup(child, "SIGTERM");
  await Promise.all(
    children.map(
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
  for (const cleanup of cleanups.toReversed()) await cleanup().catch(() => undefined);
  process.exit(code);
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
