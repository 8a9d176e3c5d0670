/**
 * Turns the origin's answer into the visitor's: headers that name URLs are rewritten, HTML
 * streams through HTMLRewriter, CSS through the url() rewriter, and everything else is handed
 * back untouched, with its body stream passed along as is.
 */
import { cssRewriteStream } from "./css-stream";
import { hasMountableHeaders, mountResponseHeaders, weakenEtag } from "./headers";
import { createHtmlRewriter } from "./html/rewriter";
import type { Mount } from "./mount";

type BodyKind = "html" | "css" | "other";

export function bodyKind(contentType: string | null): BodyKind {
  const type = contentType?.split(";", 1)[0]!.trim().toLowerCase();
  if (type === "text/html") return "html";
  // The CSS rewriter decodes UTF-8; another charset would be corrupted, so it passes through.
  if (type === "text/css" && !/charset=(?!"?utf-?8)/i.test(contentType!)) return "css";
  return "other";
}

/**
 * No body to transform: HEAD, 204, 304, or the origin sent none (transforming an empty body can
 * hang). A 206 is a slice of the document, which a rewriter cannot parse on its own.
 */
function hasTransformableBody(method: string, upstream: Response): boolean {
  return (
    method !== "HEAD" &&
    upstream.body !== null &&
    upstream.status !== 204 &&
    upstream.status !== 206 &&
    upstream.status !== 304
  );
}

export function mountResponse(upstream: Response, request: Request, mount: Mount): Response {
  const kind = bodyKind(upstream.headers.get("content-type"));
  const notModified = upstream.status === 304;
  if (kind === "other" && !notModified && !hasMountableHeaders(upstream.headers)) return upstream;

  const headers = new Headers(upstream.headers);
  mountResponseHeaders(headers, mount);
  if (kind !== "other") {
    // The rewritten body differs in bytes and length, for GET and for HEAD describing a GET.
    weakenEtag(headers);
    headers.delete("content-length");
  }
  if (notModified && clientHeldWeakTag(request, headers.get("etag"))) weakenEtag(headers);

  const init = { status: upstream.status, statusText: upstream.statusText, headers };
  if (kind === "other" || !hasTransformableBody(request.method, upstream)) {
    return new Response(upstream.body, init);
  }
  if (kind === "css") {
    const body = upstream
      .body!.pipeThrough(new TextDecoderStream())
      .pipeThrough(cssRewriteStream(mount))
      .pipeThrough(new TextEncoderStream());
    return new Response(body, init);
  }
  return createHtmlRewriter(mount).transform(new Response(upstream.body, init));
}

/**
 * A 304 refreshes the headers of the visitor's cached copy; when that copy came through here
 * with a weakened tag, the refreshed tag must stay weak too.
 */
function clientHeldWeakTag(request: Request, etag: string | null): boolean {
  return etag !== null && !etag.startsWith("W/") && (request.headers.get("if-none-match") ?? "").includes(`W/${etag}`);
}
