/**
 * Pure URL rewriting: the one place that decides what a URL becomes under the mount.
 * Root-relative URLs gain the prefix; absolute and protocol-relative URLs on the origin host
 * become the public URL under the prefix. Everything else (relative, other hosts, `#…`,
 * `mailto:`, `tel:`, `data:`, `javascript:`, already-prefixed paths) is returned unchanged.
 */
import type { Mount } from "./mount";

const SLASH = 47;
const SPACE = 32;
const SCHEME = /^https?:\/\//i;

/**
 * Browsers strip C0 controls and spaces from both ends of a URL before parsing it (WHATWG URL),
 * so `href=" /about"` is root-relative and is classified as such here too. U+0000 is the
 * exception: every URL this worker rewrites comes from HTML or CSS, whose parsers turn it into
 * U+FFFD before the URL parser sees it, or from a header, which cannot hold it. The characters
 * around the URL are kept as written; only the URL between them changes.
 */
export function mountUrl(url: string, mount: Mount): string {
  let start = 0;
  let end = url.length;
  while (start < end && isStripped(url.charCodeAt(start))) start++;
  while (end > start && isStripped(url.charCodeAt(end - 1))) end--;
  if (start === 0 && end === url.length) return mountTrimmedUrl(url, mount);
  const trimmed = url.slice(start, end);
  const rewritten = mountTrimmedUrl(trimmed, mount);
  return rewritten === trimmed ? url : url.slice(0, start) + rewritten + url.slice(end);
}

/** U+0001 to U+0020: see mountUrl. */
function isStripped(code: number): boolean {
  return code > 0 && code <= SPACE;
}

function mountTrimmedUrl(url: string, mount: Mount): string {
  if (url.charCodeAt(0) === SLASH) {
    if (url.charCodeAt(1) === SLASH) return fromOrigin(url, 2, mount) ?? url;
    return isPrefixed(url, mount.prefix) ? url : mount.prefix + url;
  }
  const scheme = SCHEME.exec(url);
  return scheme ? (fromOrigin(url, scheme[0].length, mount) ?? url) : url;
}

function isPrefixed(path: string, prefix: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path[prefix.length];
  return next === undefined || next === "/" || next === "?" || next === "#";
}

/**
 * The public URL for a URL whose host starts at `hostStart`, or undefined when the host is not
 * the origin's. The path is mapped strictly (origin `/x` is public `/adam/x`), because an
 * absolute URL names the origin's path space unambiguously.
 */
function fromOrigin(url: string, hostStart: number, mount: Mount): string | undefined {
  const hostEnd = hostStart + mount.originHost.length;
  if (url.slice(hostStart, hostEnd).toLowerCase() !== mount.originHost) return undefined;
  const rest = url.slice(hostEnd);
  if (rest !== "" && rest[0] !== "/" && rest[0] !== "?" && rest[0] !== "#") return undefined;
  return mount.publicOrigin + mount.prefix + (rest[0] === "/" ? rest : `/${rest}`);
}

/** ASCII whitespace, which is what separates srcset candidates (not U+00A0 and the like). */
const WHITESPACE = /[\t\n\f\r ]/;

/**
 * Rewrites each candidate URL of a `srcset`/`imagesrcset` value and keeps descriptors, spacing
 * and commas as written. Follows the HTML candidate parser: a URL is a run of characters other
 * than ASCII whitespace, so the commas inside a `data:` URL never split it, and leading
 * whitespace is skipped before each URL.
 */
export function mountSrcset(value: string, mount: Mount): string {
  let out = "";
  let i = 0;
  const n = value.length;
  while (i < n) {
    const gapStart = i;
    while (i < n && (WHITESPACE.test(value[i]!) || value[i] === ",")) i++;
    out += value.slice(gapStart, i);
    if (i >= n) break;

    const urlStart = i;
    while (i < n && !WHITESPACE.test(value[i]!)) i++;
    const token = value.slice(urlStart, i);
    const url = token.replace(/,+$/, "");
    out += mountUrl(url, mount) + token.slice(url.length);
    if (url.length < token.length) continue; // trailing commas ended this candidate

    const descriptorStart = i;
    let depth = 0;
    for (; i < n; i++) {
      const c = value[i];
      if (c === "(") depth++;
      else if (c === ")") depth = Math.max(0, depth - 1);
      else if (c === "," && depth === 0) break;
    }
    out += value.slice(descriptorStart, i);
  }
  return out;
}

const REFRESH = /^(\s*[\d.]*\s*[;,]\s*(?:url\s*=\s*)?)(["']?)(.*?)(\2\s*)$/is;

/** `<meta http-equiv=refresh content="0; url=/x">` and the `Refresh` header share this syntax. */
export function mountRefresh(value: string, mount: Mount): string {
  return value.replace(
    REFRESH,
    (_, lead: string, quote: string, url: string, tail: string) => lead + quote + mountUrl(url, mount) + tail,
  );
}

/**
 * `url(…)` quoted or not, and `@import "…"`. A quoted URL ends at its matching quote, so `)` inside
 * it does not end it; an unquoted one cannot contain quotes, spaces or parentheses.
 */
export const CSS_URL = /(url\(\s*)(?:(["'])(.*?)\2|([^"'()\s]*))(\s*\))|(@import\s+)(["'])(.*?)\7/gi;

export function mountCss(css: string, mount: Mount): string {
  return css.replace(CSS_URL, (...groups: (string | undefined)[]) => {
    const [, open, quote = "", quoted, bare, close, atImport, importQuote, imported] = groups;
    if (open !== undefined) return open + quote + mountUrl(quoted ?? bare!, mount) + quote + close;
    return atImport! + importQuote + mountUrl(imported!, mount) + importQuote;
  });
}
