/**
 * `__Host-`: the browser accepts the cookie only from this exact host, over HTTPS, with Path=/
 * and no Domain, so no other *.lenkostudio.com site can set or overwrite it (cookie tossing). That
 * is worth more than scoping it to `/api/v1/auth`: a path is not a security boundary, the API has
 * its own origin, and the dashboard sends cookies only to the auth and connect routes (data
 * requests are made without credentials).
 */
export const REFRESH_COOKIE = "__Host-adam_refresh";
export const REFRESH_COOKIE_PATH = "/";
