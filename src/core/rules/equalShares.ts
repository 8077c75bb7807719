/**
 * The Method of Equal Shares (MES; Peters & Skowron, equalshares.net) for approval ballots with
 * cost utilities, in exact arithmetic.
 *
 * The rule. Each of the n voters gets an equal share of money (B/n, or a per-voter budget b given
 * by the Add1 completion). A project c costing cost(c) is affordable when its supporters' money
 * together covers it. Paying for c, supporter i pays min(money_i, α): α is the smallest amount
 * such that Σ_i min(money_i, α) = cost(c) (supporters with less than α pay all they have). With
 * cost utilities a voter gets cost(c) of utility from c, so the price per unit of utility is
 * ρ(c) = α / cost(c). Each round funds the affordable project with the lowest ρ; ties go to the
 * lower cost, then to more supporters, then to the earlier project in the list. Its supporters pay,
 * and rounds go on until no project is affordable.
 *
 * Add1 completion (`add1`): MES rarely spends the whole budget, so it is re-run with each voter's
 * money starting at floor(B/n) and raised by 1 currency unit at a time while the outcome still fits
 * the budget B; the last outcome that fits is kept. `add1-exhaustive` stops instead at the first
 * outcome after which no unselected project fits the money left. Both stop when every supported
 * project is selected.
 *
 * Exactness: money is held as integers over one common denominator (BigInt), rescaled when a
 * payment would not divide evenly, so no rounding ever decides anything.
 *
 * Speed: voters with the same money are one class; each project keeps how many of its supporters
 * are in each class, so a round looks at a project's few distinct amounts, never at its voters one
 * by one; a project's previous ρ is a lower bound (money only shrinks), so a round stops looking
 * as soon as no remaining project can beat the best found.
 */

export interface EqualSharesInput {
  /** Cost of each project, in currency units (integers). */
  costs: readonly number[];
  /** Supporters of each project: voter indexes 0..voters-1, each at most once. */
  supporters: readonly (readonly number[])[];
  voters: number;
  /** The total budget B. */
  budget: number;
  completion: 'add1' | 'add1-exhaustive' | 'none';
  /** Add1's step in the units of the costs: 1, or 10^scale for amounts in minor units (one whole currency unit a step). */
  step?: number;
}

export interface EqualSharesProject {
  selected: boolean;
  /** 1-based round in which it was funded (selected projects). */
  round: number | null;
  /** What each full-paying supporter paid, rounded up to a cent (selected projects). */
  payment: number | null;
  /** Money its supporters still had when the run ended, rounded down to a cent (unselected). */
  shares: number;
}

export interface EqualSharesOutcome {
  /** Project indexes in the order they were funded. */
  selected: number[];
  projects: EqualSharesProject[];
  /** Each voter's starting money in the kept run, as a decimal text (exact for Add1: an integer). */
  perVoterBudget: string;
  /** How many MES runs the completion made. */
  runs: number;
}

interface Fraction {
  n: bigint;
  d: bigint;
}

/** n/d < m/e for positive denominators. */
const less = (a: Fraction, b: Fraction): boolean => a.n * b.d < b.n * a.d;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

interface Run {
  selected: number[];
  projects: () => EqualSharesProject[];
  spent: number;
}

/**
 * Voters with the same ballot are the same voter counted several times: they always hold the
 * same money. Grouping them is exact and makes a run several times cheaper on real votes.
 */
interface Groups {
  /** Supporting groups of each project. */
  supporters: number[][];
  /** Projects each group approves. */
  approvals: number[][];
  weight: Int32Array;
}

function groupBallots(input: EqualSharesInput): Groups {
  const ballots: number[][] = Array.from({ length: input.voters }, () => []);
  input.supporters.forEach((voters, c) => {
    for (const v of voters) ballots[v].push(c);
  });
  const groupOf = new Map<string, number>();
  const approvals: number[][] = [];
  const weights: number[] = [];
  for (const ballot of ballots) {
    if (ballot.length === 0) continue;
    const key = ballot.join(',');
    const g = groupOf.get(key);
    if (g !== undefined) weights[g] += 1;
    else {
      groupOf.set(key, approvals.length);
      approvals.push(ballot);
      weights.push(1);
    }
  }
  const supporters: number[][] = input.costs.map(() => []);
  approvals.forEach((projects, g) => {
    for (const c of projects) supporters[c].push(g);
  });
  return { supporters, approvals, weight: Int32Array.from(weights) };
}

