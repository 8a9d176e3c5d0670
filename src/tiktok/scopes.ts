/**
 * What each scope unlocks (tiktok-api.md §2), so requests ask only for fields the token may
 * read: asking for more is `scope_permission_missed`.
 */
export const USER_FIELDS_BY_SCOPE: Record<string, string[]> = {
  "user.info.basic": ["open_id", "union_id", "avatar_url", "avatar_url_100", "avatar_large_url", "display_name"],
  "user.info.profile": ["bio_description", "profile_deep_link", "is_verified", "username"],
  "user.info.stats": ["follower_count", "following_count", "likes_count", "video_count"],
};

export const VIDEO_FIELDS = [
  "id",
  "create_time",
  "cover_image_url",
  "share_url",
  "video_description",
  "duration",
  "height",
  "width",
  "title",
  "embed_link",
  "like_count",
  "comment_count",
  "share_count",
  "view_count",
];

/** What Adam needs to track an account at all. */
export const REQUIRED_SCOPES = ["user.info.basic", "user.info.stats", "video.list"];

export function parseScopes(scope: string): string[] {
  return [
    ...new Set(
      scope
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].toSorted();
}

export function userFields(scopes: readonly string[]): string {
  return scopes.flatMap((scope) => USER_FIELDS_BY_SCOPE[scope] ?? []).join(",");
}

export function missingScopes(scopes: readonly string[]): string[] {
  return REQUIRED_SCOPES.filter((scope) => !scopes.includes(scope));
}
