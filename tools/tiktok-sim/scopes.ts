/**
 * Scopes and the `fields` each one unlocks (tiktok-api.md §2 and §3.2), plus the projections
 * from the model's camel-cased objects to the API's snake_case field names.
 */
import type { AccountCounters, CreatorProfile, VideoAt } from "./model/index.ts";

export const SCOPES = ["user.info.basic", "user.info.profile", "user.info.stats", "video.list"] as const;
export type Scope = (typeof SCOPES)[number];

/** The Accounts API app's scopes (tiktok-api.md §7): its own app, its own review, its own consent. */
export const BUSINESS_SCOPES = [
  "user.info.basic",
  "user.info.username",
  "user.info.stats",
  "user.insights",
  "user.account.type",
  "video.list",
  "video.insights",
  "comment.list",
  "comment.list.manage",
  "video.publish",
  "video.upload",
] as const;
export type BusinessScope = (typeof BUSINESS_SCOPES)[number];

/** What Adam's watch-time connection asks the Accounts API for (`.dev.vars.example`'s TIKTOK_BUSINESS_SCOPES). */
export const ADAM_BUSINESS_SCOPES = [
  "user.info.basic",
  "user.info.username",
  "user.info.stats",
  "user.insights",
  "user.account.type",
  "video.list",
  "video.insights",
] as const satisfies readonly BusinessScope[];

/** Which TikTok product an app registration is for: Login Kit + Display API, or the Accounts API. */
export type AppKind = "display" | "business";

export function scopesOf(kind: AppKind): readonly string[] {
  return kind === "display" ? SCOPES : BUSINESS_SCOPES;
}

/** Login Kit adds `user.info.basic` to every authorization, requested or not (so does the Accounts API's consent). */
export const DEFAULT_SCOPE: Scope = "user.info.basic";

export function isScope(value: string, kind: AppKind = "display"): boolean {
  return scopesOf(kind).includes(value);
}

/** Splits a comma-separated scope list; blanks are dropped, unknown names reported. */
export function parseScopeList(list: string, kind: AppKind = "display"): { scopes: string[]; unknown: string[] } {
  const scopes: string[] = [];
  const unknown: string[] = [];
  for (const raw of list.split(",")) {
    const name = raw.trim();
    if (!name) continue;
    if (!isScope(name, kind)) unknown.push(name);
    else if (!scopes.includes(name)) scopes.push(name);
  }
  return { scopes, unknown };
}

const CANONICAL = [...new Set<string>([...SCOPES, ...BUSINESS_SCOPES])];

/** Scopes in a canonical order, comma-joined: the `scope`/`scopes` strings TikTok returns. */
export function scopeString(scopes: readonly string[]): string {
  return CANONICAL.filter((s) => scopes.includes(s)).join(",");
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
