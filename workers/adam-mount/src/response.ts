/**
 * Turns the origin's answer into the visitor's: headers that name URLs are rewritten, HTML
 * streams through HTMLRewriter, CSS through the url() rewriter, and everything else is handed
 * back untouched, with its body stream passed along as is.
 */
import { cssRewriteStream } from "./css-stream";
import { heldMountEtag, mountEtag } from "./etag";
import { hasMountableHeaders, mountResponseHeaders } from "./headers";
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
  const etag = headers.get("etag");
  let rewritten = kind !== "other";
  if (notModified) {
    // A 304 refreshes the headers of the visitor's copy: it keeps the tag the visitor asked with.
    const held = heldMountEtag(request.headers.get("if-none-match"), etag);
    if (held) headers.set("etag", held);
    rewritten ||= held !== null;
  } else if (rewritten && etag) {
    // The rewritten body, for GET and for HEAD describing a GET: see etag.ts.
    headers.set("etag", mountEtag(etag));
  }
  if (rewritten) {
    // The origin's date says nothing of the rewriter that made the copy: see etag.ts.
    headers.delete("last-modified");
  }
  // The rewritten body differs in length.
  if (kind !== "other") headers.delete("content-length");

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
