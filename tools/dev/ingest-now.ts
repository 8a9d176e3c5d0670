/**
 * `npm run ingest:now`: runs a snapshot cycle of the `npm run dev` stack now, for the current
 * 30-minute slot (a slot already taken writes nothing twice: see README "Ingestion").
 */
import { CRONS } from "../../src/ingest/crons.ts";
import { fireCron } from "./cron.ts";
import { PORTS } from "./ports.ts";

const simState = await fetch(`http://127.0.0.1:${PORTS.tiktok}/__sim/state`).then(
  (r) => r.json() as Promise<{ now: number }>,
  () => ({ now: Date.now() }),
);
const ok = await fireCron(`http://127.0.0.1:${PORTS.api}`, CRONS.plan, simState.now);
console.log(
  ok
    ? `cycle planned for ${new Date(simState.now).toISOString()}`
    : "the worker refused the cycle (is npm run dev running?)",
);
process.exit(ok ? 0 : 1);
