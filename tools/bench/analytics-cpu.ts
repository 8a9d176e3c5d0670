/**
 * `npx tsx tools/bench/analytics-cpu.ts --baseline DIR`: analyzeAccount's CPU time, this tree's
 * against another checkout's (e.g. `git worktree add /tmp/adam-base 6061e03`, the analytics before
 * their rewrite), on the very same replayed inputs in one process, alternating which goes first per
 * creator. CPU time (process.cpuUsage), not wall time: on a busy machine wall time drifts by more
 * than the difference being measured. Prints mean, p50 and p95 per run and the ratio of the means.
 *
 * Options: --world adam-model|cohort-waves|point-process, --creators 4, --days 10, --seed 1.
 */
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { analyzeAccount, type AnalyzeInput, type AnalyzeOutput } from "../../src/analytics/index.ts";
import { BACKTEST_EPOCH_MS } from "../tiktok-sim/model/sample.ts";
import { replay } from "./analytics/replay.ts";
import { quantile } from "./analytics/stats.ts";

const { values } = parseArgs({
  options: {
    baseline: { type: "string" },
    world: { type: "string", default: "cohort-waves" },
    creators: { type: "string", default: "4" },
    days: { type: "string", default: "10" },
    seed: { type: "string", default: "1" },
  },
});
if (!values.baseline) throw new Error("--baseline DIR: a checkout of the commit to compare with");
type Analyze = (input: AnalyzeInput) => AnalyzeOutput;
const baseline = (await import(resolve(values.baseline, "src/analytics/index.ts"))).analyzeAccount as Analyze;
const world = await import(`./worlds/${values.world}.ts`);
const window = { fromMs: BACKTEST_EPOCH_MS, toMs: BACKTEST_EPOCH_MS + Number(values.days) * 86_400_000 };

/** Each version chains its own stored analytics from run to run, as ingestion would. */
function cpuPerRun(analyze: Analyze, inputs: readonly AnalyzeInput[]): number[] {
  const stored = new Map<string, unknown>();
  let storedAccount: unknown;
  return inputs.map((replayed) => {
    const input = {
      ...replayed,
      // This version's own stored analytics, never the replay's (which are the current tree's).
      videos: replayed.videos.map((v) => {
        const own = { ...v };
        delete own.stored;
        return stored.has(v.id) ? { ...own, stored: stored.get(v.id) } : own;
      }),
      ...(storedAccount ? { storedAccount } : {}),
    } as AnalyzeInput;
    if (!storedAccount) delete (input as { storedAccount?: unknown }).storedAccount;
    const before = process.cpuUsage();
    const output = analyze(input);
    const used = process.cpuUsage(before);
    for (const [id, a] of Object.entries(output.videos)) stored.set(id, a);
    storedAccount = output.account;
    return (used.user + used.system) / 1000;
  });
}

const cpu = { baseline: [] as number[], current: [] as number[] };
for (let i = 0; i < Number(values.creators); i++) {
  const inputs: AnalyzeInput[] = [];
  replay(world.generateCreator(Number(values.seed), i, window), i + 1, (run) => inputs.push(run.input));
  const order = i % 2 ? (["baseline", "current"] as const) : (["current", "baseline"] as const);
  for (const which of order) cpu[which].push(...cpuPerRun(which === "baseline" ? baseline : analyzeAccount, inputs));
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const which of ["baseline", "current"] as const)
  console.log(
    `${values.world} ${which}: ${cpu[which].length} runs, CPU ms per run mean ${mean(cpu[which]).toFixed(3)}, ` +
      `p50 ${quantile(cpu[which], 0.5).toFixed(3)}, p95 ${quantile(cpu[which], 0.95).toFixed(3)}`,
  );
console.log(`current ÷ baseline, mean CPU: ${(mean(cpu.current) / mean(cpu.baseline)).toFixed(2)}×`);
