/**
 * adam-api entry points: wiring only.
 * - fetch: the edge API (src/http)
 * - scheduled: the snapshot planner and housekeeping (src/ingest)
 * - queue: the snapshot consumer and its dead-letter queue (src/ingest)
 */
import { createApp } from "./http/app";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
