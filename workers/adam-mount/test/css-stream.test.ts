import { describe, expect, it } from "vitest";
import { cssRewriteStream } from "../src/css-stream";
import { createMount } from "../src/mount";

const mount = createMount("https://adam-site.pages.dev", "https://lenkostudio.com");

async function streamed(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  const source = new ReadableStream<string>({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
  const reader = source.pipeThrough(cssRewriteStream(mount)).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}

const CSS =
  '@import "/css/base.css";\n' +
  "body{background:url(/img/stars.svg) no-repeat}\n" +
  "li>a{background:URL( '/img/a).png' )}\n" +
  "@IMPORT url(//adam-site.pages.dev/x.css);\n" +
  ".k{background:url(img/rel.png)}";
const EXPECTED =
  '@import "/adam/css/base.css";\n' +
  "body{background:url(/adam/img/stars.svg) no-repeat}\n" +
  "li>a{background:URL( '/adam/img/a).png' )}\n" +
  "@IMPORT url(https://lenkostudio.com/adam/x.css);\n" +
  ".k{background:url(img/rel.png)}";

describe("cssRewriteStream", () => {
  it("gives the same result wherever one chunk boundary falls", async () => {
    for (let cut = 0; cut <= CSS.length; cut++) {
      const out = (await streamed([CSS.slice(0, cut), CSS.slice(cut)])).join("");
      expect(out, `cut at ${cut}`).toBe(EXPECTED);
    }
  });

  it("gives the same result one character at a time", async () => {
    expect((await streamed([...CSS])).join("")).toBe(EXPECTED);
  });

  it("emits complete rules as they arrive instead of holding the stylesheet", async () => {
    const out = await streamed(["a{background:url(/a.png)}\n", "b{color:red}\n", "c{background:url(/c.png)}"]);
    expect(out[0]).toContain("a{background:url(/adam/a.png)");
    expect(out.length).toBeGreaterThan(2);
  });
});
