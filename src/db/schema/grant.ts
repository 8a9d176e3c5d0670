import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, text } from "drizzle-orm/pg-core";
import { instant, updatedAt } from "./columns";

/**
 * A TikTok grant as Adam keeps it: the same columns for the Display API's account and the
 * Accounts API's connection (its state), and for both apps' tokens (ciphertext only).
 */
export const ACCOUNT_STATUSES = ["active", "needs_reconnect", "missing_scopes", "revoked"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

const listed = sql.raw(ACCOUNT_STATUSES.map((s) => `'${s}'`).join(", "));

export const grantStateColumns = () => ({
  status: text("status", { enum: ACCOUNT_STATUSES }).notNull().default("active"),
  statusReason: text("status_reason"),
  grantedScopes: text("granted_scopes")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
});

/** `<table>_status_check`: the database holds the status to the same list as the type. */
export const grantStatusCheck = (table: string, status: AnyPgColumn) =>
  check(`${table}_status_check`, sql`${status} in (${listed})`);

/** `<table>_due_idx`: the planner pages through the active grants due, most overdue first. */
export const grantDueIndex = (table: string, status: AnyPgColumn, dueAt: AnyPgColumn, id: AnyPgColumn) =>
  index(`${table}_due_idx`)
    .on(dueAt, id)
    .where(sql`${status} = 'active'`);

/** An app's OAuth tokens, AES-256-GCM ciphertext only (src/connections/token-vault.ts). */
export const sealedTokenColumns = () => ({
  accessTokenCiphertext: text("access_token_ciphertext").notNull(),
  refreshTokenCiphertext: text("refresh_token_ciphertext").notNull(),
  keyVersion: integer("key_version").notNull(),
  scope: text("scope").notNull(),
  accessExpiresAt: instant("access_expires_at").notNull(),
  refreshExpiresAt: instant("refresh_expires_at").notNull(),
  /** Bumped on every rotation: a writer that read an older version must not overwrite. */
  version: integer("version").notNull().default(1),
  /** A short lease so only one job refreshes an account's rotating refresh token at a time. */
  refreshLeaseUntil: instant("refresh_lease_until"),
  updatedAt: updatedAt(),
});
