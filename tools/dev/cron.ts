import { CRONS } from "../../src/ingest/crons.ts";

/**
 * `wrangler dev` runs no cron on its own: this ticker fires the worker's crons on their schedule
 * through Miniflare's trigger endpoint (`/cdn-cgi/local/scheduled?cron=…&time=…`), with the minute
 * they are due as the scheduled time. (`/__scheduled`, from `--test-scheduled`, ignores `time` and
 * always runs at the current time.) Only the three patterns of wrangler.jsonc are understood.
 */
function due(cron: string, at: Date): boolean {
  const minute = at.getUTCMinutes();
  if (cron === CRONS.plan) return minute % 30 === 0;
  if (cron === CRONS.hourly) return minute === 7;
  if (cron === CRONS.daily) return minute === 17 && at.getUTCHours() === 3;
  return false;
}

export async function fireCron(apiUrl: string, cron: string, timeMs: number): Promise<boolean> {
  const url = `${apiUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}&time=${timeMs}`;
  const res = await fetch(url);
  return res.ok;
}

/**
 * Fires the crons as their minutes come on `clock` (the simulator's, in `npm run dev`: when
 * `npm run ingest:now` has moved TikTok's time on, the schedule follows it rather than waiting
 * for real time to catch up).
 */
export function startCronTicker(
  apiUrl: string,
  log: (line: string) => void,
  clock: () => number = Date.now,
): () => void {
  let lastMinute = Math.floor(clock() / 60_000);
  const timer = setInterval(() => {
    const minute = Math.floor(clock() / 60_000);
    if (minute === lastMinute) return;
    lastMinute = minute;
    const at = new Date(minute * 60_000);
    for (const cron of Object.values(CRONS)) {
      if (!due(cron, at)) continue;
      fireCron(apiUrl, cron, at.getTime()).then(
        (ok) => log(`cron ${cron} at ${at.toISOString()}: ${ok ? "ok" : "failed"}`),
        (error: Error) => log(`cron ${cron} could not reach the worker: ${error.message}`),
      );
    }
  }, 1_000);
  return () => clearInterval(timer);
}
