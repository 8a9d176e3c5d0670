import type { UsersDb } from "../db/client";
import {
  readAlertSettings,
  savePreferences,
  savePushSubscription,
  saveWebhook,
  type AlertSettings,
} from "../db/queries/alert-settings";
import type { AlertKind } from "../db/schema/identity";
import { webhookSecret } from "./links";
import { formatMinutes, isTimeZone, type AlertPreferences } from "./preferences";
import { targetProblem, webhookFormat } from "./webhook/target-policy";

/**
 * The settings panel's operations, as plain functions the routes call: what the API shows of a
 * user's alert settings, and the checks on what they send (time zone, quiet hours, targets).
 */
export class SettingsInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export interface SettingsContext {
  usersDb: UsersDb;
  secret: string;
  publicTargetsOnly: boolean;
  channels: { email: boolean; push: boolean; vapidPublicKey: string | null };
}

export interface PreferencesInput {
  kinds: AlertKind[];
  email: boolean;
  push: boolean;
  webhooks: boolean;
  time_zone: string;
  quiet_hours: { start: string; end: string } | null;
  held: "release" | "digest";
  digest: { enabled: boolean; hour: number };
  daily_cap: number;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function preferencesFrom(input: PreferencesInput): AlertPreferences {
  if (!isTimeZone(input.time_zone)) throw new SettingsInputError("time_zone", "is not a known time zone");
  return {
    kinds: [...new Set(input.kinds)],
    emailEnabled: input.email,
    pushEnabled: input.push,
    webhooksEnabled: input.webhooks,
    timeZone: input.time_zone,
    quietStart: input.quiet_hours ? minutesOf(input.quiet_hours.start) : null,
    quietEnd: input.quiet_hours ? minutesOf(input.quiet_hours.end) : null,
    held: input.held,
    digestEnabled: input.digest.enabled,
    digestHour: input.digest.hour,
    dailyCap: input.daily_cap,
  };
}

export async function settingsView(ctx: SettingsContext, s: AlertSettings) {
  const p = s.preferences;
  return {
    email: s.email,
    preferences: {
      kinds: p.kinds,
      email: p.emailEnabled,
      push: p.pushEnabled,
      webhooks: p.webhooksEnabled,
      time_zone: p.timeZone,
      quiet_hours:
        p.quietStart === null || p.quietEnd === null
          ? null
          : { start: formatMinutes(p.quietStart), end: formatMinutes(p.quietEnd) },
      held: p.held,
      digest: { enabled: p.digestEnabled, hour: p.digestHour },
      daily_cap: p.dailyCap,
    },
    available: { email: ctx.channels.email, push: ctx.channels.push },
    push_public_key: ctx.channels.vapidPublicKey,
    push_subscriptions: s.push.map((sub) => ({
      id: sub.id,
      endpoint_host: new URL(sub.endpoint).host,
      user_agent: sub.userAgent,
      created_at: sub.createdAt,
      disabled_at: sub.disabledAt,
      disabled_reason: sub.disabledReason,
    })),
    webhooks: await Promise.all(
      s.webhooks.map(async (w) => ({
        id: w.id,
        url: w.url,
        format: w.format,
        signing_secret: await webhookSecret(ctx.secret, w.id),
        created_at: w.createdAt,
        disabled_at: w.disabledAt,
        disabled_reason: w.disabledReason,
      })),
    ),
  };
}

export async function readSettingsView(ctx: SettingsContext, userId: string) {
  const s = await readAlertSettings(ctx.usersDb, userId);
  return s ? settingsView(ctx, s) : undefined;
}

export async function updatePreferences(ctx: SettingsContext, userId: string, input: PreferencesInput) {
  await savePreferences(ctx.usersDb, userId, preferencesFrom(input));
  return readSettingsView(ctx, userId);
}

export async function addPushSubscription(
  ctx: SettingsContext,
  userId: string,
  input: { endpoint: string; keys: { p256dh: string; auth: string } },
  userAgent: string | null,
): Promise<string> {
  const problem = targetProblem(input.endpoint, ctx.publicTargetsOnly);
  if (problem) throw new SettingsInputError("endpoint", problem);
  return savePushSubscription(ctx.usersDb, userId, { endpoint: input.endpoint, ...input.keys, userAgent });
}

export async function addWebhook(ctx: SettingsContext, userId: string, url: string) {
  const problem = targetProblem(url, ctx.publicTargetsOnly);
  if (problem) throw new SettingsInputError("url", problem);
  const format = webhookFormat(url);
  const id = await saveWebhook(ctx.usersDb, userId, { url, format });
  if (!id) return null;
  return { id, format, signing_secret: await webhookSecret(ctx.secret, id) };
}
