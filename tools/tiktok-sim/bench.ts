/**
 * How many `video/list` pages per second the simulator serves on this machine:
 *   npm run bench:sim -- [--seconds 10] [--concurrency 16] [--accounts 50] [--creators 500]
 * Starts the simulator in its own process (so the load generator does not share its event
 * loop), connects accounts through the control API, then walks their video lists page by page
 * (20 per page, the usual snapshot fields) from concurrent clients on 127.0.0.1. Not a test.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    concurrency: { type: "string", default: "16" },
    accounts: { type: "string", default: "50" },
    creators: { type: "string", default: "500" },
  },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);
const accounts = Number(values.accounts);
const REDIRECT_URI = "http://127.0.0.1:8787/tiktok/callback";
const FIELDS = "id,create_time,view_count,like_count,comment_count,share_count";

// The same Node as this script, with tsx as a loader: one process, so `kill` reaches the simulator itself.
const child = spawn(
  process.execPath,
  ["--import", "tsx", "tools/tiktok-sim/main.ts", "--port", "0", "--creators", values.creators, "--rate-limit", "1e9"],
  { stdio: ["ignore", "pipe", "inherit"] },
);
let url = "";
for await (const chunk of child.stdout) {
  const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(String(chunk));
  if (match) {
    url = match[1]!;
    break;
  }
}
if (!url) throw new Error("the simulator did not start");

async function connect(creator: number): Promise<string> {
  const authorize = await fetch(`${url}/__sim/authorize`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ creator, scopes: ["video.list"], redirect_uri: REDIRECT_URI }),
  });
  const { code } = (await authorize.json()) as { code: string };
  const token = await fetch(`${url}/v2/oauth/token/`, {
    method: "POST",
    body: new URLSearchParams({
      client_key: "sim-client-key",
      client_secret: "sim-client-secret",
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
    }),
  });
  return ((await token.json()) as { access_token: string }).access_token;
}

const tokens = await Promise.all(Array.from({ length: accounts }, (_, i) => connect(i)));
let pages = 0;
let videos = 0;
let errors = 0;
const latencies: number[] = [];
const deadline = performance.now() + seconds * 1000;

async function worker(id: number): Promise<void> {
  for (let n = id; performance.now() < deadline; n += concurrency) {
    const token = tokens[n % tokens.length]!;
    let cursor: number | undefined;
    for (let more = true; more && performance.now() < deadline;) {
      const t0 = performance.now();
      const res = await fetch(`${url}/v2/video/list/?fields=${FIELDS}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(cursor === undefined ? { max_count: 20 } : { cursor, max_count: 20 }),
      });
      const body = (await res.json()) as { data: { videos: unknown[]; cursor: number; has_more: boolean } };
      latencies.push(performance.now() - t0);
      if (res.status !== 200) {
        errors += 1;
        break;
      }
      pages += 1;
      videos += body.data.videos.length;
      more = body.data.has_more;
      cursor = body.data.cursor;
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
console.log(
  `video/list: ${(pages / elapsed).toFixed(0)} pages/s (${(videos / elapsed).toFixed(0)} videos/s), ` +
    `${pages} pages in ${elapsed.toFixed(1)} s, concurrency ${concurrency}, ${accounts} accounts, ` +
    `latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms, errors ${errors}`,
);
/** The simulator's resident memory (Linux), to show that serving many creators stores next to nothing. */
function rssMb(pid: number | undefined): string {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? `${(Number(kb) / 1024).toFixed(0)} MB` : "n/a";
  } catch {
    return "n/a";
  }
}
console.log(`simulator RSS after the run: ${rssMb(child.pid)}`);
child.kill("SIGTERM");
await once(child, "exit");
