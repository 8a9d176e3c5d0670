/** Bodies shared by the Node origin (which sends them) and the tests (which check the result). */

export const GZIP_PAGE = '<!doctype html><link rel="stylesheet" href="/css/site.css"><a href="about.html">About</a>';

/** Half of the 5 MB page, in bytes (ASCII, so also in characters). */
export const BIG_PAGE_HALF = 2_500_000;

const ROW = '<p><a href="/row">row</a> padding padding padding padding padding.</p>\n';

/** Half `n` (0 or 1) of the big page: rows of root-relative links, exactly BIG_PAGE_HALF long. */
export function bigPageHalf(n: 0 | 1): string {
  const head = n === 0 ? "<!doctype html><title>big</title>\n" : "";
  const rows = ROW.repeat(Math.floor((BIG_PAGE_HALF - head.length) / ROW.length));
  return (head + rows).padEnd(BIG_PAGE_HALF, " ");
}
