import { z } from "@hono/zod-openapi";

/** `/healthz`: that the service and its database answer; the figures only for the operator token. */
export const Health = z
  .object({
    status: z.literal("ok"),
    database: z.literal("connected"),
    last_ingestion: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: "When the last snapshot job succeeded (ISO 8601). Operator token only." }),
    accounts: z.number().int().optional().openapi({ description: "Operator token only" }),
    videos: z
      .number()
      .int()
      .optional()
      .openapi({ description: "Exact below 100,000; above, the planner's estimate. Operator token only." }),
    ingestion: z
      .object({
        failed_attempts_24h: z
          .number()
          .int()
          .openapi({ description: "Queue job attempts (snapshot, plan and revoke) that failed (most are retried)" }),
        dead_letters_24h: z.number().int().openapi({ description: "Jobs that gave up after their last retry" }),
        accounts_needing_reconnect: z
          .number()
          .int()
          .openapi({ description: "Held accounts whose creator must connect again (revoked ones are not counted)" }),
      })
      .optional(),
    alerts: z
      .object({
        pending: z.number().int().openapi({ description: "Deliveries waiting to be sent or retried" }),
        held: z.number().int().openapi({ description: "Deliveries held for the end of someone's quiet hours" }),
        undispatched: z.number().int().openapi({ description: "Alerts in the outbox not yet fanned out" }),
        sent_24h: z.number().int(),
        failed_attempts_24h: z
          .number()
          .int()
          .openapi({ description: "Delivery attempts that failed (most are retried)" }),
        dead_24h: z.number().int().openapi({ description: "Deliveries given up after their last retry" }),
        disabled_24h: z
          .number()
          .int()
          .openapi({ description: "Push subscriptions and webhooks switched off after a 404/410" }),
        latency_p50_seconds: z.number().nullable().openapi({ description: "From the snapshot to the first send" }),
        latency_p95_seconds: z.number().nullable(),
      })
      .optional()
      .openapi({ description: "Operator token only" }),
  })
  .openapi("Health");
export type Health = z.infer<typeof Health>;
