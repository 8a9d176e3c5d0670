/**
 * A lock file naming the process that owns a local data directory (`npm run dev`'s `.data`,
 * PGlite's folder), taken before anything in the directory is opened or deleted, so a second
 * `npm run dev` started by mistake stops with a clear message instead of wiping or corrupting the
 * data of the running one. The file holds the owner's pid and, where /proc exists, the boot and
 * start time of that process, so a lock left by a killed process (or a pid reused after a reboot)
 * is recognised as stale and taken over. It is removed on release and when the process exits.
 */
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

interface Holder {
  pid: number;
  /** `<boot id>:<start time in clock ticks>` of the process, or null without /proc. */
  started: string | null;
  /** What the process is, for the message: "npm run dev". */
  label: string;
}

export class LockedError extends Error {
  constructor(
    readonly resource: string,
    readonly holder: Holder | null,
    readonly file: string,
  ) {
    super(
      holder
        ? `another Adam dev stack is using ${resource} (pid ${holder.pid}, ${holder.label}); stop it first ` +
            `(or, if that process is not Adam, remove ${file})`
        : `another Adam dev stack is starting on ${resource} (${file} is being written); stop it first`,
    );
    this.name = "LockedError";
  }
}

export interface Lock {
  readonly file: string;
  /** Removes the lock file if it is still ours. Idempotent. */
  release(): void;
}

/** The identity of a running process beyond its pid, or null where /proc is not there. */
export function startTimeOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // after "pid (comm) ": state is field 3, starttime field 22
    const starttime = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    return starttime ? `${boot}:${starttime}` : null;
  } catch {
    return null;
  }
}

function isAlive(holder: Holder): boolean {
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (holder.started === null) return true;
  const started = startTimeOf(holder.pid);
  return started === null || started === holder.started;
}

function readText(file: string): string | "missing" {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
}

function parseHolder(text: string): Holder | null {
  try {
    const holder = JSON.parse(text) as Holder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Removes a lock judged stale from `text`, unless another process replaced it meanwhile (it took
 * over the same stale lock first): the file is moved aside before it is checked, so a fresh lock
 * moved by mistake can be put back instead of being deleted.
 */
export function removeStale(file: string, text: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if (readText(aside) !== text) {
    try {
      linkSync(aside, file); // back where it was, unless yet another lock is there now
    } catch {
      // that one holds it
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Takes `file` for this process, or throws a LockedError naming the live process that holds it.
 * `resource` is what the message calls the data (".data/pglite"); `label` what this process is.
 */
export function acquireLock(file: string, resource: string, label = "npm run dev"): Lock {
  mkdirSync(dirname(file), { recursive: true });
  const text = JSON.stringify({ pid: process.pid, started: startTimeOf(process.pid), label } satisfies Holder) + "\n";
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, text, { flag: "wx" });
      return ownLock(file, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const held = readText(file);
    if (held === "missing") continue; // released meanwhile
    const holder = parseHolder(held);
    if (holder === null) {
      // empty or garbled: just created by a process that has not written it yet, or left half-written long ago
      const stat = statSync(file, { throwIfNoEntry: false });
      if (!stat) continue;
      if (Date.now() - stat.mtimeMs < 5_000) throw new LockedError(resource, null, file);
    } else if (isAlive(holder)) {
      throw new LockedError(resource, holder, file);
    }
    // stale: its process is gone (killed with SIGKILL, the machine restarted)
    removeStale(file, held);
  }
  throw new Error(`could not take the lock ${file}: it keeps changing hands`);
}

function ownLock(file: string, text: string): Lock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    try {
      if (readFileSync(file, "utf8") === text) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return { file, release };
}
