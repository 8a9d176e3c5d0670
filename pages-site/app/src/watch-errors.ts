/** What the watch-time connection's redirect back says went wrong (`?watch_error=…`), in words. */
export const WATCH_ERRORS: Record<string, string> = {
  access_denied: "You chose not to allow TikTok’s analytics, so nothing was added. Adam works fine without them.",
  invalid_state: "That attempt didn’t start in this browser, or was already used. Please start it again from here.",
  expired_state: "The attempt took too long and expired. Please try again.",
  code_rejected: "TikTok didn’t accept the sign-in. Please try again.",
  tiktok_unavailable: "TikTok isn’t answering right now. Please try again in a few minutes.",
  other_account: "That was a different TikTok account from this one. Sign in to TikTok as this account and try again.",
  not_configured: "Watch-time insights aren’t offered here.",
};
