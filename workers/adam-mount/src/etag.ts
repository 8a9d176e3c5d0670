/**
 * Entity tags of rewritten bodies. A rewritten body depends on the origin's bytes and on this
 * worker's rewriting rules, so its tag names both: the origin's opaque tag plus the rewriter's
 * version, `"abc"` → `W/"abc-r1"` (weak: the bytes differ from the origin's, only equivalent).
 * After a deploy that bumps the version, every tag a visitor holds from the previous rewriter
 * stops matching, and the visitor gets the new body instead of a 304 for the old one.
 * Bodies handed through untouched keep the origin's tag as it is.
 *
 * Rewritten bodies carry no `Last-Modified` (nor do 304s that refresh one): a date cannot name the
 * rewriter, so a visitor revalidating by If-Modified-Since alone could be told that a copy made by
 * an older rewriter is current. Without the date, a browser revalidates a rewritten copy by its tag
 * only; a rewritten body whose origin answer has no ETag is not revalidated at all. A visitor's
 * If-Modified-Since is still forwarded when it comes without If-None-Match, for bodies handed
 * through untouched; for a rewritten body only a copy made before version 2, by an origin sending
 * a date but no ETag, can still ask that way (Cloudflare Pages sends ETags).
 */

/**
 * Bump whenever a change alters the bytes of a rewritten HTML or CSS body (src/urls.ts,
 * src/html/, src/css-stream.ts), so that copies made by the previous rewriter are not revalidated.
 * test/rewriter-version.test.ts fails until the bump, and records the output each version makes.
 * 1: first versioned tags; leading and trailing whitespace of URLs stripped before classifying.
 * 2: U+0000 no longer stripped from URLs (HTML and CSS read it as U+FFFD, which browsers keep);
 *    rewritten bodies lose Last-Modified.
 */
export const REWRITER_VERSION = 2;

const SUFFIX = /^(.*)-r(\d+)$/s;
/** One entity tag of an If-None-Match list (an opaque tag may contain commas, never quotes). */
const ENTITY_TAG = /(W\/)?"([^"]*)"/g;

/** The opaque part of a tag, without `W/` and quotes: `W/"abc"` → `abc`. */
function opaque(etag: string): string {
  return etag.replace(/^W\//, "").replace(/^"|"$/g, "");
}

/** The tag of a rewritten body made from an origin answer tagged `upstream`. */
export function mountEtag(upstream: string, version = REWRITER_VERSION): string {
  return `W/"${opaque(upstream)}-r${version}"`;
}

/**
 * The visitor's If-None-Match as the origin can understand it, or null when nothing is left to
 * ask. Our own tags of this version are asked about as the origin's tag; our tags from another
 * version are dropped (the visitor's copy was made by other rules, so it is stale whatever the
 * origin says); other tags, which name bodies handed through untouched, are kept. Weak tags are
 * asked about in strong form: If-None-Match compares weakly (RFC 9110 13.1.2), so it is the
 * same question, and the origin may only know its own strong tag.
 */
export function upstreamIfNoneMatch(value: string | null, version = REWRITER_VERSION): string | null {
  if (value === null) return null;
  if (value.trim() === "*") return "*";
  const asked: string[] = [];
  for (const [, weak, tag] of value.matchAll(ENTITY_TAG)) {
    const ours = weak ? SUFFIX.exec(tag!) : null;
    if (!ours) asked.push(`"${tag}"`);
    else if (Number(ours[2]) === version) asked.push(`"${ours[1]}"`);
  }
  return asked.length > 0 ? asked.join(", ") : null;
}

/**
 * For a 304 from the origin: our tag for the origin's `etag` when the visitor asked with it (the
 * visitor's copy is a rewritten body of this version, and the 304 must keep naming it so),
 * otherwise null (the visitor's copy is the origin's body, named by the origin's tag).
 */
export function heldMountEtag(ifNoneMatch: string | null, etag: string | null, version = REWRITER_VERSION) {
  if (!ifNoneMatch || !etag) return null;
  const ours = mountEtag(etag, version);
  for (const [held] of ifNoneMatch.matchAll(ENTITY_TAG)) if (held === ours) return ours;
  return null;
}
