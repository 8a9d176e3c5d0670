/**
 * npm run bench:mount — what the /adam mount costs, in one run, on this machine, against 127.0.0.1.
 *
 * Starts `wrangler pages dev` on a copy of pages-site (plus a generated 5 MB page), and in front of
 * it, each under `wrangler dev`: adam-mount, a pass-through worker making the same hop without
 * rewriting, and a naive `*`-selector rewriter for contrast. Then prints:
 *  - requests/second on the four landing pages (autocannon, fixed duration, median of rounds that
 *    alternate between targets so drift on a shared machine hits all of them alike);
 *  - time to first byte and total time for the 5 MB page, median of several fetches.
 */
import autocannon from "autocannon";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, startPages, startWorker, type Server } from "../../test/browser/servers";

const PAGES = ["", "adam-features", "adam-pricing", "adam-about"];
const ROUNDS = 3;
const SECONDS = 8;
const CONNECTIONS = 16;
const TTFB_RUNS = 7;
const BIG_PAGE_BYTES = 5_000_000;

interface Target {
  name: string;
  server: Server;
  prefix: string;
}

function bigPage(): string {
  const row = '<p><a href="/adam-features">Feature</a> - <img src="/img/favicon.svg" alt=""> row of a long page.</p>\n';
  const head = '<!doctype html><html><head><link rel="stylesheet" href="/css/adam-styles.css"></head><body>\n';
  return (head + row.repeat(Math.ceil(BIG_PAGE_BYTES / row.length))).slice(0, BIG_PAGE_BYTES);
}

async function throughput(target: Target, seconds: number) {
  const result = await autocannon({
    url: target.server.url,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { "accept-encoding": "gzip, br" },
    requests: PAGES.map((page) => ({ method: "GET", path: `${target.prefix}/${page}` })),
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${target.name}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Milliseconds to the response headers, to the first body byte, and to the last. */
function timeBigPage(url: string): Promise<{ headers: number; first: number; total: number; bytes: number }> {
  return new Promise((done, fail) => {
    const start = performance.now();
    get(url, { agent: false, headers: { "accept-encoding": "identity" } }, (res) => {
      const headers = performance.now() - start;
      let first = 0;
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        if (!first) first = performance.now() - start;
        bytes += chunk.length;
      });
      res.on("end", () => done({ headers, first, total: performance.now() - start, bytes }));
      res.on("error", fail);
    }).on("error", fail);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const site = mkdtempSync(join(tmpdir(), "adam-bench-site-"));
  cpSync(join(ROOT, "pages-site"), site, { recursive: true });
  writeFileSync(join(site, "big.html"), bigPage());
  const servers: Server[] = [];
  try {
    process.stdout.write("Starting Pages and three workers under wrangler dev… ");
    const origin = await startPages(site);
    servers.push(origin);
    const start = async (config?: string) => {
      const server = await startWorker(origin.url, config);
      servers.push(server);
      return server;
    };
    const targets: Target[] = [
      { name: "origin (Pages, direct)", server: origin, prefix: "" },
      { name: "pass-through worker", server: await start("tools/bench/passthrough.wrangler.jsonc"), prefix: "/adam" },
      { name: "adam-mount", server: await start(), prefix: "/adam" },
      { name: "naive * rewriter", server: await start("tools/bench/naive.wrangler.jsonc"), prefix: "/adam" },
    ];
    console.log("ready.");

    const page = await (await fetch(`${targets[2]!.server.url}/adam/`)).text();
    if (!page.includes('<link rel="canonical" href="/adam/">')) throw new Error("adam-mount did not rewrite the page");

    for (const target of targets) await throughput(target, 2); // warm-up: JIT, connections, caches
    const rounds = new Map<string, { rps: number; p50: number; p99: number }[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const target of targets) {
        if (process.stdout.isTTY) process.stdout.write(`\rround ${round}/${ROUNDS}: ${target.name.padEnd(24)}`);
        rounds.set(target.name, [...(rounds.get(target.name) ?? []), await throughput(target, SECONDS)]);
      }
    }
    if (process.stdout.isTTY) process.stdout.write("\r".padEnd(50) + "\r");

    const timings = new Map<string, Awaited<ReturnType<typeof timeBigPage>>[]>();
    for (let run = 0; run < TTFB_RUNS; run++) {
      for (const target of targets) {
        const timing = await timeBigPage(`${target.server.url}${target.prefix}/big`);
        if (timing.bytes < BIG_PAGE_BYTES)
          throw new Error(`${target.name}: big page cut short at ${timing.bytes} bytes`);
        timings.set(target.name, [...(timings.get(target.name) ?? []), timing]);
      }
    }

    const rps = (name: string) => median(rounds.get(name)!.map((r) => r.rps));
    const passthrough = rps("pass-through worker");
    const direct = rps("origin (Pages, direct)");
    const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
    console.log(
      `\nLanding pages (${PAGES.length} HTML pages round-robin), ${CONNECTIONS} connections, ${SECONDS}s × ${ROUNDS} rounds, median:`,
    );
    console.log(
      `${"target".padEnd(26)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"vs pass".padStart(9)}${"vs origin".padStart(10)}`,
    );
    for (const target of targets) {
      const runs = rounds.get(target.name)!;
      const value = rps(target.name);
      console.log(
        `${target.name.padEnd(26)}${value.toFixed(0).padStart(8)}${String(median(runs.map((r) => r.p50))).padStart(8)}${String(median(runs.map((r) => r.p99))).padStart(8)}${pct(value / passthrough).padStart(9)}${pct(value / direct).padStart(10)}`,
      );
    }
    console.log(`\n5 MB page, ${TTFB_RUNS} fetches each, median ms (uncompressed):`);
    console.log(
      `${"target".padEnd(26)}${"headers".padStart(9)}${"1st byte".padStart(10)}${"last byte".padStart(11)}${"bytes".padStart(10)}`,
    );
    for (const target of targets) {
      const runs = timings.get(target.name)!;
      const m = (key: "headers" | "first" | "total") => median(runs.map((r) => r[key])).toFixed(1);
      console.log(
        `${target.name.padEnd(26)}${m("headers").padStart(9)}${m("first").padStart(10)}${m("total").padStart(11)}${String(runs[0]!.bytes).padStart(10)}`,
      );
    }
    const ratio = rps("adam-mount") / passthrough;
    console.log(
      `\nadam-mount serves ${pct(ratio).trim()} of the pass-through worker's requests/second (target ≥ 80%).`,
    );
  } finally {
    for (const server of servers.reverse()) await server.stop();
    rmSync(site, { recursive: true, force: true });
  }
}

await main();
