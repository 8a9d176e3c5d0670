/**
 * An answer reused for a few seconds by every request of this isolate that asks for it, and made
 * once for concurrent requests (they wait for the same promise). For answers every caller gets
 * alike and that are costly to make under a flood (the health figures). A failure is not kept.
 */
export class ShortCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; untilMs: number }>();

  async get(key: string, seconds: number, produce: () => Promise<T>, nowMs = Date.now()): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.untilMs > nowMs) return hit.value;
    const value = produce();
    if (seconds > 0) {
      this.entries.set(key, { value, untilMs: nowMs + seconds * 1000 });
      value.catch(() => this.entries.delete(key));
    }
    return value;
  }
}
