/**
 * A seeded pseudo-random generator (mulberry32) for Monte Carlo: same seed, same draws, so a
 * projection is reproducible and a rerun stores the same numbers. Never Math.random.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  normal(): number;
  poisson(mean: number): number;
}

/** 32-bit hash of a string (FNV-1a), to seed from identifiers. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      const u = 1 - next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    poisson(mean: number) {
      if (!(mean > 0)) return 0;
      // Knuth's product method: means here are small (expected jumps in a horizon step).
      const limit = Math.exp(-Math.min(mean, 50));
      let k = 0;
      let p = next();
      while (p > limit && k < 1000) {
        k++;
        p *= next();
      }
      return k;
    },
  };
}
