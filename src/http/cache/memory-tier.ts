/**
 * The first cache tier: recent answers kept in the isolate's memory, in front of the Cache API.
 * A hit here costs a Map lookup instead of a call to the data centre's cache (which, measured with
 * `npm run bench:api`, is most of a cached request's cost). Bounded twice, by entries and by
 * bytes (an isolate has 128 MB for everything), and evicted least-recently-used; an answer larger
 * than a quarter of the byte budget is not kept here at all (the Cache API still has it).
 * Freshness is checked by the caller exactly as for the Cache API.
 */
export interface MemoryEntry {
  body: string;
  contentType: string;
  storedAtMs: number;
}

/** What an entry costs: its key and body as the engine holds strings (two bytes a character), and a little more. */
const sizeOf = (key: string, entry: MemoryEntry) =>
  2 * (key.length + entry.body.length + entry.contentType.length) + 64;

export class MemoryTier {
  private readonly entries = new Map<string, MemoryEntry & { bytes: number }>();
  private used = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {}

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
    this.remove(key);
    const bytes = sizeOf(key, entry);
    if (this.maxEntries <= 0 || bytes > this.maxBytes / 4) return;
    this.entries.set(key, { ...entry, bytes });
    this.used += bytes;
    while (this.entries.size > this.maxEntries || this.used > this.maxBytes) {
      this.remove(this.entries.keys().next().value as string);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Bytes held, as `sizeOf` counts them. */
  get bytes(): number {
    return this.used;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }
}
