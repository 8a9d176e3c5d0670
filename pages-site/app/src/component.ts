/**
 * The dashboard's unit of UI: an element and what must stop when it leaves the page (timers,
 * charts, listeners). Screens own their cards through a scope; the router destroys the screen.
 */
export interface Component {
  el: HTMLElement;
  destroy(): void;
  /** Runs once `el` is in the document (a chart measures its width then). */
  mounted?(): void;
}

/** Puts the components' elements (and plain nodes) into `parent`, in order, then tells each it is mounted. */
export function place(parent: HTMLElement, ...parts: (Component | Node | null)[]): void {
  parent.replaceChildren(...parts.filter((p) => p !== null).map((p) => (p instanceof Node ? p : p.el)));
  for (const p of parts) if (p && !(p instanceof Node)) p.mounted?.();
}

/** A component with nothing to stop. */
export const still = (el: HTMLElement): Component => ({ el, destroy: () => undefined });

/**
 * What one screen (or one card) has started: `own` takes a component or a cleanup, `destroy`
 * stops them all once, newest first, and `live` tells late answers not to render into a page
 * that was left.
 */
export interface Scope {
  readonly live: boolean;
  own<T extends Component | (() => void)>(part: T): T;
  destroy(): void;
}

export function scope(): Scope {
  const parts: (() => void)[] = [];
  let live = true;
  return {
    get live() {
      return live;
    },
    own(part) {
      const stop: () => void = "destroy" in part ? () => part.destroy() : (part as () => void);
      // A part owned after the scope ended (an answer that arrived late) stops at once.
      if (live) parts.push(stop);
      else stop();
      return part;
    },
    destroy() {
      if (!live) return;
      live = false;
      for (const stop of parts.splice(0).reverse()) stop();
    },
  };
}

/** A screen: it fills the router's outlet and may return what stops it (views/view.ts). */
export type ScreenView = (outlet: HTMLElement) => (() => void) | void;

/** Mounts a screen in the outlet (emptied first); destroying the component stops the screen. */
export function mountScreen(outlet: HTMLElement, view: ScreenView): Component {
  outlet.replaceChildren();
  const stop = view(outlet);
  return { el: outlet, destroy: () => stop?.() };
}
