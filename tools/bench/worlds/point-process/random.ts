/**
 * World A's own randomness: a stateful sfc32 generator seeded through splitmix32, one stream per
 * (seed, creator, purpose[, video]) so a video's draws do not depend on how many its neighbours
 * used. Independent of the project simulator's stateless hash on purpose.
 */

import { poissonByInversion } from "../../../poisson.ts";

/** splitmix32 step: turns any integer into a well-mixed 32-bit word. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Seed word for a stream named by a few integers. */
export function streamSeed(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) h = splitmix32(h ^ splitmix32(p | 0));
  return h;
}

export class Rng {
  /** sfc32 state a, b, c, counter, in a typed array so updates allocate nothing (no heap numbers). */
  private readonly s = new Int32Array(4);
  private spare = Number.NaN;

  constructor(...parts: number[]) {
    const seed = streamSeed(...parts);
    this.s[0] = splitmix32(seed);
    this.s[1] = splitmix32(seed ^ 0x68e31da4);
    this.s[2] = splitmix32(seed ^ 0xb5297a4d);
    this.s[3] = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1) (sfc32). */
  next(): number {
    const s = this.s;
    const a = s[0] as number;
    const b = s[1] as number;
    const c = s[2] as number;
    const d = s[3] as number;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = d + 1;
    s[0] = b ^ (b >>> 9);
    s[1] = c + (c << 3);
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return (t >>> 0) / 4294967296;
  }

  /** A 32-bit unsigned integer. */
  u32(): number {
    return Math.floor(this.next() * 4294967296) >>> 0;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  logUniform(lo: number, hi: number): number {
    return lo * Math.pow(hi / lo, this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal (Box–Muller, the second value kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Pareto with minimum 1 and tail index `alpha`: P(X > x) = x^−alpha. */
  pareto(alpha: number): number {
    return Math.pow(1 - this.next(), -1 / alpha);
  }

  /**
   * Poisson(mu): one uniform and a sequential search of the CDF up to a mean of 10, a rounded
   * normal above (Poisson-like, cheap). Below 1e-3 only 0 or 1 (same mean; P(2+) < 5e-7 dropped).
   */
  poisson(mu: number): number {
    if (!(mu > 0)) return 0;
    const u = this.next();
    if (mu < 1e-3) return u < mu ? 1 : 0;
    if (mu < 10) return poissonByInversion(u, mu, 200);
    return Math.max(0, Math.round(mu + Math.sqrt(mu) * this.normal()));
  }
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0.5 (Lanczos, g = 7). */
export function lnGamma(x: number): number {
  const z = x - 1;
  let s = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) s += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}
