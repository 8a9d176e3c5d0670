/**
 * Rewrites the text of `<style>` elements. The rewriter delivers text in chunks that can split a
 * `url(…)` anywhere, so chunks are held back and the whole text is rewritten once the last one
 * arrives. One instance per response: it keeps state between chunks.
 */
export class StyleTextRewriter implements HTMLRewriterElementContentHandlers {
  private buffer = "";

  constructor(private readonly rewrite: (css: string) => string) {}

  text(chunk: Text): void {
    this.buffer += chunk.text;
    if (!chunk.lastInTextNode) {
      chunk.remove();
      return;
    }
    // Style content is raw text: inserting it as text would escape `>` in child selectors.
    chunk.replace(this.rewrite(this.buffer), { html: true });
    this.buffer = "";
  }
}