/** One MES run with every voter starting at startNum/startDen. Pure function of its arguments. */
function runOnce(input: EqualSharesInput, groups: Groups, startNum: bigint, startDen: bigint): Run {
  const { costs } = input;
  const { supporters, approvals, weight } = groups;
  const projectCount = costs.length;
  const supportCount = supporters.map((gs) => gs.reduce((sum, g) => sum + weight[g], 0));
  // Money classes: values[v] / den is the money of every voter in class v; class 0 is the start,
  // class 1 is "spent everything". counts[c * capacity + v]: supporters of c in class v.
  let den = startDen;
  const values: bigint[] = [startNum, 0n];
  const ZERO = 1;
  const classWeight: number[] = [input.voters, 0];
  let capacity = 64;
  let counts = new Int32Array(projectCount * capacity);
  for (let c = 0; c < projectCount; c++) counts[c * capacity] = supportCount[c];
  const groupClass = new Int32Array(approvals.length);
  let live: number[] = [0];
  let classOf = new Map<bigint, number>([
    [startNum, 0],
    [0n, ZERO],
  ]);
  // Voters whose money is equal share a class, however they got there.
  const classFor = (value: bigint): number => {
    const known = classOf.get(value);
    if (known !== undefined) return known;
    values.push(value);
    classWeight.push(0);
    classOf.set(value, values.length - 1);
    if (values.length > capacity) {
      const grown = new Int32Array(projectCount * capacity * 2);
      for (let c = 0; c < projectCount; c++) grown.set(counts.subarray(c * capacity, (c + 1) * capacity), c * capacity * 2);
      counts = grown;
      capacity *= 2;
    }
    return values.length - 1;
  };

  const remaining = new Set<number>();
  for (let c = 0; c < projectCount; c++) if (supportCount[c] > 0 && costs[c] > 0) remaining.add(c);
  /** 1 while a project is in `remaining`: checked once per supporter and project, so kept flat. */
  const open = new Uint8Array(projectCount);
  for (const c of remaining) open[c] = 1;
  const close = (c: number): void => {
    remaining.delete(c);
    open[c] = 0;
  };
  const lowerBound: Fraction[] = costs.map(() => ({ n: 0n, d: 1n }));
  const projects: EqualSharesProject[] = costs.map(() => ({ selected: false, round: null, payment: null, shares: 0 }));
  const selected: number[] = [];
  // A free project (cost 0) with supporters costs nobody anything: funded first, in list order.
  for (let c = 0; c < projectCount; c++) {
    if (supportCount[c] > 0 && costs[c] === 0) {
      projects[c] = { selected: true, round: selected.length + 1, payment: 0, shares: 0 };
      selected.push(c);
    }
  }

  interface Offer {
    project: number;
    rho: Fraction;
    /** The per-voter payment α is alphaNum / (k · den). */
    alphaNum: bigint;
    k: bigint;
  }
  const better = (a: Offer, b: Offer): boolean => {
    if (less(a.rho, b.rho)) return true;
    if (less(b.rho, a.rho)) return false;
    const ca = costs[a.project];
    const cb = costs[b.project];
    if (ca !== cb) return ca < cb;
    const va = supportCount[a.project];
    const vb = supportCount[b.project];
    if (va !== vb) return va > vb;
    return a.project < b.project;
  };

  /** The offer of project c at current money, or null when its supporters cannot afford it. */
  const evaluate = (c: number): Offer | null => {
    const base = c * capacity;
    const entries = live.filter((v) => counts[base + v] > 0);
    entries.sort((a, b) => (values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0));
    const cost = BigInt(costs[c]) * den;
    let total = 0n;
    for (const v of entries) total += values[v] * BigInt(counts[base + v]);
    if (total < cost) return null;
    let paid = 0n;
    let k = BigInt(supportCount[c]);
    for (const v of entries) {
      // Everyone left paying equally would pay (cost − paid)/k; those with less pay all they have.
      if (cost - paid > values[v] * k) {
        const count = BigInt(counts[base + v]);
        paid += values[v] * count;
        k -= count;
      } else break;
    }
    const alphaNum = cost - paid;
    return { project: c, rho: { n: alphaNum, d: k * den * BigInt(costs[c]) }, alphaNum, k };
  };

  const fund = (offer: Offer): void => {
    const c = offer.project;
    // Make α a whole number of den units: rescale every live class by k/gcd.
    const g = gcd(offer.alphaNum, offer.k);
    const factor = offer.k / g;
    if (factor !== 1n) {
      den *= factor;
      for (const v of live) values[v] *= factor;
      classOf = new Map(live.map((v) => [values[v], v]));
      if (!classOf.has(0n)) classOf.set(0n, ZERO);
    }
    const alpha = offer.alphaNum / g;
    const remap = new Map<number, number>();
    for (const v of live) {
      if (counts[c * capacity + v] > 0) remap.set(v, values[v] <= alpha ? ZERO : classFor(values[v] - alpha));
    }
    for (const group of supporters[c]) {
      const from = groupClass[group];
      const to = remap.get(from) as number;
      if (from === to) continue;
      const w = weight[group];
      groupClass[group] = to;
      classWeight[from] -= w;
      classWeight[to] += w;
      for (const other of approvals[group]) {
        if (other === c || open[other] === 0) continue;
        counts[other * capacity + from] -= w;
        counts[other * capacity + to] += w;
      }
    }
    live = [];
    for (let v = 0; v < values.length; v++) if (classWeight[v] > 0) live.push(v);
    projects[c] = { selected: true, round: selected.length + 1, payment: roundUpCents(alpha, den), shares: 0 };
    selected.push(c);
  };

  for (;;) {
    const order = [...remaining].sort((a, b) => (less(lowerBound[a], lowerBound[b]) ? -1 : less(lowerBound[b], lowerBound[a]) ? 1 : a - b));
    let best: Offer | null = null;
    for (const c of order) {
      if (best !== null && less(best.rho, lowerBound[c])) break;
      const offer = evaluate(c);
      if (offer === null) {
        close(c);
        continue;
      }
      lowerBound[c] = offer.rho;
      if (best === null || better(offer, best)) best = offer;
    }
    if (best === null) break;
    close(best.project);
    fund(best);
  }
  const spent = selected.reduce((sum, c) => sum + costs[c], 0);
  // Only the kept run needs what unselected projects' supporters still hold: computed on demand.
  const finalDen = den;
  const withShares = (): EqualSharesProject[] =>
    projects.map((project, c) => {
      if (project.selected) return project;
      // Counts of projects dropped as unaffordable are no longer kept up to date: read the groups.
      let total = 0n;
      for (const group of supporters[c]) total += values[groupClass[group]] * BigInt(weight[group]);
      return { ...project, shares: roundDownCents(total, finalDen) };
    });
  return { selected, projects: withShares, spent };
}

