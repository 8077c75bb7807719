/**
 * Tail probabilities for the integrity tests, in log space so that the very small values a real
 * bloc produces (1e-300 and below) stay comparable instead of underflowing to zero.
 */

const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406, 12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7];

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.9999999999998099;
  const t = z + 7.5;
  LANCZOS.forEach((c, i) => {
    a += c / (z + i + 1);
  });
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln P(X ≥ x) for X ~ Poisson(λ). */
export function logPoissonUpperTail(x: number, lambda: number): number {
  if (x <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  if (x <= lambda) return 0; // not in the upper tail: never a flag, so an exact value is not needed
  const logFirst = x * Math.log(lambda) - lambda - logGamma(x + 1);
  // Terms after the first shrink by λ/(k+1) < 1: sum them relative to the first.
  let sum = 1;
  let term = 1;
  for (let k = x + 1; term > 1e-17 * sum && k < x + 100000; k++) {
    term *= lambda / k;
    sum += term;
  }
  return logFirst + Math.log(sum);
}

/** ln P(X ≥ x) for X ~ Binomial(n, p). */
export function logBinomialUpperTail(x: number, n: number, p: number): number {
  if (x <= 0) return 0;
  if (x > n || p <= 0) return -Infinity;
  if (p >= 1) return 0;
  if (x <= n * p) return 0;
  const logChoose = (k: number): number => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  const logFirst = logChoose(x) + x * Math.log(p) + (n - x) * Math.log(1 - p);
  let sum = 1;
  let term = 1;
  for (let k = x; k < n && term > 1e-17 * sum; k++) {
    term *= ((n - k) / (k + 1)) * (p / (1 - p));
    sum += term;
  }
  return logFirst + Math.log(sum);
}

/**
 * How unusual, after a Bonferroni correction for the number of tests run: −log10(p × tests),
 * floored at 0. 3 means "one in a thousand even after looking in every place".
 */
export function surprise(logP: number, tests: number): number {
  return Math.max(0, -(logP + Math.log(Math.max(1, tests))) / Math.LN10);
}
