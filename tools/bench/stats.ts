/** Small helpers shared by the benchmark scripts: timing and a printed table. */

export interface Summary {
  runs: number;
  p50: number;
  p95: number;
  mean: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = samples.toSorted((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    runs: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1),
  };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, returning milliseconds per run. */
export async function time(fn: () => Promise<unknown>, runs: number, warmup = Math.min(10, runs)): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [
    header,
    ...rows.map((r) => r.map((c) => (typeof c === "number" && !Number.isInteger(c) ? c.toFixed(2) : c))),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
  console.log(`\n${title}`);
  for (const [n, row] of cells.entries()) {
    console.log(row.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join("  "));
    if (n === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  }
}
