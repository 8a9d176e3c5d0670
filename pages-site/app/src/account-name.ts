/** How an account is named on screen: its display name, else its handle. */
export const accountName = (m: { display_name: string | null; username: string | null }): string =>
  m.display_name ?? (m.username ? `@${m.username}` : "Your TikTok account");
