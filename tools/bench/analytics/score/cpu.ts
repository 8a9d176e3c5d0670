/** analyzeAccount's cost per run (one account's job), from the replay's timings. */
import type { CreatorResult } from "../collect.ts";
import { orNull, quantile } from "../stats.ts";

export interface CpuScore {
  runs: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

export function scoreCpu(results: readonly CreatorResult[]): CpuScore {
  const ms = results.flatMap((r) => r.analyzeMs);
  return {
    runs: ms.length,
    p50: orNull(quantile(ms, 0.5)),
    p95: orNull(quantile(ms, 0.95)),
    max: ms.length > 0 ? ms.reduce((a, b) => Math.max(a, b), 0) : null,
  };
}
