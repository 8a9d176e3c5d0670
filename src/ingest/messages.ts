import { z } from "zod";

/**
 * Messages on the `snapshots` queue, validated on both sides. `key` (account + slot) is the job's
 * idempotency key: every write a job makes is unique per slot, so a redelivery writes nothing twice.
 */
export const SLOT_MS = 30 * 60 * 1000;

export const slotOf = (ms: number) => Math.floor(ms / SLOT_MS) * SLOT_MS;

export const SnapshotMessageSchema = z.object({
  v: z.literal(1),
  accountId: z.string().regex(/^[1-9]\d{0,17}$/),
  /** The 30-minute slot this snapshot belongs to, ms since the epoch. */
  slot: z
    .number()
    .int()
    .refine((ms) => ms % SLOT_MS === 0, "must be a 30-minute slot boundary"),
  key: z.string().min(1),
  reason: z.enum(["schedule", "connect", "manual"]),
});
export type SnapshotMessage = z.infer<typeof SnapshotMessageSchema>;

export function snapshotMessage(accountId: string, slot: number, reason: SnapshotMessage["reason"]): SnapshotMessage {
  return SnapshotMessageSchema.parse({ v: 1, accountId, slot, key: `snapshot:${accountId}:${slot}`, reason });
}
