import { z } from "zod";

/** Every TikTok answer is validated against these before use (tiktok-api.md §1–3). */

export const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  open_id: z.string().min(1),
  refresh_token: z.string().min(1),
  refresh_expires_in: z.number().int().positive(),
  scope: z.string(),
  token_type: z.string(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export const OAuthErrorSchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional(),
  log_id: z.string().optional(),
});

export const EnvelopeErrorSchema = z.object({
  code: z.string(),
  message: z.string().optional().default(""),
  log_id: z.string().optional(),
});

const count = z.number().int().nonnegative();

export const UserSchema = z.object({
  open_id: z.string(),
  union_id: z.string().optional(),
  avatar_url: z.string().optional(),
  avatar_url_100: z.string().optional(),
  avatar_large_url: z.string().optional(),
  display_name: z.string().optional(),
  bio_description: z.string().optional(),
  profile_deep_link: z.string().optional(),
  is_verified: z.boolean().optional(),
  username: z.string().optional(),
  follower_count: count.optional(),
  following_count: count.optional(),
  likes_count: count.optional(),
  video_count: count.optional(),
});
export type TikTokUser = z.infer<typeof UserSchema>;

export const VideoSchema = z.object({
  /** 19 digits: a string, never a number. */
  id: z.string().regex(/^\d{1,20}$/),
  create_time: z.number().int(),
  cover_image_url: z.string().optional(),
  share_url: z.string().optional(),
  video_description: z.string().optional(),
  duration: z.number().int().optional(),
  height: z.number().int().optional(),
  width: z.number().int().optional(),
  title: z.string().optional(),
  embed_link: z.string().optional(),
  like_count: count.optional(),
  comment_count: count.optional(),
  share_count: count.optional(),
  view_count: count.optional(),
});
export type TikTokVideo = z.infer<typeof VideoSchema>;

export const UserInfoDataSchema = z.object({ user: UserSchema });
export const VideoListDataSchema = z.object({
  videos: z.array(VideoSchema).default([]),
  cursor: z.number().int(),
  has_more: z.boolean(),
});
export const VideoQueryDataSchema = z.object({ videos: z.array(VideoSchema).default([]) });
