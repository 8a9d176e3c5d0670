/**
 * `npm run ingest:now`: runs a snapshot cycle of the `npm run dev` stack now, for the current
 * 30-minute slot (a slot already taken writes nothing twice: see README "Ingestion"). After a
 * simulator event (`POST :8790/__sim/events`) it first moves TikTok's clock on until the event can
 * be seen (tools/dev/fast-forward.ts); the cycle then sends its alerts to the outbox sink.
 */
import { CRONS } from "../../src/ingest/crons.ts";
import { devConfig } from "./config.ts";
import { fireCron } from "./cron.ts";
import { fastForward } from "./fast-forward.ts";
import { PORTS } from "./ports.ts";

const simulatorUrl = `http://127.0.0.1:${PORTS.tiktok}`;
const forwarded = await fastForward(devConfig(), simulatorUrl, (line) => console.log(line)).catch((error: Error) => {
  console.log(`could not fast-forward (${error.message}); running a cycle now`);
  return { slots: 0, alerts: 0 };
});
if (forwarded.slots) {
  console.log(`${forwarded.slots} slot(s) snapshotted; ${forwarded.alerts} alert(s) stored for the outbox`);
}
const simState = await fetch(`${simulatorUrl}/__sim/state`).then(
  (r) => r.json() as Promise<{ now: number }>,
  () => ({ now: Date.now() }),
);
const ok = await fireCron(`http://127.0.0.1:${PORTS.api}`, CRONS.plan, simState.now);
console.log(
  ok
    ? `cycle planned for ${new Date(simState.now).toISOString()}${forwarded.alerts ? `; alerts go out now (see http://127.0.0.1:${PORTS.outbox}/)` : ""}`
    : "the worker refused the cycle (is npm run dev running?)",
);
process.exit(ok ? 0 : 1);
