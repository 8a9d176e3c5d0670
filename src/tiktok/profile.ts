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

/**
 * A link from TikTok kept only as a web address: anything else (a `javascript:` or `data:` URL)
 * would be a script waiting in the dashboard's links.
 */
export function webUrl(url: string | undefined): string | null {
  return url && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}

export function profileOf(user: TikTokUser): Profile {
  return {
    displayName: user.display_name ?? null,
    username: user.username ?? null,
    avatarUrl: webUrl(user.avatar_url),
    bioDescription: user.bio_description ?? null,
    profileDeepLink: webUrl(user.profile_deep_link),
    isVerified: user.is_verified ?? null,
  };
}
