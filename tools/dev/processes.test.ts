import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { ProcessGroup } from "./processes.ts";

interface Member {
  pid: number;
  comm: string;
  state: string;
}

/** The processes of a process group, from /proc (zombies included, with state "Z"). */
function membersOf(pgid: number): Member[] {
  const members: Member[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(pgrp) === pgid) members.push({ pid: Number(entry), comm, state: state as string });
    } catch {
      // ended while we looked
    }
  }
  return members;
}

/** Whether a process is running: not there, or a zombie waiting to be reaped, is not running. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The pids of `count` running `sleep`s in the child's group, once they are all there. */
function sleepers(child: ChildProcess, count: number): Promise<number[]> {
  return until(`${count} sleep(s) in the group`, () => {
    const pids = membersOf(child.pid as number)
      .filter((m) => m.comm === "sleep" && m.state !== "Z")
      .map((m) => m.pid);
    return pids.length === count ? pids : undefined;
  });
}

const groups: ProcessGroup[] = [];
afterEach(async () => {
  // removes the exit hook; kills whatever a failed test left
  for (const group of groups.splice(0)) await group.stop();
});

function newGroup(): ProcessGroup {
  const group = new ProcessGroup({ output: () => undefined });
  groups.push(group);
  return group;
}

describe("ProcessGroup.killNow", () => {
  it("stops a child and the processes it started, with SIGTERM within the grace period", async () => {
    const group = newGroup();
    const child = group.run("tree", "sh", ["-c", "sleep 300 & sleep 300"]);
    const exited = once(child, "exit");
    expect(child.pid).toBeDefined();
    const pids = await sleepers(child, 2);
    expect(pids.every(running)).toBe(true);
    expect(running(child.pid as number)).toBe(true);

    group.killNow(60_000);

    // killNow returns once nothing in the group runs: no waiting needed
    expect(running(child.pid as number)).toBe(false);
    expect(pids.filter(running)).toEqual([]);
    expect(membersOf(child.pid as number).filter((m) => m.state !== "Z")).toEqual([]);
    // ended by the SIGTERM, not by the SIGKILL after the grace period
    expect(await exited).toEqual([null, "SIGTERM"]);
  }, 60_000);

  it("kills with SIGKILL a group that ignores SIGTERM, once graceMs has passed", async () => {
    const group = newGroup();
    const child = group.run("stubborn", "sh", ["-c", 'trap "" TERM; sleep 300; echo done']);
    const exited = once(child, "exit");
    // the sleep starts after the trap is set, and inherits the ignored SIGTERM
    const [sleep] = await sleepers(child, 1);

    group.killNow(200);

    expect(await exited).toEqual([null, "SIGKILL"]);
    await until("the sleep to be killed", () => (running(sleep as number) ? undefined : true));
    expect(membersOf(child.pid as number).filter((m) => m.state !== "Z")).toEqual([]);
  }, 60_000);

  it("does nothing without children", () => {
    const group = newGroup();
    expect(() => group.killNow(0)).not.toThrow();
  });
});
