/**
 * Runs replay tasks on worker threads, handing each thread its next task as soon as it is free
 * (creators differ a hundredfold in cost, so a fixed split would leave a core idle). Results come
 * back in task order whatever the scheduling, so figures do not depend on it.
 */
import { Worker } from "node:worker_threads";
import type { CreatorResult } from "./collect.ts";
import { runTask } from "./worker.ts";
import type { Task } from "./worker.ts";

export async function runTasks(
  tasks: readonly Task[],
  workers: number,
  onDone: (task: Task, result: CreatorResult) => void = () => {},
): Promise<CreatorResult[]> {
  const results: CreatorResult[] = Array.from({ length: tasks.length });
  if (workers <= 1) {
    tasks.forEach((task, i) => onDone(task, (results[i] = runTask(task))));
    return results;
  }
  let next = 0;
  const thread = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL("./worker.ts", import.meta.url), { execArgv: ["--import", "tsx"] });
      let current = -1;
      const feed = () => {
        if (next >= tasks.length) return void worker.terminate().then(() => resolve(), reject);
        current = next++;
        worker.postMessage(tasks[current]);
      };
      worker.on("message", (result: CreatorResult) => {
        results[current] = result;
        onDone(tasks[current] as Task, result);
        feed();
      });
      worker.on("error", reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, thread));
  return results;
}
