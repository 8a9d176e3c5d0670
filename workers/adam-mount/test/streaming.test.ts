/**
 * Proves the worker streams: the origin sends the first half of a 5 MB page and then waits for
 * the test's signal; the test must read rewritten bytes before giving that signal.
 */
import { env, exports } from "cloudflare:workers";
import { expect, it } from "vitest";
import { BIG_PAGE_HALF, bigPageHalf } from "./fixtures";

const originControl = (path: string) => fetch(`${env.ORIGIN}${path}`).then((r) => r.text());

it("delivers the first bytes of a 5 MB page before the origin has sent the last", async () => {
  const id = crypto.randomUUID();
  const res = await exports.default.fetch(`http://lenkostudio.test/adam/big.html?id=${id}`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();

  let received = "";
  while (received.length < 64 * 1024) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the body ended while the origin was still holding back its second half");
    received += value;
  }
  expect(received.startsWith('<!doctype html><title>big</title>\n<p><a href="/adam/row">row</a>')).toBe(true);
  expect(await originControl(`/sent?id=${id}`)).toBe("false");

  await originControl(`/release?id=${id}`);
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    received += value;
  }
  const expected = (bigPageHalf(0) + bigPageHalf(1)).replaceAll('href="/row"', 'href="/adam/row"');
  expect(received.length).toBe(expected.length);
  expect(received === expected).toBe(true);
  expect(BIG_PAGE_HALF * 2).toBe(5_000_000);
  expect(await originControl(`/sent?id=${id}`)).toBe("true");
}, 30_000); // ~70,000 rewritten links: seconds of work on a busy machine
