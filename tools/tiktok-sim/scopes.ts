/**
 * Scopes and the `fields` each one unlocks (tiktok-api.md §2 and §3.2), plus the projections
 * from the model's camel-cased objects to the API's snake_case field names.
 */
import type { AccountCounters, CreatorProfile, VideoAt } from "./model/index.ts";

export const SCOPES = ["user.info.basic", "user.info.profile", "user.info.stats", "video.list"] as const;
export type Scope = (typeof SCOPES)[number];

/** Login Kit adds `user.info.basic` to every authorization, requested or not. */
export const DEFAULT_SCOPE: Scope = "user.info.basic";

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Splits a comma-separated scope list; blanks are dropped, unknown names reported. */
export function parseScopeList(list: string): { scopes: Scope[]; unknown: string[] } {
  const scopes: Scope[] = [];
  const unknown: string[] = [];
  for (const raw of list.split(",")) {
    const name = raw.trim();
    if (!name) continue;
    if (!isScope(name)) unknown.push(name);
    else if (!scopes.includes(name)) scopes.push(name);
  }
  return { scopes, unknown };
}

/** Scopes in the canonical order of `SCOPES`, comma-joined: the `scope`/`scopes` strings TikTok returns. */
export function scopeString(scopes: readonly Scope[]): string {
  return SCOPES.filter((s) => scopes.includes(s)).join(",");
}

type UserValue = (profile: CreatorProfile, counters: () => AccountCounters) => string | number | boolean;

/** `user/info` fields, the scope each needs and where its value comes from. */
export const USER_FIELDS: Record<string, { scope: Scope; value: UserValue }> = {
  open_id: { scope: "user.info.basic", value: (p) => p.openId },
  union_id: { scope: "user.info.basic", value: (p) => p.unionId },
  avatar_url: { scope: "user.info.basic", value: (p) => p.avatarUrl },
  avatar_url_100: { scope: "user.info.basic", value: (p) => p.avatarUrl100 },
  avatar_large_url: { scope: "user.info.basic", value: (p) => p.avatarLargeUrl },
  display_name: { scope: "user.info.basic", value: (p) => p.displayName },
  bio_description: { scope: "user.info.profile", value: (p) => p.bioDescription },
  profile_deep_link: { scope: "user.info.profile", value: (p) => p.profileDeepLink },
  is_verified: { scope: "user.info.profile", value: (p) => p.isVerified },
  username: { scope: "user.info.profile", value: (p) => p.username },
  follower_count: { scope: "user.info.stats", value: (_, c) => c().followerCount },
  following_count: { scope: "user.info.stats", value: (_, c) => c().followingCount },
  likes_count: { scope: "user.info.stats", value: (_, c) => c().likesCount },
  video_count: { scope: "user.info.stats", value: (_, c) => c().videoCount },
};

/** Video object fields (tiktok-api.md §3.5); all of them come with the `video.list` scope. */
export const VIDEO_FIELDS: Record<string, (v: VideoAt) => string | number> = {
  id: (v) => v.id,
  create_time: (v) => v.createTimeSec,
  cover_image_url: (v) => v.coverImageUrl,
  share_url: (v) => v.shareUrl,
  video_description: (v) => v.videoDescription,
  duration: (v) => v.durationSec,
  height: (v) => v.height,
  width: (v) => v.width,
  title: (v) => v.title,
  embed_html: (v) => v.embedHtml,
  embed_link: (v) => v.embedLink,
  like_count: (v) => v.likeCount,
  comment_count: (v) => v.commentCount,
  share_count: (v) => v.shareCount,
  view_count: (v) => v.viewCount,
};

/**
 * Parses the `fields` query parameter. Whether TikTok ignores unknown names is unconfirmed
 * (tiktok-api.md pitfall 12); the simulator rejects them so a typo shows up in tests, not as a
 * silently missing column in production.
 */
export function parseFields(
  raw: string | null,
  known: Record<string, unknown>,
): { ok: true; fields: string[] } | { ok: false; message: string } {
  const fields = [
    ...new Set(
      (raw ?? "")
        .split(",")
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
  if (fields.length === 0) return { ok: false, message: "The fields parameter is required." };
  const unknown = fields.filter((f) => !Object.hasOwn(known, f));
  if (unknown.length > 0) return { ok: false, message: `Invalid fields: ${unknown.join(",")}` };
  return { ok: true, fields };
}

export function userObject(fields: string[], profile: CreatorProfile, counters: () => AccountCounters) {
  const out: Record<string, string | number | boolean> = {};
  for (const field of fields) out[field] = USER_FIELDS[field]!.value(profile, counters);
  return out;
}

export function videoObject(fields: string[], video: VideoAt) {
  const out: Record<string, string | number> = {};
  for (const field of fields) out[field] = VIDEO_FIELDS[field]!(video);
  return out;
}
