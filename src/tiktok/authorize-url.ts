/** TikTok's authorize page for Login Kit for Web (tiktok-api.md §1.1): scopes comma-separated, `client_key`. */
export function authorizeUrl(options: {
  authBase: string;
  clientKey: string;
  scopes: readonly string[];
  redirectUri: string;
  state: string;
}): string {
  const url = new URL("/v2/auth/authorize/", options.authBase);
  url.searchParams.set("client_key", options.clientKey);
  url.searchParams.set("scope", options.scopes.join(","));
  url.searchParams.set("response_type", "code");
  url.searchParams.set("redirect_uri", options.redirectUri);
  url.searchParams.set("state", options.state);
  return url.toString();
}
