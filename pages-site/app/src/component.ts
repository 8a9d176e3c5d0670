/**
 * The dashboard's unit of UI: an element and what must stop when it leaves the page (timers,
 * charts, listeners). Screens own their cards through a scope; the router destroys the screen.
 */
export interface Component {
  el: HTMLElement;
  destroy(): void;
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
      const stop = typeof part === "function" ? part : () => part.destroy();
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
