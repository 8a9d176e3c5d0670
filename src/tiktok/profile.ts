import type { TikTokUser } from "./schemas";

/** The profile fields Adam keeps of a TikTok user (absent ones, for want of a scope, are null). */
export interface Profile {
  displayName: string | null;
  username: string | null;
  avatarUrl: string | null;
  bioDescription: string | null;
  profileDeepLink: string | null;
  isVerified: boolean | null;
}

export function profileOf(user: TikTokUser): Profile {
  return {
    displayName: user.display_name ?? null,
    username: user.username ?? null,
    avatarUrl: user.avatar_url ?? null,
    bioDescription: user.bio_description ?? null,
    profileDeepLink: user.profile_deep_link ?? null,
    isVerified: user.is_verified ?? null,
  };
}
