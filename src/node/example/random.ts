/**
 * A small seeded PRNG for the built-in example. sfc32 (Chris Doty-Humphrey's "small fast counting"
 * generator) seeded through splitmix32: only 32-bit integer arithmetic, so the same seed gives the
 * same stream on every platform and Node version — the example files must be byte-identical.
 * Never Math.random: a reviewer must be able to regenerate examples/ and diff it.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    // splitmix32 spreads a small seed (e.g. 20200706) over all four words of sfc32's state.
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    // The first outputs of sfc32 are weakly mixed; the reference implementation discards some.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream for one part of the example, so changing one file leaves the others. */
  static derive(seed: number, label: string): Random {
    let hash = 0x811c9dc5; // FNV-1a over the label's UTF-16 code units
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
    return new Random((seed ^ hash) >>> 0);
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return weights.length - 1;
  }

  /** `count` distinct indices, each draw proportional to weight among those not yet drawn. */
  weightedDistinct(weights: readonly number[], count: number): number[] {
    const remaining = [...weights];
    const chosen: number[] = [];
    while (chosen.length < count && remaining.some((w) => w > 0)) {
      const index = this.weighted(remaining);
      chosen.push(index);
      remaining[index] = 0;
    }
    return chosen;
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
