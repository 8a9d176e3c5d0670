import { z } from "@hono/zod-openapi";
import { insights } from "../db/schema/signals";
import { AccountId, VideoId } from "./ids";

export const Insight = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: "early_velocity" }),
    severity: z.enum(insights.severity.enumValues),
    title: z.string().openapi({ example: "3.1x your usual first-hour pace" }),
    body: z.string(),
    video_id: VideoId.nullable(),
    evidence: z.record(z.string(), z.unknown()).openapi({ description: "The figures the card is based on" }),
    rank: z.number(),
    updated_at: z.string(),
    expires_at: z.string(),
  })
  .openapi("Insight");
export type Insight = z.infer<typeof Insight>;

export const AccountInsights = z.object({ account_id: AccountId, insights: z.array(Insight) });
export type AccountInsights = z.infer<typeof AccountInsights>;
