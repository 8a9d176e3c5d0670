/** Header rules on both sides of the hop. */
import { mountSetCookie } from "./cookies";
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
 * If-None-Match compares weakly (RFC 9110 13.1.2), so asking the origin about the strong tag is
 * the same question; the origin may only know its own strong tag.
 */
export function upstreamIfNoneMatch(value: string | null): string | null {
  return value && value.replace(/W\/"/g, '"');
}

/** Builds the headers of the request to the origin from the visitor's request headers. */
export function upstreamHeaders(incoming: Headers): Headers {
  const headers = new Headers(incoming);
  const encoding = upstreamAcceptEncoding(incoming.get("accept-encoding"));
  if (encoding) headers.set("accept-encoding", encoding);
  else headers.delete("accept-encoding");
  const inm = upstreamIfNoneMatch(incoming.get("if-none-match"));
  if (inm) headers.set("if-none-match", inm);
  return headers;
}

const URL_HEADERS = ["location", "content-location"] as const;

/** True when the origin's answer carries a header that names a URL or a cookie path. */
export function hasMountableHeaders(headers: Headers): boolean {
  return (
    URL_HEADERS.some((name) => headers.has(name)) ||
    headers.has("set-cookie") ||
    headers.has("link") ||
    headers.has("refresh")
  );
}

/** Rewrites, in place, every response header that names a URL or a cookie path. */
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
  const cookies = headers.getSetCookie();
  if (cookies.length > 0) {
    headers.delete("set-cookie");
    for (const cookie of cookies) headers.append("set-cookie", mountSetCookie(cookie, mount));
  }
}

/** A rewritten body is no longer byte-identical to the origin's, only equivalent. */
export function weakenEtag(headers: Headers): void {
  const etag = headers.get("etag");
  if (etag && !etag.startsWith("W/")) headers.set("etag", `W/${etag}`);
}
