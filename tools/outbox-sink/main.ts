/** `npx tsx tools/outbox-sink/main.ts [--port 8791]`: the outbox sink alone (`npm run dev` starts it for you). */
import { parseArgs } from "node:util";
import { startOutboxSink } from "./server.ts";

const { values } = parseArgs({ options: { port: { type: "string", default: "8791" } } });
const sink = await startOutboxSink({ port: Number(values.port), log: (line) => console.log(line) });
console.log(`outbox sink on ${sink.url} (page: ${sink.url}/, JSON: ${sink.url}/__outbox)`);
