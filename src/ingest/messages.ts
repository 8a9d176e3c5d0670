import { z } from "zod";

/**
 * Messages on the `snapshots` queue, validated on both sides. A snapshot message's `key`
 * (account + slot) is the job's idempotency key: every write a job makes is unique per slot, so a
 * redelivery writes nothing twice. A plan message continues a planner run that had more accounts
 * than one invocation should send.
 */
export const SLOT_MS = 30 * 60 * 1000;

export const slotOf = (ms: number) => Math.floor(ms / SLOT_MS) * SLOT_MS;

const slot = z
  .number()
  .int()
  .refine((ms) => ms % SLOT_MS === 0, "must be a 30-minute slot boundary");
const accountId = z.string().regex(/^[1-9]\d{0,17}$/);

export const SnapshotMessageSchema = z.object({
  v: z.literal(1),
  kind: z.literal("snapshot"),
  accountId,
  /** The 30-minute slot this snapshot belongs to, ms since the epoch. */
  slot,
  key: z.string().min(1),
  reason: z.enum(["schedule", "connect", "manual", "rate_limited"]),
});
export type SnapshotMessage = z.infer<typeof SnapshotMessageSchema>;

/** Keyset position in the planner's walk: accounts are planned most overdue first, then by id. */
export const PlanCursorSchema = z.object({ at: z.string().min(1).max(64), id: z.string().regex(/^\d{1,18}$/) });
export type PlanCursor = z.infer<typeof PlanCursorSchema>;

export const PlanMessageSchema = z.object({
  v: z.literal(1),
  kind: z.literal("plan"),
  slot,
  after: PlanCursorSchema,
  /** Accounts already planned for this slot: the cycle's capacity counts them. */
  planned: z.number().int().min(0),
});
export type PlanMessage = z.infer<typeof PlanMessageSchema>;

export const QueueMessageSchema = z.discriminatedUnion("kind", [SnapshotMessageSchema, PlanMessageSchema]);
export type QueueMessage = z.infer<typeof QueueMessageSchema>;

/** The ingest log's key for a message: a snapshot's idempotency key, or a plan run's slot and cursor. */
export const jobKeyOf = (body: QueueMessage): string =>
  body.kind === "snapshot" ? body.key : `plan:${body.slot}:${body.after.id}`;

export function snapshotMessage(id: string, slotMs: number, reason: SnapshotMessage["reason"]): SnapshotMessage {
  return SnapshotMessageSchema.parse({
    v: 1,
    kind: "snapshot",
    accountId: id,
    slot: slotMs,
    key: `snapshot:${id}:${slotMs}`,
    reason,
  });
}

export function planMessage(slotMs: number, after: PlanCursor, planned: number): PlanMessage {
  return PlanMessageSchema.parse({ v: 1, kind: "plan", slot: slotMs, after, planned });
}
