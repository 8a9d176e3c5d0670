/**
 * Poisson(mean) by inverting one uniform `u` with a sequential search of the CDF, stopping at
 * `maxK`: exact and cheap for small means. The simulator and the bench worlds draw with it; pass
 * e^−mean when it is already known.
 */
export function poissonByInversion(u: number, mean: number, maxK: number, expMinusMean = Math.exp(-mean)): number {
  let p = expMinusMean;
  let cdf = p;
  let k = 0;
  while (u > cdf && k < maxK) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
