import { z } from "@hono/zod-openapi";
import type { AccountCard } from "../db/queries/accounts";
import type { AccountStatus } from "../db/schema/accounts";
import { AccountId } from "./schemas";

/** A connected TikTok account as the API shows it: in the account list, and in /me. */
export const Account = z
  .object({
    id: AccountId,
    display_name: z.string().nullable(),
    username: z.string().nullable(),
    avatar_url: z.string().nullable(),
    status: z.enum(["active", "needs_reconnect", "missing_scopes", "revoked"]),
    granted_scopes: z.array(z.string()),
    last_synced_at: z.string().nullable().openapi({ description: "When the last snapshot was taken (ISO 8601)" }),
  })
  .openapi("Account");

export const toAccount = (a: AccountCard) => ({
  id: a.id,
  display_name: a.displayName,
  username: a.username,
  avatar_url: a.avatarUrl,
  status: a.status as AccountStatus,
  granted_scopes: a.grantedScopes,
  last_synced_at: a.lastSyncedAt,
});
