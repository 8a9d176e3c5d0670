import { z } from "@hono/zod-openapi";

/** What a write answers when there is nothing more to say than that it happened. */

export const Created = z.object({ id: z.string() });
export type Created = z.infer<typeof Created>;

export const Deleted = z.object({ deleted: z.literal(true) });
export type Deleted = z.infer<typeof Deleted>;

export const Updated = z.object({ updated: z.number().int().openapi({ description: "How many changed" }) });
export type Updated = z.infer<typeof Updated>;

/** A consent flow's start, for a client that asked for JSON instead of the redirect. */
export const AuthorizeUrl = z.object({ authorize_url: z.string() });
export type AuthorizeUrl = z.infer<typeof AuthorizeUrl>;

export const Alive = z.object({ status: z.literal("ok") });
export type Alive = z.infer<typeof Alive>;
