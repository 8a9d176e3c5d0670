import { bigint, timestamp } from "drizzle-orm/pg-core";

/** Every timestamp is a timestamptz: the API speaks UTC instants, never server-local times. */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Counters and ids stay within 2^53 in practice; view counts are int64 at TikTok. */
export const count = (name: string) => bigint(name, { mode: "number" });

export const createdAt = () => instant("created_at").notNull().defaultNow();
export const updatedAt = () => instant("updated_at").notNull().defaultNow();

/** A table's own id, drawn from an identity sequence. */
export const identityId = () => bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity();
