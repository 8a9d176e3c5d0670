/**
 * Timers that the simulator can cancel all at once on close: slow answers and held sockets
 * must not keep a test process (or `close()`) waiting.
 */
export class Timers {
  private readonly cancels = new Set<() => void>();

  /** Resolves after `ms`, or at once when `cancelAll` runs (the caller then finds its socket closed). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve, resolve));
  }

  /** Runs `fn` after `ms`; `onCancel` runs instead if `cancelAll` comes first. */
  after(ms: number, fn: () => void, onCancel: () => void = () => undefined): void {
    const cancel = () => {
      clearTimeout(timer);
      this.cancels.delete(cancel);
      onCancel();
    };
    const timer = setTimeout(() => {
      this.cancels.delete(cancel);
      fn();
    }, ms);
    this.cancels.add(cancel);
  }

  cancelAll(): void {
    // Each cancel deletes itself; deleting the current entry is safe while iterating a Set.
    for (const cancel of this.cancels) cancel();
  }
}
