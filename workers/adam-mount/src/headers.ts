/** Header rules on both sides of the hop. */
import { upstreamIfNoneMatch } from "./etag";
import type { Mount } from "./mount";
import { mountRefresh, mountUrl } from "./urls";

/**
 * The origin may only choose gzip or br: the runtime decodes those before HTMLRewriter sees the
 * body, while zstd would reach the rewriter still compressed and pass through unrewritten.
 */
export function upstreamAcceptEncoding(accept: string | null): string | null {
  if (!accept) return null;
  const kept = accept
    .split(",")
    .map((part) => part.trim())
    .filter((part) => /^(gzip|br)\b/i.test(part));
  return kept.length > 0 ? kept.join(", ") : null;
}

/**
 * The visitor's credentials for lenkostudio.com, including Cloudflare Access's (its JWT, and the
 * service token a client may send). The landing site is static and another party's host: it gets
 * none of them. A denylist: add any other credential lenkostudio.com comes to use.
 */
const CREDENTIAL_HEADERS = [
  "cookie",
  "authorization",
  "proxy-authorization",
  "cf-access-jwt-assertion",
  "cf-access-client-id",
  "cf-access-client-secret",
] as const;

/** Builds the headers of the request to the origin from the visitor's request headers. */
export function upstreamHeaders(incoming: Headers): Headers {
  const headers = new Headers(incoming);
  for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  const encoding = upstreamAcceptEncoding(incoming.get("accept-encoding"));
  if (encoding) headers.set("accept-encoding", encoding);
  else headers.delete("accept-encoding");
  if (incoming.has("if-none-match")) {
    const inm = upstreamIfNoneMatch(incoming.get("if-none-match"));
    if (inm) headers.set("if-none-match", inm);
    else {
      // Every tag named a copy made by another rewriter version; without If-None-Match the origin would
      // fall back to If-Modified-Since and could confirm that stale copy by its date.
      headers.delete("if-none-match");
      headers.delete("if-modified-since");
    }
  }
  return headers;
}

const URL_HEADERS = ["location", "content-location"] as const;

/**
 * Origin headers that would act on all of lenkostudio.com, not only on /adam, so they are dropped:
 * - `Set-Cookie`: the origin never sees the visitor's cookies (CREDENTIAL_HEADERS), so a cookie it
 *   sets is of no use to it, and lenkostudio.com's cookie jar is not the landing site's to write.
 * - `Service-Worker-Allowed`: would let a script under /adam/ register a service worker with a
 *   wider scope, up to `/`, and so intercept every page of lenkostudio.com.
 * - `Clear-Site-Data`: would wipe lenkostudio.com's cookies (HttpOnly ones too), storage or cache.
 */
const SITE_WIDE_HEADERS = ["set-cookie", "service-worker-allowed", "clear-site-data"] as const;

/** True when the origin's answer carries a header to rewrite or to drop. */
export function hasMountableHeaders(headers: Headers): boolean {
  return (
    URL_HEADERS.some((name) => headers.has(name)) ||
    SITE_WIDE_HEADERS.some((name) => headers.has(name)) ||
    headers.has("link") ||
    headers.has("refresh")
  );
}

/** Rewrites, in place, every response header that names a URL, and drops SITE_WIDE_HEADERS. */
export function mountResponseHeaders(headers: Headers, mount: Mount): void {
  for (const name of URL_HEADERS) {
    const value = headers.get(name);
    if (value) headers.set(name, mountUrl(value, mount));
  }
  const refresh = headers.get("refresh");
  if (refresh) headers.set("refresh", mountRefresh(refresh, mount));
  const link = headers.get("link");
  if (link)
    headers.set(
      "link",
      link.replace(/<([^>]*)>/g, (_, url: string) => `<${mountUrl(url, mount)}>`),
    );
  for (const name of SITE_WIDE_HEADERS) headers.delete(name);
}
