/**
 * The first cache tier: recent answers kept in the isolate's memory, in front of the Cache API.
 * A hit here costs a Map lookup instead of a call to the data centre's cache (which, measured with
 * `npm run bench:api`, is most of a cached request's cost). Entries are bounded in number and
 * evicted least-recently-used; freshness is checked by the caller exactly as for the Cache API.
 */
export interface MemoryEntry {
  body: string;
  contentType: string;
  storedAtMs: number;
}

export class MemoryTier {
  private readonly entries = new Map<string, MemoryEntry>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): MemoryEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // re-insert: Map keeps insertion order, so the first key is always the least recently used
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: MemoryEntry): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
