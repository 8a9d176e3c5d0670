/**
 * The TikTok endpoints the simulator serves, by the short names the control API, the fault
 * rules, the call counters and the rate limiter use.
 */

export const ENDPOINTS = {
  user_info: { method: "GET", path: "/v2/user/info/" },
  video_list: { method: "POST", path: "/v2/video/list/" },
  video_query: { method: "POST", path: "/v2/video/query/" },
  token: { method: "POST", path: "/v2/oauth/token/" },
  revoke: { method: "POST", path: "/v2/oauth/revoke/" },
} as const;

export type Endpoint = keyof typeof ENDPOINTS;

export const ENDPOINT_NAMES = Object.keys(ENDPOINTS) as Endpoint[];

/** The Display API endpoints: bearer-token auth, the `{data, error}` envelope, rate limited. */
export const DISPLAY_ENDPOINTS: readonly Endpoint[] = ["user_info", "video_list", "video_query"];

export function isDisplayEndpoint(endpoint: Endpoint): boolean {
  return DISPLAY_ENDPOINTS.includes(endpoint);
}

/** The authorize page lives on www.tiktok.com in production; here it shares the simulator's origin. */
export const AUTHORIZE_PATH = "/v2/auth/authorize/";

export function endpointOfPath(path: string): Endpoint | undefined {
  return ENDPOINT_NAMES.find((name) => ENDPOINTS[name].path === path);
}
