import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binomialUpperTail,
  clamp01,
  entropy,
  ewma,
  logGamma,
  median,
  normalizedEntropy,
  poissonUpperTail,
} from '../../app/domain/integrity/stats';

/** P(X ≥ k), X ~ Poisson(mean), by direct summation (small k). */
function poissonDirect(k: number, mean: number): number {
  let term = Math.exp(-mean);
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= mean / (i + 1);
  }
  return Math.max(0, 1 - below);
}

/** P(Y ≥ k), Y ~ Binomial(n, p), by direct summation of the upper terms. */
function binomialDirect(k: number, n: number, p: number): number {
  let s = 0;
  for (let i = Math.max(0, k); i <= n; i++) {
    s += Math.exp(logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) + i * Math.log(p) + (n - i) * Math.log(1 - p));
  }
  return s;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 + 1e-7 * Math.max(Math.abs(a), Math.abs(b));

describe('tail probabilities', () => {
  it('log Γ matches factorials', () => {
    for (let n = 1; n < 30; n++) {
      let f = 0;
      for (let i = 2; i < n; i++) f += Math.log(i);
      expect(logGamma(n)).toBeCloseTo(f, 9);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it.each([
    [0, 3, 1],
    [-2, 3, 1],
    [1, 0, 0],
    [1, 1, 1 - Math.exp(-1)],
    [2, 1, 1 - 2 * Math.exp(-1)],
  ])('Poisson P(X ≥ %d | %d) = %f', (k, mean, expected) => {
    expect(poissonUpperTail(k, mean)).toBeCloseTo(expected, 12);
  });

  it('Poisson upper tail agrees with direct summation', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.double({ min: 0.01, max: 60, noNaN: true }), (k, mean) => {
        expect(close(poissonUpperTail(k, mean), poissonDirect(k, mean))).toBe(true);
      }),
    );
  });

  it('Poisson: far tails stay accurate (no 1 − (1 − ε) cancellation)', () => {
    // P(X ≥ 41 | 0.6): the first term dominates: e^{-0.6} 0.6^41 / 41!
    const first = Math.exp(-0.6 + 41 * Math.log(0.6) - logGamma(42));
    expect(poissonUpperTail(41, 0.6) / first).toBeGreaterThan(1);
    expect(poissonUpperTail(41, 0.6) / first).toBeLessThan(1.02);
    expect(poissonUpperTail(10_500, 10_000)).toBeGreaterThan(0);
    expect(poissonUpperTail(10_500, 10_000)).toBeLessThan(1e-5);
  });

  it('binomial upper tail agrees with direct summation', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: -1, max: n + 1 }))),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        ([n, k], p) => {
          const ours = binomialUpperTail(k, n, p);
          const direct = k > n ? 0 : binomialDirect(k, n, p);
          expect(close(ours, Math.min(1, direct))).toBe(true);
        },
      ),
    );
  });

  it('binomial edges', () => {
    expect(binomialUpperTail(0, 10, 0.5)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.5)).toBe(0);
    expect(binomialUpperTail(1, 10, 0)).toBe(0);
    expect(binomialUpperTail(10, 10, 1)).toBe(1);
    expect(binomialUpperTail(10, 10, 0.5)).toBeCloseTo(Math.pow(0.5, 10), 14);
  });
});

describe('small helpers', () => {
  it('EWMA halves a value’s weight every half-life', () => {
    expect(ewma([], 15, 0.5)).toBe(0.5);
    expect(ewma(new Array(15).fill(0), 15, 1)).toBeCloseTo(0.5, 12);
    expect(ewma(new Array(600).fill(10), 15, 0)).toBeCloseTo(10, 6);
  });

  it('entropy and normalized entropy', () => {
    expect(entropy([])).toBe(0);
    expect(entropy([5])).toBe(0);
    expect(entropy([1, 1])).toBeCloseTo(Math.log(2), 12);
    expect(normalizedEntropy([1, 1, 1, 1], 20)).toBeCloseTo(1, 12);
    expect(normalizedEntropy([10, 0, 0], 20)).toBe(0);
    expect(normalizedEntropy([1], 20)).toBe(1);
  });

  it('median and clamp', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(Number.isNaN(median([]))).toBe(true);
    expect(clamp01(-1)).toBe(0);
    expect(clamp01(2)).toBe(1);
    expect(clamp01(Number.NaN)).toBe(0);
  });
});
