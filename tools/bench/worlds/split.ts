/**
 * Development and held-out data. Synthetic worlds: seed 1 is the one the analytics may be tuned
 * on, every other seed is held out. Recorded worlds: each creator falls in one half by a hash of
 * its name, so the halves stay the same however the file is ordered or grows.
 */
export type Split = "dev" | "held-out" | "all";

export const DEV_SEED = 1;
export const HELD_OUT_SEED = 2;

/** FNV-1a, 32 bits: stable across runs and platforms, unlike anything seeded. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function halfOf(creatorName: string): "dev" | "held-out" {
  return fnv1a(creatorName) % 2 === 0 ? "dev" : "held-out";
}

export function inSplit(creatorName: string, split: Split): boolean {
  return split === "all" || halfOf(creatorName) === split;
}

/** The seeds a synthetic world is replayed at for a split; `all` pools development and held-out. */
export function seedsFor(split: Split, seed?: number): number[] {
  if (seed !== undefined) return [seed];
  if (split === "dev") return [DEV_SEED];
  if (split === "held-out") return [HELD_OUT_SEED];
  return [DEV_SEED, HELD_OUT_SEED];
}
