/** Rewrites one attribute of each matched element with a pure string function. */
export class AttributeRewriter implements HTMLRewriterElementContentHandlers {
  constructor(
    private readonly attribute: string,
    private readonly rewrite: (value: string) => string,
  ) {}

  element(element: Element): void {
    const value = element.getAttribute(this.attribute);
    if (value === null) return;
    const rewritten = this.rewrite(value);
    if (rewritten !== value) element.setAttribute(this.attribute, rewritten);
  }
}
