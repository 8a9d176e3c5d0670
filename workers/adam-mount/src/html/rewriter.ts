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
 * The characters the URL parser strips before a URL (WHATWG URL: leading C0 control or space),
 * U+0001 to U+0020, as CSS escapes (`\1 ` … `\20 `; the space ends the escape). U+0000 is left
 * out: the HTML tokenizer turns it into U+FFFD, which browsers keep, and CSS cannot spell it
 * (`\0` means U+FFFD). lol-html compares raw attribute values, entities undecoded, as does
 * getAttribute: `href="&#32;/x"` and `href="&#47;x"` reach neither the selectors nor mountUrl as
 * root-relative, although a browser decodes them to ` /x` and `/x`. These are 32 of the 34
 * selectors per attribute and about double the rewriter's CPU time (index.html in workerd: about
 * 0.6 ms → 1.3 ms), the price of agreeing with mountUrl on values no valid page contains.
 */
const LEADING_STRIPPED = Array.from({ length: 0x20 }, (_, i) => `\\${(i + 1).toString(16)} `);

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
  // values starting with a character browsers strip: `href=" /x"` is root-relative too.
  const mentioned = (element: string, attribute: string) =>
    [
      `${element}[${attribute}^="/"]`,
      ...LEADING_STRIPPED.map((c) => `${element}[${attribute}^="${c}"]`),
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
