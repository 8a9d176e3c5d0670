import { z } from "zod";

/**
 * Messages on the `snapshots` queue, validated on both sides. A snapshot message's `key`
 * (account + slot) is the job's idempotency key: every write a job makes is unique per slot, so a
 * redelivery writes nothing twice. A plan message continues a planner run that had more accounts
 * than one invocation should send. A revoke message finishes ending Adam's authorisation at TikTok
 * when TikTok could not be reached while a creator disconnected: it carries the tokens as vault
 * ciphertext (never plaintext), because the account's credentials row is already gone.
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

const ciphertext = z.string().regex(/^v\d+\.[\w-]+\.[\w-]+$/);

export const RevokeMessageSchema = z.object({
  v: z.literal(1),
  kind: z.literal("revoke"),
  /** Adam's id of the account (it may be deleted by now): for the logs. */
  accountId,
  /** The tokens' owner at TikTok: the vault's associated data. */
  openId: z.string().min(1).max(256),
  access: ciphertext,
  /** To get a new access token when TikTok no longer takes the stored one. */
  refresh: ciphertext.optional(),
  key: z.string().min(1),
});
export type RevokeMessage = z.infer<typeof RevokeMessageSchema>;

/**
 * A day's watch-time insights for an account (TikTok's Accounts API): `key` (account + UTC day)
 * is the job's idempotency key, as a snapshot's slot is.
 */
export const WatchMessageSchema = z.object({
  v: z.literal(1),
  kind: z.literal("watch"),
  accountId,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  key: z.string().min(1),
  reason: z.enum(["schedule", "connect", "rate_limited"]),
});
export type WatchMessage = z.infer<typeof WatchMessageSchema>;

export const QueueMessageSchema = z.discriminatedUnion("kind", [
  SnapshotMessageSchema,
  PlanMessageSchema,
  RevokeMessageSchema,
  WatchMessageSchema,
]);
export type QueueMessage = z.infer<typeof QueueMessageSchema>;

/** The ingest log's key for a message: a snapshot's or revocation's key, or a plan run's slot and cursor. */
export const jobKeyOf = (body: QueueMessage): string =>
  body.kind === "plan" ? `plan:${body.slot}:${body.after.id}` : body.key;

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

export function revokeMessage(
  account: string,
  openId: string,
  tokens: { access: string; refresh?: string },
  atMs: number,
): RevokeMessage {
  return RevokeMessageSchema.parse({
    v: 1,
    kind: "revoke",
    accountId: account,
    openId,
    ...tokens,
    key: `revoke:${account}:${atMs}`,
  });
}

/** The UTC day of an instant, YYYY-MM-DD. */
export const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function watchMessage(id: string, atMs: number, reason: WatchMessage["reason"]): WatchMessage {
  const day = utcDay(atMs);
  return WatchMessageSchema.parse({ v: 1, kind: "watch", accountId: id, day, key: `watch:${id}:${day}`, reason });
}
