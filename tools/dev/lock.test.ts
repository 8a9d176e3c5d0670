import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireLock, LockedError, removeStale, startTimeOf, type Lock } from "./lock.ts";

let dir: string;
let file: string;
const held: Lock[] = [];

function take(resource = "the data"): Lock {
  const lock = acquireLock(file, resource);
  held.push(lock);
  return lock;
}

function writeHolder(holder: unknown): string {
  const text = JSON.stringify(holder) + "\n";
  writeFileSync(file, text);
  return text;
}

/** A pid that existed a moment ago and has been reaped: nothing runs under it now. */
function deadPid(): number {
  const { pid } = spawnSync("true");
  if (!pid) throw new Error("could not spawn `true`");
  expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: "ESRCH" }));
  return pid;
}

function catchLocked(fn: () => unknown): LockedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LockedError) return error;
    throw error;
  }
  throw new Error("expected a LockedError");
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "adam-lock-"));
  file = join(dir, "adam-dev.lock");
});

afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  rmSync(dir, { recursive: true, force: true });
});

describe("startTimeOf", () => {
  it("names this process by boot id and start time, and a missing process by null", () => {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    expect(startTimeOf(process.pid)).toMatch(new RegExp(`^${boot}:\\d+$`));
    expect(startTimeOf(process.pid)).toBe(startTimeOf(process.pid));
    expect(startTimeOf(process.ppid)).not.toBe(startTimeOf(process.pid));
    expect(startTimeOf(deadPid())).toBeNull();
  });
});

describe("acquireLock", () => {
  it("takes the lock in an empty directory and writes this process as the holder", () => {
    const lock = take();
    expect(lock.file).toBe(file);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({
      pid: process.pid,
      started: startTimeOf(process.pid),
      label: "npm run dev",
    });
  });

  it("creates the lock file's directory", () => {
    file = join(dir, "a", "b", "adam-dev.lock");
    take();
    expect(existsSync(file)).toBe(true);
  });

  it("refuses a second acquire while this process holds the lock, naming the pid and the file", () => {
    take();
    const error = catchLocked(() => take(".data"));
    expect(error.name).toBe("LockedError");
    expect(error.file).toBe(file);
    expect(error.resource).toBe(".data");
    expect(error.holder).toEqual({ pid: process.pid, started: startTimeOf(process.pid), label: "npm run dev" });
    expect(error.message).toBe(
      `another Adam dev stack is using .data (pid ${process.pid}, npm run dev); stop it first ` +
        `(or, if that process is not Adam, remove ${file})`,
    );
  });

  it("refuses a lock held by another live process (same pid and start time)", () => {
    const text = writeHolder({ pid: process.ppid, started: startTimeOf(process.ppid), label: "e2e" });
    const error = catchLocked(() => take());
    expect(error.holder?.pid).toBe(process.ppid);
    expect(error.message).toContain(`(pid ${process.ppid}, e2e)`);
    expect(readFileSync(file, "utf8")).toBe(text);
  });

  it("refuses a lock held by a live process that recorded no start time", () => {
    writeHolder({ pid: process.ppid, started: null, label: "npm run dev" });
    expect(() => take()).toThrow(LockedError);
  });

  it("takes over a lock whose process no longer exists", () => {
    writeHolder({ pid: deadPid(), started: null, label: "npm run dev" });
    take();
    expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
  });

  it("takes over a lock whose pid is alive but was started by another process (pid reused)", () => {
    const started = startTimeOf(process.ppid);
    expect(started).not.toBeNull();
    writeHolder({ pid: process.ppid, started: `${started}1`, label: "npm run dev" });
    take();
    expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
  });

  for (const [what, text] of [
    ["garbled", "{not json"],
    ["empty", ""],
    ["pid-less", '{"started":null}'],
  ] as const) {
    it(`takes over a ${what} lock file older than 5 s`, () => {
      writeFileSync(file, text);
      const old = (Date.now() - 60_000) / 1000;
      utimesSync(file, old, old);
      take();
      expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
    });

    it(`refuses a fresh ${what} lock file (another process is writing it)`, () => {
      writeFileSync(file, text);
      const error = catchLocked(() => take(".data"));
      expect(error.holder).toBeNull();
      expect(error.message).toBe(
        `another Adam dev stack is starting on .data (${file} is being written); stop it first`,
      );
      expect(readFileSync(file, "utf8")).toBe(text);
    });
  }
});

describe("release", () => {
  it("removes the lock file, after which the lock can be taken again", () => {
    const lock = take();
    lock.release();
    expect(existsSync(file)).toBe(false);
    take();
    expect(existsSync(file)).toBe(true);
  });

  it("leaves a lock file that is no longer ours", () => {
    const lock = take();
    const other = writeHolder({ pid: process.ppid, started: startTimeOf(process.ppid), label: "other" });
    lock.release();
    expect(readFileSync(file, "utf8")).toBe(other);
  });

  it("is idempotent: a second release does not remove the next holder's lock", () => {
    const first = take();
    first.release();
    first.release();
    expect(existsSync(file)).toBe(false);
    take(); // the same text as `first` wrote: only the released flag protects it
    first.release();
    expect(existsSync(file)).toBe(true);
  });

  it("stops listening for the process's exit once released", () => {
    const before = process.listenerCount("exit");
    const lock = take();
    expect(process.listenerCount("exit")).toBe(before + 1);
    lock.release();
    expect(process.listenerCount("exit")).toBe(before);
  });
});

describe("removeStale", () => {
  it("removes the lock it judged stale", () => {
    writeFileSync(file, "stale\n");
    removeStale(file, "stale\n");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("puts back a lock another process took over meanwhile, and leaves nothing aside", () => {
    writeFileSync(file, "fresh\n");
    removeStale(file, "stale\n");
    expect(readFileSync(file, "utf8")).toBe("fresh\n");
    expect(readdirSync(dir)).toEqual(["adam-dev.lock"]);
  });

  it("does nothing when the lock is already gone", () => {
    removeStale(file, "stale\n");
    expect(readdirSync(dir)).toEqual([]);
  });
});
