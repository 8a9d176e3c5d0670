/** A few DOM helpers: the dashboard builds its views with plain elements, no framework. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * `h("button", { class: "button", onclick: go }, "Connect")`. Attributes that are `false`,
 * `null` or `undefined` are left out; `on…` functions become listeners; text is never parsed as HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (typeof value === "function") el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's content. */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/**
 * Replaces a page head whose placeholder heading may hold focus (it is focused on navigation):
 * the new heading takes the focus over, so keyboard and screen-reader users are not dropped back
 * to the top of the document when the data arrives.
 */
export function fillHead(head: Element, ...children: (Child | Child[])[]): void {
  const hadFocus = head.contains(document.activeElement);
  fill(head, ...children);
  if (hadFocus) head.querySelector<HTMLElement>("h1")?.focus({ preventScroll: true });
}

/** The inline SVG icons the dashboard uses (decorative: hidden from assistive technology). */
export function icon(name: "logo" | "download" | "link" | "refresh" | "back"): SVGSVGElement {
  const paths: Record<typeof name, string> = {
    logo: "",
    download: "M12 3v12m0 0 5-5m-5 5-5-5M4 19h16",
    link: "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
    refresh: "M20 11a8 8 0 1 0-2.3 5.7M20 5v6h-6",
    back: "M15 18l-6-6 6-6",
  };
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("viewBox", name === "logo" ? "0 0 32 32" : "0 0 24 24");
  svg.setAttribute("class", `icon icon-${name}`);
  if (name === "logo") {
    const use = document.createElementNS("http://www.w3.org/2000/svg", "use");
    use.setAttribute("href", "#logo");
    svg.append(use);
  } else {
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", paths[name]);
    svg.append(path);
  }
  return svg;
}
