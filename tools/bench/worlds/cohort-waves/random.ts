/**
 * World B's own randomness: a 32-bit mixer for stateless keyed draws, an sfc32 stream per
 * (creator, purpose) or (video, purpose), and the few distributions the world needs. Independent
 * of the project's simulator (it does not use tools/tiktok-sim/model/hash.ts).
 */

import { poissonByInversion } from "../../../poisson.ts";

/** lowbias32 (Chris Wellons): a good 32-bit integer finaliser. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** A key from integer parts (each taken mod 2^32). */
export function keyOf(...parts: number[]): number {
  let h = 0x2545f491;
  for (const p of parts) h = mix32((h ^ mix32((p >>> 0) + 0x9e3779b9)) + 0x6a09e667);
  return h;
}

/** A uniform in [0, 1) from a key: stateless, for draws that must not depend on call order. */
export function unitOf(key: number): number {
  return mix32(key) / 4294967296;
}

/** sfc32 stream with distributions on top. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = NaN;

  constructor(key: number) {
    this.a = key ^ 0xdeadbeef;
    this.b = mix32(key + 1);
    this.c = mix32(key + 2);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  logUniform(lo: number, hi: number): number {
    return lo * Math.exp(Math.log(hi / lo) * this.next());
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const s = this.spare;
      this.spare = NaN;
      return s;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /** Gamma(shape, scale 1), Marsaglia–Tsang. */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.next() || 1e-12, 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x = 0;
      let v = 0;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(u || 1e-300) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 15) {
      return poissonByInversion(this.next(), mean, 100);
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
  }

  /** Negative binomial with mean `mean` and size `k` (variance mean + mean²/k), as a gamma–Poisson mixture. */
  negBin(mean: number, k: number): number {
    if (!(mean > 0)) return 0;
    // Below one expected count the mixture is indistinguishable from Poisson (variance μ + μ²/k ≈ μ).
    if (mean < 1) return this.poisson(mean);
    return this.poisson((mean * this.gamma(k)) / k);
  }
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}
