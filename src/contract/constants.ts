/**
 * The contract's runtime values, free of zod and of server code, so the dashboard's bundle can
 * import them. The schemas build their enums from these lists.
 */

export const VIDEO_SORTS = ["views", "likes", "comments", "shares", "engagement", "newest"] as const;
export type VideoSort = (typeof VIDEO_SORTS)[number];

/** The API's largest page of videos. */
export const VIDEO_LIMIT_MAX = 100;

/** The video page's history: its first 90 days after posting. */
export const DETAIL_HOURS = 2160;
