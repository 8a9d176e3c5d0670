import type { Account, AccountMetrics } from "../contract";
import type { AccountCard, AccountMetrics as MetricsRow } from "../db/queries/accounts";
import { publicSummary } from "./presenters";

/** A connected TikTok account as the API shows it: in the account list, and in /me. */
export const toAccount = (a: AccountCard): Account => ({
  id: String(a.id),
  display_name: a.displayName,
  username: a.username,
  avatar_url: a.avatarUrl,
  status: a.status,
  granted_scopes: a.grantedScopes,
  last_synced_at: a.lastSyncedAt?.toISOString() ?? null,
});

/** The account with its current counters and the public part of its analytics summary. */
export const toMetrics = (m: MetricsRow): AccountMetrics => ({
  ...toAccount(m),
  followers: m.followers,
  following: m.following,
  likes: m.likes,
  videos: m.videos,
  views: m.views,
  engagement_rate: m.engagementRate,
  summary: publicSummary(m.summary),
});
