import { z } from "@hono/zod-openapi";
import { TIERS } from "../db/schema/identity";
import { Account } from "./accounts";

/** The signed-in user: who they are and the accounts they hold (GET /api/v1/me). */
export const Me = z
  .object({
    id: z.string(),
    email: z.string(),
    tier: z.enum(TIERS),
    tiktok_account_ids: z.array(z.string()),
    accounts: z
      .array(Account)
      .openapi({ description: "The TikTok accounts you hold now (the database's word, not the token's claims)" }),
    created_at: z.string(),
  })
  .openapi("Profile");
export type Me = z.infer<typeof Me>;

/** What deleting the user did (DELETE /api/v1/me). */
export const DeletedUser = z
  .object({ deleted: z.literal(true), accounts_erased: z.number().int() })
  .openapi("DeletedUser");
export type DeletedUser = z.infer<typeof DeletedUser>;
