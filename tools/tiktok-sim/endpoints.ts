/**
 * The TikTok endpoints the simulator serves, by the short names the control API, the fault
 * rules, the call counters and the rate limiter use.
 */

/** The Accounts API's base path (business-api.tiktok.com/open_api/v1.3 in production). */
export const ACCOUNTS_API_BASE = "/open_api/v1.3";

export const ENDPOINTS = {
  user_info: { method: "GET", path: "/v2/user/info/" },
  video_list: { method: "POST", path: "/v2/video/list/" },
  video_query: { method: "POST", path: "/v2/video/query/" },
  token: { method: "POST", path: "/v2/oauth/token/" },
  revoke: { method: "POST", path: "/v2/oauth/revoke/" },
  business_token: { method: "POST", path: `${ACCOUNTS_API_BASE}/tt_user/oauth2/token/` },
  business_refresh: { method: "POST", path: `${ACCOUNTS_API_BASE}/tt_user/oauth2/refresh_token/` },
  business_revoke: { method: "POST", path: `${ACCOUNTS_API_BASE}/tt_user/oauth2/revoke/` },
  business_get: { method: "GET", path: `${ACCOUNTS_API_BASE}/business/get/` },
  business_video_list: { method: "GET", path: `${ACCOUNTS_API_BASE}/business/video/list/` },
} as const;

export type Endpoint = keyof typeof ENDPOINTS;

export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as Endpoint[];

/** The Display API endpoints: bearer-token auth, the `{data, error}` envelope, rate limited. */
export const DISPLAY_ENDPOINTS: readonly Endpoint[] = ["user_info", "video_list", "video_query"];

export function isDisplayEndpoint(endpoint: Endpoint): boolean {
  return DISPLAY_ENDPOINTS.includes(endpoint);
}

/** The Accounts API's data endpoints: `Access-Token` auth, `{code, message, request_id, data}`, rate limited. */
export const BUSINESS_DATA_ENDPOINTS: readonly Endpoint[] = ["business_get", "business_video_list"];
/** Its OAuth endpoints: JSON bodies, the same envelope. */
export const BUSINESS_OAUTH_ENDPOINTS: readonly Endpoint[] = ["business_token", "business_refresh", "business_revoke"];

/** Every Accounts API endpoint answers HTTP 200, with a non-zero `code` for errors. */
export function isBusinessEndpoint(endpoint: Endpoint): boolean {
  return BUSINESS_DATA_ENDPOINTS.includes(endpoint) || BUSINESS_OAUTH_ENDPOINTS.includes(endpoint);
}

/** The authorize page lives on www.tiktok.com in production; here it shares the simulator's origin. */
export const AUTHORIZE_PATH = "/v2/auth/authorize/";

export function endpointOfPath(path: string): Endpoint | undefined {
  return ENDPOINT_NAMES.find((name) => ENDPOINTS[name].path === path);
}
