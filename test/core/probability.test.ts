import { logBinomialUpperTail, logGamma, logPoissonUpperTail, surprise } from '../../src/core/integrity/probability';

/** Direct sums, only usable for small numbers: the reference the log-space versions must match. */
function poissonTail(x: number, lambda: number): number {
  let p = 0;
  let pmf = Math.exp(-lambda);
  for (let k = 0; k < 400; k++) {
    if (k >= x) p += pmf;
    pmf *= lambda / (k + 1);
  }
  return p;
}

function binomialTail(x: number, n: number, p: number): number {
  let total = 0;
  for (let k = x; k <= n; k++) {
    let c = 1;
    for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
    total += c * p ** k * (1 - p) ** (n - k);
  }
  return total;
}

describe('tail probabilities', () => {
  it('logGamma matches factorials', () => {
    for (const n of [1, 2, 5, 10, 20]) {
      let f = 1;
      for (let i = 2; i <= n; i++) f *= i;
      expect(logGamma(n + 1)).toBeCloseTo(Math.log(f), 8);
    }
  });

  it('Poisson and binomial upper tails match direct sums', () => {
    for (const [x, lambda] of [[5, 2], [12, 3.5], [30, 10], [60, 20]]) {
      expect(Math.exp(logPoissonUpperTail(x, lambda))).toBeCloseTo(poissonTail(x, lambda), 10);
    }
    for (const [x, n, p] of [[8, 20, 0.2], [15, 30, 0.3], [40, 60, 0.5]]) {
      expect(Math.exp(logBinomialUpperTail(x, n, p))).toBeCloseTo(binomialTail(x, n, p), 10);
    }
  });

  it('stays finite far in the tail, where plain probabilities underflow', () => {
    const logP = logPoissonUpperTail(300, 9);
    expect(Number.isFinite(logP)).toBe(true);
    expect(logP / Math.LN10).toBeLessThan(-300);
    expect(surprise(logP, 1000)).toBeGreaterThan(290);
    expect(surprise(0, 1000)).toBe(0);
  });
});
