/**
 * The HTMLRewriter for one response. Every selector names only elements whose value can need
 * rewriting (root-relative, or mentioning the origin host), so the common case, relative links,
 * never leaves the native parser for JavaScript.
 */
import type { Mount } from "../mount";
import { mountCss, mountRefresh, mountSrcset, mountUrl } from "../urls";
import { AttributeRewriter } from "./attribute-rewriter";
import { StyleTextRewriter } from "./style-text-rewriter";

/** Attributes holding one URL, with the element they are a URL on ("" for any element). */
const URL_ATTRIBUTES: ReadonlyArray<readonly [element: string, attribute: string]> = [
  ["", "href"], // a, area, link (canonical, icons, preloads), base, svg use/image
  ["", "src"], // img, script, iframe, source, video, audio, track, embed, input
  ["", "action"],
  ["", "formaction"],
  ["", "poster"],
  ["object", "data"],
];

/**
 * ASCII whitespace as CSS escapes (space, tab, LF, FF, CR), which the URL parser strips before a
 * URL: `href=" /x"` is root-relative. The parser strips every other C0 control too, but no valid
 * page starts a URL with one, and catching them costs 27 more selectors per attribute, which
 * doubles the rewriter's CPU time on every page (index.html in workerd: about 0.6 ms → 1.3 ms).
 * Such values, and entity-encoded ones (`href="&#47;x"`: lol-html compares raw values, as
 * getAttribute returns them), are left as written unless they name the origin host.
 */
const LEADING_WHITESPACE = [" ", "\\9 ", "\\a ", "\\c ", "\\d "];

/** SVG 1.1 spelling; lol-html reads `xlink:href` as a plain attribute name. */
const XLINK_HREF = "xlink:href";

/** Social cards and feeds that name the page or its image by URL. */
const META_URL_SELECTOR = [
  'meta[property="og:url"]',
  'meta[property="og:image"]',
  'meta[property="og:image:url"]',
  'meta[property="og:image:secure_url"]',
  'meta[name="twitter:image"]',
].join(", ");

export function createHtmlRewriter(mount: Mount): HTMLRewriter {
  const url = (value: string) => mountUrl(value, mount);
  // A quoted CSS string; JSON escaping is valid CSS escaping for a host name.
  const originHost = JSON.stringify(`//${mount.originHost}`);
  const rewriter = new HTMLRewriter();

  // Root-relative values, values naming the origin host in any spelling (http:, https:, //), and
  // values starting with whitespace, which browsers strip.
  const mentioned = (element: string, attribute: string) =>
    [
      `${element}[${attribute}^="/"]`,
      ...LEADING_WHITESPACE.map((c) => `${element}[${attribute}^="${c}"]`),
      `${element}[${attribute}*=${originHost} i]`,
    ].join(", ");
  for (const [element, attribute] of URL_ATTRIBUTES) {
    rewriter.on(mentioned(element, attribute), new AttributeRewriter(attribute, url));
  }
  rewriter.on(mentioned("", "xlink\\:href"), new AttributeRewriter(XLINK_HREF, url));

  const srcset = (value: string) => mountSrcset(value, mount);
  rewriter.on("[srcset]", new AttributeRewriter("srcset", srcset));
  rewriter.on("link[imagesrcset]", new AttributeRewriter("imagesrcset", srcset));

  rewriter.on(META_URL_SELECTOR, new AttributeRewriter("content", url));
  rewriter.on('meta[http-equiv="refresh" i]', new AttributeRewriter("content", (v) => mountRefresh(v, mount)));

  const css = (value: string) => mountCss(value, mount);
  rewriter.on('[style*="url(" i]', new AttributeRewriter("style", css));
  rewriter.on("style", new StyleTextRewriter(css));
  return rewriter;
}