function roundDownCents(num: bigint, den: bigint): number {
  return Number((num * 100n) / den) / 100;
}

function roundUpCents(num: bigint, den: bigint): number {
  return Number((num * 100n + den - 1n) / den) / 100;
}

/** Runs MES, with the completion the input asks for. */
export function equalShares(input: EqualSharesInput): EqualSharesOutcome {
  const groups = groupBallots(input);
  if (input.voters === 0) return { selected: [], projects: input.costs.map(() => ({ selected: false, round: null, payment: null, shares: 0 })), perVoterBudget: '0', runs: 0 };
  if (input.completion === 'none') {
    const run = runOnce(input, groups, BigInt(input.budget), BigInt(input.voters));
    return { selected: run.selected, projects: run.projects(), perVoterBudget: `${input.budget}/${input.voters}`, runs: 1 };
  }
  const supported = input.supporters.filter((s) => s.length > 0).length;
  const step = input.step ?? 1;
  let perVoter = Math.floor(input.budget / input.voters / step) * step;
  let kept = runOnce(input, groups, BigInt(perVoter), 1n);
  let keptBudget = perVoter;
  let runs = 1;
  // n·floor(B/n) ≤ B, and MES never spends more than the voters hold, so the first run fits.
  while (kept.selected.length < supported) {
    if (input.completion === 'add1-exhaustive' && isExhaustive(kept, input)) break;
    perVoter += step;
    const next = runOnce(input, groups, BigInt(perVoter), 1n);
    runs += 1;
    if (next.spent > input.budget) break;
    kept = next;
    keptBudget = perVoter;
  }
  return { selected: kept.selected, projects: kept.projects(), perVoterBudget: String(keptBudget), runs };
}

/** No unselected project (with supporters) fits the money left. */
function isExhaustive(run: Run, input: EqualSharesInput): boolean {
  const left = input.budget - run.spent;
  return input.costs.every((cost, c) => run.selected.includes(c) || input.supporters[c].length === 0 || cost > left);
}
