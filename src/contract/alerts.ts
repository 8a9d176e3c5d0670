import { z } from "@hono/zod-openapi";
import { ALERT_KINDS, alertPreferences, alertWebhooks } from "../db/schema/identity";
import { AccountId, VideoId } from "./ids";

/** Alerts: the in-app notifications and the settings panel (preferences, push subscriptions, webhooks). */

export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;

export const Alert = z
  .object({
    id: z.string(),
    kind: AlertKind,
    title: z.string().openapi({ example: "Views spiking: 3.1× the expected pace" }),
    body: z.string(),
    account_id: AccountId,
    video_id: VideoId.nullable(),
    confidence: z.number().openapi({ description: "How sure the analytics are, 0–1" }),
    observed_at: z.string().openapi({ description: "When TikTok's figures that revealed it were observed" }),
    created_at: z.string(),
    read: z.boolean(),
  })
  .openapi("Alert");
export type Alert = z.infer<typeof Alert>;

export const AlertList = z.object({ unread: z.number().int(), alerts: z.array(Alert) }).openapi("Alerts");
export type AlertList = z.infer<typeof AlertList>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be HH:MM (24 h)");

export const AlertPreferences = z
  .object({
    kinds: z.array(AlertKind).max(ALERT_KINDS.length),
    email: z.boolean(),
    push: z.boolean(),
    webhooks: z.boolean(),
    time_zone: z.string().min(1).max(64).openapi({ example: "Europe/Berlin" }),
    quiet_hours: z.object({ start: HHMM, end: HHMM }).strict().nullable(),
    held: z
      .enum(alertPreferences.held.enumValues)
      .openapi({ description: "Alerts raised in quiet hours: sent when they end, or kept for the daily digest" }),
    digest: z.object({ enabled: z.boolean(), hour: z.number().int().min(0).max(23) }).strict(),
    daily_cap: z.number().int().min(1).max(100),
  })
  .strict()
  .openapi("AlertPreferences");
export type AlertPreferences = z.infer<typeof AlertPreferences>;

export const AlertSettings = z
  .object({
    email: z.string(),
    preferences: AlertPreferences,
    available: z
      .object({ email: z.boolean(), push: z.boolean() })
      .openapi({ description: "Channels this deployment can send on" }),
    push_public_key: z.string().nullable().openapi({ description: "VAPID key for PushManager.subscribe" }),
    push_subscriptions: z.array(
      z.object({
        id: z.string(),
        endpoint_host: z.string(),
        user_agent: z.string().nullable(),
        created_at: z.string(),
        disabled_at: z.string().nullable(),
        disabled_reason: z.string().nullable(),
      }),
    ),
    webhooks: z.array(
      z.object({
        id: z.string(),
        url: z.string(),
        format: z.enum(alertWebhooks.format.enumValues),
        signing_secret: z.string().openapi({ description: "Verifies Adam-Signature (README 'Webhooks')" }),
        created_at: z.string(),
        disabled_at: z.string().nullable(),
        disabled_reason: z.string().nullable(),
      }),
    ),
  })
  .openapi("AlertSettings");
export type AlertSettings = z.infer<typeof AlertSettings>;

/** A webhook just added: its signing secret is shown this once. */
export const WebhookCreated = z.object({
  id: z.string(),
  format: z.enum(alertWebhooks.format.enumValues),
  signing_secret: z.string(),
});
export type WebhookCreated = z.infer<typeof WebhookCreated>;
