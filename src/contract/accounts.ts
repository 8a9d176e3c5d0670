import { z } from "@hono/zod-openapi";
import { ACCOUNT_STATUSES } from "../db/schema/accounts";
import { PublicSummary } from "./analytics";
import { AccountId } from "./ids";

/** A connected TikTok account as the API shows it: in the account list, and in /me. */
export const Account = z
  .object({
    id: AccountId,
    display_name: z.string().nullable(),
    username: z.string().nullable(),
    avatar_url: z.string().nullable(),
    status: z.enum(ACCOUNT_STATUSES),
    granted_scopes: z.array(z.string()),
    last_synced_at: z.string().nullable().openapi({ description: "When the last snapshot was taken (ISO 8601)" }),
  })
  .openapi("Account");
export type Account = z.infer<typeof Account>;
export type AccountStatus = Account["status"];

export const AccountList = z.object({ accounts: z.array(Account) });
export type AccountList = z.infer<typeof AccountList>;

export const AccountMetrics = Account.extend({
  followers: z.number().int().nullable(),
  following: z.number().int().nullable(),
  likes: z.number().int().nullable(),
  videos: z.number().int().nullable(),
  views: z.number().int().nullable().openapi({ description: "Sum of the current views of the public videos" }),
  engagement_rate: z
    .number()
    .nullable()
    .openapi({ description: "(likes + comments + shares) / views over public videos" }),
  summary: PublicSummary,
}).openapi("AccountMetrics");
export type AccountMetrics = z.infer<typeof AccountMetrics>;

export const AccountSeries = z
  .object({
    t: z.array(z.number().int()).openapi({ description: "Slot start of each snapshot, ms since the epoch" }),
    followers: z.array(z.number().int().nullable()),
    following: z.array(z.number().int().nullable()),
    likes: z.array(z.number().int().nullable()),
    videos: z.array(z.number().int().nullable()),
    views: z.array(z.number().int().nullable()),
  })
  .openapi("AccountSeries", { description: "Column-oriented: index i of every array is one snapshot" });
export type AccountSeries = z.infer<typeof AccountSeries>;

export const AccountHistory = z.object({ account_id: AccountId, days: z.number(), series: AccountSeries });
export type AccountHistory = z.infer<typeof AccountHistory>;

export const Disconnected = z
  .object({
    account_id: AccountId,
    tiktok_access: z.enum(["revoked", "revoking", "already_ended"]).openapi({
      description:
        "revoked: TikTok confirmed; revoking: TikTok did not answer, Adam keeps trying; already_ended: there was nothing left to revoke",
    }),
    history: z.enum(["deleted", "scheduled_for_deletion"]),
    delete_after: z
      .string()
      .nullable()
      .openapi({ description: "When the history will be deleted (ISO 8601), unless the account is connected again" }),
  })
  .openapi("Disconnected");
export type Disconnected = z.infer<typeof Disconnected>;
