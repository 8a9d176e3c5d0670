import type { Mount } from "./mount";
import { CSS_URL, mountCss } from "./urls";

const OPENING = /url\(|@import/i;
/** Longest keyword that a chunk boundary can cut in half ("@impor"). */
const KEYWORD_TAIL = "@import".length - 1;

/**
 * Where the text can be cut so that no `url(…)`/`@import` token spans the cut: after the last
 * complete token, before the first one still open, and never inside a keyword.
 */
export function safeCssCut(text: string): number {
  let lastEnd = 0;
  for (const match of text.matchAll(CSS_URL)) lastEnd = match.index + match[0].length;
  const open = text.slice(lastEnd).search(OPENING);
  if (open >= 0) return lastEnd + open;
  return Math.max(lastEnd, text.length - KEYWORD_TAIL);
}

/**
 * Rewrites a CSS file's URLs while it streams. Each chunk is rewritten up to the last safe cut;
 * only the few characters after it wait for the next chunk, so a stylesheet is never buffered
 * whole (unless one token is the whole stylesheet).
 */
export function cssRewriteStream(mount: Mount): TransformStream<string, string> {
  let pending = "";
  return new TransformStream({
    transform(chunk, controller) {
      pending += chunk;
      const cut = safeCssCut(pending);
      if (cut > 0) controller.enqueue(mountCss(pending.slice(0, cut), mount));
      pending = pending.slice(cut);
    },
    flush(controller) {
      if (pending) controller.enqueue(mountCss(pending, mount));
    },
  });
}
