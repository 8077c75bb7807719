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
 * project is selected. The result is that of raising one unit at a time, but whole stretches of
 * shares are skipped where a check proves they fund the same projects in the same rounds (see
 * `sameRounds`): in forints or złoty a district's Add1 goes through tens of thousands of shares.
 *
 * Exactness: money is held as integers over one common denominator (BigInt), rescaled (lazily, as
 * each class is next read exactly) when a payment would not divide evenly, so no rounding ever
 * decides anything. Evaluations walk a float copy of the money instead, but take a float's verdict
 * only where its margin is beyond a sure bound on its error, and redo the walk in BigInts where it
 * is not; prices carry sure float bounds, compared exactly where they overlap (see `evaluate`).
 *
 * Speed: voters who supported the same funded projects are one class (same money); a project's
 * supporters are counted by class once a round it is evaluated in, so a round looks at a project's
 * few distinct amounts, never at its voters one by one (and supporters whose money together falls
 * short of the cost are found so without walking them); a project's previous ρ is a lower bound
 * (money only shrinks), so a round stops looking as soon as no remaining project can beat the best
 * found. Those classes depend only on which projects a run funded in which order, so Add1's checks
 * and most of its next shares replay a run's trace with other money (`Replay`) instead of running
 * anew. Checks and replays run by the thousand, so a round allocates little: lists at their final
 * length, arrays by class typed, and no class's money saved to go back a round (each is made once).
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
  /** How many MES runs the completion made (a stretch's check counts as one). */
  runs: number;
  /**
   * How many of those were a share replayed on an earlier run's trace instead of following every
   * voter (checks replay too but are not among them): a fraction of a full run's cost each, and a
   * replay that finds other rounds gives up early (then a full run follows, counted as well).
   */
  replays: number;
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
  rounds: Round[];
  /** The least, over rounds, of (the closest rival's ρ ÷ the funded project's ρ) − 1: a guide only. */
  margin: number;
  /** Null for an untraced run (see runOnce). */
  trace: Trace | null;
  /** A replayed run's rounds kept as it played them, at its share (see `replayRun`). */
  states?: { share: bigint; rounds: RoundStates };
}

/**
 * Voters with the same ballot are the same voter counted several times: they always hold the
 * same money. Grouping them is exact and makes a run several times cheaper on real votes.
 */
interface Groups {
  /** Supporting groups of each project. */
  supporters: number[][];
  /** Projects each group approves: approved[approvedStart[g] .. approvedStart[g + 1]), flat, as a run reads them thousands of times. */
  approved: Int32Array;
  approvedStart: Int32Array;
  weight: Int32Array;
  /** Voters supporting each project. */
  supportCount: number[];
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
  const approvedStart = new Int32Array(approvals.length + 1);
  approvals.forEach((projects, g) => (approvedStart[g + 1] = approvedStart[g] + projects.length));
  const approved = Int32Array.from(approvals.flat());
  const supportCount = supporters.map((gs) => gs.reduce((sum, g) => sum + weights[g], 0));
  return { supporters, approved, approvedStart, weight: Int32Array.from(weights), supportCount };
}

/**
 * What project c would cost its supporters now. Evaluating in floats decides exactly who pays all
 * she has (see `evaluate`), so k is exact; ρ is known to lie in [lo, hi], and its exact value is
 * worked out only when those bounds cannot decide a comparison, or to pay (`exactOf`).
 */
interface Offer {
  project: number;
  /** Supporters who pay the equal share α (the others pay all they have). */
  k: number;
  lo: number;
  hi: number;
  exact: ExactOffer | null;
  /** The money the offer was made at (`Wallets.stamp`): only there can it be made exact. */
  stamp: number;
}

interface ExactOffer {
  rho: Fraction;
  /** The per-voter payment α is alphaNum / (k · den). */
  alphaNum: bigint;
  k: bigint;
}

/** A ρ known to lie in [lo, hi]: a lower bound on a project's ρ, or a funded round's. */
interface Bound {
  lo: number;
  hi: number;
}

/**
 * What one run's rounds did to the money classes. A class is the voters who supported the same
 * projects among those funded so far (one who has nothing left keeps her class, at zero money), so
 * the classes, who moves where in each round and how a project's supporters spread over the classes
 * depend on the projects funded and their order alone, never on the share: any share that funds
 * the same rounds replays on them (`Replay`) without looking at a voter.
 */
interface Trace {
  /** The project funded in each round. */
  projects: number[];
  /** Each group's class before round r, for r = 0 … rounds (the last: after the final round). */
  classesBefore: Int32Array[];
  /** Round r's moves as triples: from class, to class, voters moved. */
  moves: Int32Array[];
  classCount: number;
  /** Project c's supporters before round r as class/count pairs, by r · projects + c: made when first asked. */
  byClass: Map<number, Int32Array>;
}

/**
 * The money of every voter during one MES run, and the moves of a round: what a project would
 * cost its supporters (`evaluate`) and paying for it (`fund`). Two kinds: `Money` follows every
 * voter group (any run), `Replay` follows a trace (a run known to fund the same rounds).
 */
abstract class Wallets {
  readonly costs: readonly number[];
  readonly supportCount: readonly number[];
  // Money classes: values[v] / dens[epochOf[v]] is the money of every voter in class v; class 0 is the start.
  /** The common denominator now: dens[epoch]. */
  den: bigint;
  protected values: bigint[];
  /**
   * Rescaling is lazy: a payment that does not divide evenly multiplies den (a new epoch), and a
   * class's value is brought over to the new den only when it is read exactly (`exactMoney`), as
   * most are not: evaluations read floats.
   */
  protected epochOf: Int32Array;
  protected epoch = 0;
  /** The den of each epoch (of one line of rounds: a replay restored to an earlier round funds no more). */
  private readonly dens: bigint[];
  /** dens[epoch] / dens[e], by e, for the epoch factorFor[e]. */
  private readonly factors: bigint[] = [];
  private readonly factorFor: number[] = [];
  /** values[v] / den as a float, within a relative error of 3u (`toFloat`): what evaluations decide by when the margin allows. */
  floats: Float64Array;
  /** Changes whenever the money does (`fund`, `restore`): an offer can be made exact only at the stamp it was made at. */
  stamp = 0;
  /** Float evaluations too close to call, done exactly instead (for tests). */
  fallbacks = 0;
  /** Float evaluations that found the supporters' money together short of the cost, without the walk (for tests). */
  shortByTotal = 0;
  protected classWeight: Int32Array;
  /** Classes holding voters with money, poorest first. */
  protected live: number[] = [0];
  /**
   * Classes holding voters with no money left: kept out of `live`, as a round would only walk
   * past them (they pay nothing) and rescale their zeros; they still split as the others do, so
   * that the classes stay the same at every share.
   */
  protected broke: number[] = [];
  /** Whether `broke` is kept: a replay's moves come from its trace, so it never reads that list. */
  protected abstract readonly keepsBroke: boolean;
  protected isBroke: Uint8Array;
  /** 1 while a project may still be funded: checked once per supporter and project, so kept flat. */
  readonly open: Uint8Array;
  /** Rounds funded so far. */
  round = 0;

  constructor(input: EqualSharesInput, supportCount: readonly number[], startNum: bigint, startDen: bigint, classCount: number) {
    this.costs = input.costs;
    this.supportCount = supportCount;
    this.den = startDen;
    this.values = new Array<bigint>(classCount).fill(0n);
    this.values[0] = startNum;
    // Typed arrays: made zeros, and no work for the collector (a replay makes them at the trace's thousands of classes).
    this.epochOf = new Int32Array(classCount);
    this.dens = [startDen];
    this.floats = new Float64Array(classCount);
    this.floats[0] = toFloat(startNum, startDen);
    this.classWeight = new Int32Array(classCount);
    this.classWeight[0] = input.voters;
    this.isBroke = new Uint8Array(classCount);
    this.scratch = new Int32Array(classCount);
    this.open = new Uint8Array(input.costs.length);
    input.costs.forEach((cost, c) => {
      if (supportCount[c] > 0 && cost > 0) this.open[c] = 1;
    });
  }

  /** Room for `size` classes in the arrays by class (but `values`, which grows as a list). */
  protected growClasses(size: number): void {
    if (size <= this.epochOf.length) return;
    const length = Math.max(size, 2 * this.epochOf.length);
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(array: T, made: T): T => {
      made.set(array);
      return made;
    };
    this.epochOf = grow(this.epochOf, new Int32Array(length));
    this.floats = grow(this.floats, new Float64Array(length));
    this.classWeight = grow(this.classWeight, new Int32Array(length));
    this.isBroke = grow(this.isBroke, new Uint8Array(length));
    this.scratch = grow(this.scratch, new Int32Array(length));
  }

  /** Class v's money now over den, exactly. */
  exactMoney(v: number): bigint {
    const e = this.epochOf[v];
    if (e === this.epoch) return this.values[v];
    // Nothing is nothing over any den (a third of the classes read, once voters go broke): no BigInt work.
    if (this.values[v] === 0n) {
      this.epochOf[v] = this.epoch;
      return 0n;
    }
    if (e > this.epoch) {
      // A replay gone back to an earlier round (`RoundStates`): the class was set by then, so its money divides.
      this.values[v] /= this.dens[e] / this.den;
    } else {
      if (this.factorFor[e] !== this.epoch) {
        this.factors[e] = this.den / this.dens[e];
        this.factorFor[e] = this.epoch;
      }
      this.values[v] *= this.factors[e];
    }
    this.epochOf[v] = this.epoch;
    return this.values[v];
  }

  /** Sets class v's money (over den now). */
  protected setMoney(v: number, value: bigint): void {
    this.values[v] = value;
    this.epochOf[v] = this.epoch;
    // Nothing is 0 at any den (and a third of the classes set, once voters go broke).
    if (value === 0n) {
      this.floats[v] = 0;
      return;
    }
    // toFloat's own arithmetic, with den converted once an epoch.
    if (this.denFloatEpoch !== this.epoch) {
      this.denFloat = this.den < FLOAT_RANGE ? Number(this.den) : NaN;
      this.denFloatEpoch = this.epoch;
    }
    this.floats[v] = value < FLOAT_RANGE && !Number.isNaN(this.denFloat) ? Number(value) / this.denFloat : toFloat(value, this.den);
  }

  /** Number(den) for the epoch denFloatEpoch (NaN beyond the float range). */
  private denFloat = NaN;
  private denFloatEpoch = -1;

  /** Whether the live classes are poorest first, exactly (for tests: `fund` keeps them so by floats where it can). */
  poorestFirst(): boolean {
    for (let i = 1; i < this.live.length; i++) if (this.exactMoney(this.live[i - 1]) > this.exactMoney(this.live[i])) return false;
    return true;
  }

  /** Whether class a holds no more money than class b: by the floats, or exactly where they are too close. */
  private noRicher(a: number, b: number): boolean {
    const fa = this.floats[a];
    const fb = this.floats[b];
    const error = floatError(0, fa + fb);
    if (fa < fb - error) return true;
    if (fa > fb + error) return false;
    return this.exactMoney(a) <= this.exactMoney(b);
  }

  /** Project c's supporters now as class/count pairs (the same at any share that funds the same rounds). */
  abstract classesOf(c: number): Int32Array;
  /** Counts by class: all zeros but between `supportersOf` and `doneWith`. */
  protected scratch: Int32Array;
  /** After `supportersOf(c)`: how many of c's supporters each class holds now, countsNow[baseNow + class]. */
  protected countsNow: Int32Array = new Int32Array(0);
  protected baseNow = 0;
  private pairs: Int32Array = new Int32Array(0);
  /** After `supportersOf(c)`: the money c's supporters hold together, as a float summed over `heldSteps` classes. */
  protected heldNow = NaN;
  protected heldSteps = 0;

  /**
   * Makes c's supporters by class readable (`countsNow`) until `doneWith(c)`, and returns how many
   * of them have no money left. Fields, not an object returned, as evaluations run by the million.
   */
  protected supportersOf(c: number): number {
    // (classesOf may count into the scratch: it must be zeros.)
    this.doneWith();
    const pairs = this.classesOf(c);
    const { scratch, isBroke, floats } = this;
    let broke = 0;
    let held = 0;
    // Without a branch (whether a class is broke follows no pattern): a broke class's float is 0, adding nothing.
    for (let i = 0; i < pairs.length; i += 2) {
      const v = pairs[i];
      const n = pairs[i + 1];
      broke += isBroke[v] * n;
      held += floats[v] * n;
    }
    this.heldNow = held;
    this.heldSteps = pairs.length / 2;
    this.pairs = pairs;
    this.countsNow = scratch;
    this.baseNow = 0;
    return broke;
  }

  /** Whether the scratch holds the counts of `pairs` (`countByClass`). */
  private counted = false;

  /**
   * Fills `countsNow` after `supportersOf`: apart, as over half the projects evaluated after the first
   * round are found not affordable by their supporters' money alone, and need no counts by class.
   */
  protected countByClass(): void {
    const { pairs, scratch } = this;
    for (let i = 0; i < pairs.length; i += 2) scratch[pairs[i]] = pairs[i + 1];
    this.counted = true;
  }

  protected doneWith(): void {
    if (!this.counted) return;
    const { pairs, scratch } = this;
    for (let i = 0; i < pairs.length; i += 2) scratch[pairs[i]] = 0;
    this.counted = false;
  }
  /**
   * Moves c's supporters, who pay α each (or all they have), to their new classes; returns those:
   * the live classes' first (poorest first), then the broke classes' (where `broke` is kept).
   */
  protected abstract move(c: number, alpha: bigint): number[];
  protected abstract emptied(v: number): void;
  /** Each voter group's class now. */
  abstract groupClasses(): Int32Array;

  /** Ties on ρ go to the lower cost, then to more supporters, then to the earlier project. */
  winsTie(a: number, b: number): boolean {
    const ca = this.costs[a];
    const cb = this.costs[b];
    if (ca !== cb) return ca < cb;
    const va = this.supportCount[a];
    const vb = this.supportCount[b];
    if (va !== vb) return va > vb;
    return a < b;
  }

  /**
   * Whether offer a beats b (an offer at the same money, or a funded round): a lower ρ, or an equal
   * one and the tie. Decided by the bounds where they do not overlap, else by the exact ρs.
   */
  better(a: Offer, b: Offer | Round): boolean {
    if (a.hi < b.lo) return true;
    if (b.hi < a.lo) return false;
    const rhoA = this.exactOf(a).rho;
    const rhoB = 'rho' in b ? b.rho : this.exactOf(b).rho;
    if (less(rhoA, rhoB)) return true;
    if (less(rhoB, rhoA)) return false;
    return this.winsTie(a.project, b.project);
  }

  /** The offer made exact: by evaluating it again in BigInts, at the money it was made at. */
  exactOf(offer: Offer): ExactOffer {
    if (offer.exact !== null) return offer.exact;
    if (offer.stamp !== this.stamp) throw new Error('an offer is made exact only at the money it was made at');
    const exact = this.evaluateExact(offer.project);
    if (exact === null || exact.k !== offer.k) throw new Error('a float evaluation decides who pays all exactly');
    offer.exact = exact.exact;
    offer.lo = exact.lo;
    offer.hi = exact.hi;
    return offer.exact as ExactOffer;
  }

  /**
   * The offer of project c at current money, or null when its supporters cannot afford it. The same
   * walk as `evaluateExact`, in floats: each step's test (does everyone left paying equally pay
   * more than this class holds?) is taken by the float only when its margin is beyond the float's
   * error bound (`floatError`); otherwise the whole evaluation is done again exactly. So who pays all,
   * k and whether c is affordable are always those of the exact walk, and ρ gets sure bounds.
   */
  evaluate(c: number): Offer | null {
    let k = this.supportCount[c] - this.supportersOf(c);
    const { floats, countsNow: counts, baseNow: base } = this;
    const cost = this.costs[c];
    // Supporters who hold less than the cost together cannot afford it (each would pay all she has
    // and it would not be enough): the walk would go through every one of them to find that.
    if (this.heldNow < cost - floatError(this.heldSteps, cost + this.heldNow)) {
      this.shortByTotal += 1;
      return null;
    }
    this.countByClass();
    let paid = 0;
    let steps = 0;
    for (const v of this.live) {
      const n = counts[base + v];
      if (n === 0) continue;
      const money = floats[v];
      const equal = money * k;
      const over = cost - paid - equal;
      steps += 1;
      if (Math.abs(over) <= floatError(steps, cost + paid + equal)) {
        this.doneWith();
        this.fallbacks += 1;
        return this.evaluateExact(c);
      }
      if (over > 0) {
        paid += money * n;
        k -= n;
      } else break;
    }
    this.doneWith();
    if (k === 0) return null;
    const rho = (cost - paid) / (k * cost);
    const error = floatError(steps, cost + paid) / (k * cost) + floatError(0, rho);
    return { project: c, k, lo: rho - error, hi: rho + error, exact: null, stamp: this.stamp };
  }

  /** The offer of project c at current money in exact arithmetic (the walk `evaluate` follows in floats). */
  evaluateExact(c: number): (Offer & { exact: ExactOffer }) | null {
    let k = BigInt(this.supportCount[c] - this.supportersOf(c));
    this.countByClass();
    const { countsNow: counts, baseNow: base } = this;
    /** The cost less what those who pay all they have pay (in den units): what the k left share. */
    let rest = BigInt(this.costs[c]) * this.den;
    // Poorest first, as `live` is. Classes of equal money come out alike in either order.
    for (const v of this.live) {
      const n = counts[base + v];
      if (n === 0) continue;
      // Everyone left paying equally would pay rest/k; those with less pay all they have.
      const money = this.exactMoney(v);
      if (rest > money * k) {
        const count = BigInt(n);
        rest -= money * count;
        k -= count;
      } else break;
    }
    this.doneWith();
    // Everyone paid all they have and it was not enough: the supporters cannot afford it. (When the
    // walk stops early, the k left hold at least rest/k each, so it is affordable.)
    if (k === 0n) return null;
    const alphaNum = rest;
    const rho = { n: alphaNum, d: k * this.den * BigInt(this.costs[c]) };
    return { project: c, k: Number(k), ...boundOf(rho), exact: { rho, alphaNum, k }, stamp: this.stamp };
  }

  /** The offer of project c, or null, and c closed for good (money only shrinks), when its supporters cannot afford it. */
  offerOrClose(c: number): Offer | null {
    const offer = this.evaluate(c);
    if (offer === null) this.open[c] = 0;
    return offer;
  }

  /** Pays for the offer; returns what each full-paying supporter paid, as num/den. */
  fund(offer: Offer): { num: bigint; den: bigint } {
    const c = offer.project;
    const exact = this.exactOf(offer);
    this.open[c] = 0;
    this.stamp += 1;
    // Make α a whole number of den units: rescale (lazily) by k/gcd.
    const g = gcd(exact.alphaNum, exact.k);
    const factor = exact.k / g;
    if (factor !== 1n) {
      this.den *= factor;
      this.epoch = this.dens.length;
      this.dens.push(this.den);
    }
    const alpha = exact.alphaNum / g;
    const made = this.move(c, alpha);
    // Lists are made at their final length (no growing as they fill): a round makes them by the hundred thousand.
    /** The new classes with money, poorest first: paying the same α keeps the order the classes had. */
    const paidClasses = this.classesWhere(made, this.isBroke, 0);
    // `live` stays poorest first, so that a project's supporters come in that order without a sort:
    // the classes left (in their order) merged with the new ones (in theirs).
    this.live = this.mergedLive(paidClasses);
    if (this.keepsBroke) this.broke = this.stillHeld(this.broke, this.classesWhere(made, this.isBroke, 1));
    this.round += 1;
    return { num: alpha, den: this.den };
  }

  /**
   * The live classes that still hold voters, merged with the paid ones (both poorest first), in one
   * pass: those emptied are let go on the way.
   */
  private mergedLive(paid: readonly number[]): number[] {
    const { live: old, classWeight } = this;
    // Made at the most it can hold and cut to what it holds (cut in place, no copy).
    const live = new Array<number>(old.length + paid.length);
    let i = 0;
    let j = 0;
    let at = 0;
    for (;;) {
      while (i < old.length && classWeight[old[i]] === 0) this.emptied(old[i++]);
      if (i === old.length) break;
      if (j === paid.length || this.noRicher(old[i], paid[j])) live[at++] = old[i++];
      else live[at++] = paid[j++];
    }
    while (j < paid.length) live[at++] = paid[j++];
    live.length = at;
    return live;
  }

  /** The classes of the list whose flag is `flag`, in its order. */
  private classesWhere(classes: readonly number[], flags: Uint8Array, flag: number): number[] {
    let count = 0;
    for (const v of classes) if (flags[v] === flag) count += 1;
    const found = new Array<number>(count);
    let at = 0;
    for (const v of classes) if (flags[v] === flag) found[at++] = v;
    return found;
  }

  /** The classes of the list that still hold voters, in its order, then `then`; the others are emptied. */
  private stillHeld(classes: readonly number[], then: readonly number[]): number[] {
    const { classWeight } = this;
    // Made at the most it can hold and cut to what it holds (cut in place, no copy).
    const held = new Array<number>(classes.length + then.length);
    let at = 0;
    for (const v of classes) {
      if (classWeight[v] > 0) held[at++] = v;
      else this.emptied(v);
    }
    for (const v of then) held[at++] = v;
    held.length = at;
    return held;
  }

  /** Open projects, cheapest lower bound on ρ first. */
  openByBound(lowerBound: readonly Bound[]): number[] {
    const order: number[] = [];
    for (let c = 0; c < this.open.length; c++) if (this.open[c] === 1) order.push(c);
    // The order only decides which projects are looked at first (the best is the best in any order).
    return order.sort((a, b) => lowerBound[a].lo - lowerBound[b].lo || a - b);
  }
}

/** Money after paying α from money m (both in den units): what is left, or nothing. */
const afterPaying = (m: bigint, alpha: bigint): bigint => (m > alpha ? m - alpha : 0n);

/**
 * Any run: each voter group's class is followed, and a project's supporters are counted by class
 * when it is evaluated (once a round: a round evaluates a few projects but moves voters who
 * approve many); the run's trace is written down.
 */
class Money extends Wallets {
  readonly groups: Groups;
  private readonly groupClass: Int32Array;
  private readonly freeClasses: number[] = [];
  /** Project c's supporters by class in this round (`classesOf`), by round · projects + c: the trace's, where it is traced. */
  private readonly byClass: Map<number, Int32Array>;
  protected readonly keepsBroke = true;
  /** Null for a run nothing will replay: then everyone with nothing left is one class (`zero`), kept in `live`. */
  readonly trace: Trace | null;
  private zero: number | undefined;

  constructor(input: EqualSharesInput, groups: Groups, supportCount: readonly number[], startNum: bigint, startDen: bigint, traced: boolean) {
    super(input, supportCount, startNum, startDen, 1);
    this.groups = groups;
    this.groupClass = new Int32Array(groups.weight.length);
    this.trace = traced ? { projects: [], classesBefore: [], moves: [], classCount: 1, byClass: new Map() } : null;
    this.byClass = this.trace?.byClass ?? new Map<number, Int32Array>();
  }

  classesOf(c: number): Int32Array {
    // The key a replay of the trace reads them by: its rounds and the classes before each are this run's.
    const key = this.round * this.costs.length + c;
    let pairs = this.byClass.get(key);
    if (pairs === undefined) {
      pairs = supportersByClass(this.groups, this.groupClass, this.groups.supporters[c], this.scratch);
      this.byClass.set(key, pairs);
    }
    return pairs;
  }

  protected emptied(v: number): void {
    // Untraced, a class all of whose voters have moved on is taken again: the arrays by class stay
    // the size of the classes held at once. A trace's classes are each made once, so that a replay
    // can go back to an earlier round without putting any class's money back (`Replay.goTo`).
    if (this.trace === null) this.freeClasses.push(v);
  }

  groupClasses(): Int32Array {
    return this.groupClass;
  }

  /** Ends the trace: the classes after the last round. */
  finishTrace(): Trace | null {
    if (this.trace === null) return null;
    this.trace.classesBefore.push(this.groupClass.slice());
    this.trace.classCount = this.values.length;
    return this.trace;
  }

  /** The one class of voters with nothing left, in an untraced run: in `live`, as the poorest. */
  private zeroClass(): number {
    if (this.zero === undefined) {
      this.zero = this.newClass(0n);
      this.isBroke[this.zero] = 0;
    }
    return this.zero;
  }

  /** A new class for the voters of one class who paid the same α (classes from different paths may hold equal money). */
  private newClass(value: bigint): number {
    const broke = value === 0n ? 1 : 0;
    const free = this.freeClasses.pop();
    if (free !== undefined) {
      this.setMoney(free, value);
      this.isBroke[free] = broke;
      return free;
    }
    const v = this.values.length;
    this.values.push(0n);
    this.growClasses(v + 1);
    this.setMoney(v, value);
    this.isBroke[v] = broke;
    return v;
  }

  protected move(c: number, alpha: bigint): number[] {
    const { groupClass, trace } = this;
    const { supporters, weight } = this.groups;
    trace?.projects.push(c);
    trace?.classesBefore.push(groupClass.slice());
    this.supportersOf(c);
    this.countByClass();
    const moves: number[] = [];
    const paidClasses: number[] = [];
    /** The classes that moved: their target (`target`) is put back to −1 at the end. */
    const from: number[] = [];
    const moveFrom = (v: number): void => {
      // (newClass may grow the scratch, keeping what it holds.)
      const count = this.scratch[v];
      if (count === 0) return;
      const left = afterPaying(this.exactMoney(v), alpha);
      if (trace === null && left === 0n) {
        // Untraced, those left with nothing join the one class of them (already live, or new this round).
        if (v === this.zero) return;
        const newZero = this.zero === undefined;
        const zero = this.zeroClass();
        this.targetOf(v, zero, from);
        if (newZero) paidClasses.push(zero);
        return;
      }
      const to = this.newClass(left);
      this.targetOf(v, to, from);
      moves.push(v, to, count);
      paidClasses.push(to);
    };
    for (const v of this.live) moveFrom(v);
    for (const v of this.broke) moveFrom(v);
    this.doneWith();
    trace?.moves.push(Int32Array.from(moves));
    // Read after newClass, which may have grown them.
    const { target, classWeight } = this;
    const list = supporters[c];
    for (let i = 0; i < list.length; i++) {
      const group = list[i];
      const from = groupClass[group];
      const to = target[from];
      if (to < 0) continue; // already among those with nothing left (untraced)
      const w = weight[group];
      groupClass[group] = to;
      classWeight[from] -= w;
      classWeight[to] += w;
    }
    for (const v of from) target[v] = -1;
    return paidClasses;
  }

  /** Each class's class after this round's move (−1: it does not move), kept at the classes' size, all −1 between moves. */
  private target = new Int32Array(64).fill(-1);

  private targetOf(v: number, to: number, from: number[]): void {
    if (this.target.length < this.values.length) {
      const grown = new Int32Array(2 * this.values.length).fill(-1);
      grown.set(this.target);
      this.target = grown;
    }
    this.target[v] = to;
    from.push(v);
  }
}

/**
 * A run replayed on a trace: the same classes and moves, other money. Each round costs a walk over
 * the live classes, not over the voters, so checking a share against a run's rounds is cheap.
 */
class Replay extends Wallets {
  private readonly trace: Trace;
  private readonly groups: Groups;
  protected readonly keepsBroke = false;
  private readonly childOf: Int32Array;

  constructor(input: EqualSharesInput, groups: Groups, supportCount: readonly number[], trace: Trace, startNum: bigint, startDen: bigint) {
    super(input, supportCount, startNum, startDen, trace.classCount);
    this.trace = trace;
    this.groups = groups;
    this.childOf = new Int32Array(trace.classCount).fill(-1);
  }

  /** Project c's supporters now as class/count pairs (the trace's: the same at any share replayed on it). */
  classesOf(c: number): Int32Array {
    const key = this.round * this.costs.length + c;
    let pairs = this.trace.byClass.get(key);
    if (pairs === undefined) {
      // The scratch is all zeros between evaluations, as supportersByClass needs.
      pairs = supportersByClass(this.groups, this.trace.classesBefore[this.round], this.groups.supporters[c], this.scratch);
      this.trace.byClass.set(key, pairs);
    }
    return pairs;
  }

  /** Project c's supporters now as class/count pairs, and each of those classes' money as a float (a guide only). */
  supporterMoney(c: number): SupporterMoney {
    const pairs = this.classesOf(c);
    const money = new Float64Array(pairs.length / 2);
    for (let i = 0; i < money.length; i++) money[i] = this.floats[pairs[2 * i]];
    return { pairs, money };
  }

  protected emptied(): void {}

  groupClasses(): Int32Array {
    return this.trace.classesBefore[this.round];
  }

  /** Where the rounds are now, but for the classes' money (see `RoundStates`). */
  mark(): ReplayMark {
    const { den, epoch, live, broke, round } = this;
    return { den, epoch, live, broke, round };
  }

  /**
   * Back (or on) to a round of this replay's own (none is funded after). A trace's classes are
   * each made once (`Money.emptied`), and a class's money does not change once made (payers move
   * to new classes), so the classes' money stands for every round: only which are live changes.
   */
  goTo(mark: ReplayMark): void {
    ({ den: this.den, epoch: this.epoch, live: this.live, broke: this.broke, round: this.round } = mark);
    this.stamp += 1;
  }

  protected move(_c: number, alpha: bigint): number[] {
    const { classWeight, childOf, isBroke } = this;
    const moves = this.trace.moves[this.round];
    /** Classes with money that move: each is live, and its child is one of the classes paid. */
    let paid = 0;
    for (let i = 0; i < moves.length; i += 3) {
      const from = moves[i];
      if (isBroke[from] === 0) paid += 1;
      const to = moves[i + 1];
      // Those with nothing left keep nothing (most moves, on a trace run at a lower share).
      const left = isBroke[from] === 1 ? 0n : afterPaying(this.exactMoney(from), alpha);
      this.setMoney(to, left);
      isBroke[to] = left === 0n ? 1 : 0;
      classWeight[from] -= moves[i + 2];
      classWeight[to] += moves[i + 2];
      childOf[from] = to;
    }
    const paidClasses = new Array<number>(paid);
    let at = 0;
    for (const v of this.live) if (childOf[v] >= 0) paidClasses[at++] = childOf[v];
    if (at !== paid) throw new Error('every class with money left is live');
    for (let i = 0; i < moves.length; i += 3) childOf[moves[i]] = -1;
    return paidClasses;
  }
}

/**
 * A project's supporters in one round as class/count pairs (the trace's, so the same at every
 * share replayed on it), and each of those classes' money as a float.
 */
interface SupporterMoney {
  pairs: Int32Array;
  money: Float64Array;
}

interface ReplayMark {
  den: bigint;
  epoch: number;
  live: number[];
  broke: number[];
  round: number;
}

/**
 * A run replayed once with the money it had at the start of each round kept, so that the checks
 * of a stretch from its share (several for one stretch) do not replay it again each time.
 */
class RoundStates {
  private readonly marks: ReplayMark[] = [];
  /** The funded project's offer in each round. */
  readonly funded: Offer[] = [];

  /** Kept as `replay` plays the rounds of its trace (`beforeFund`, `end`). */
  constructor(private readonly replay: Replay) {}

  /** The rounds of `run` replayed at startNum, kept. */
  static of(input: EqualSharesInput, groups: Groups, run: Run, startNum: bigint): RoundStates {
    const trace = traceOf(run);
    const states = new RoundStates(new Replay(input, groups, groups.supportCount, trace, startNum, 1n));
    for (const round of run.rounds) {
      const offer = states.replay.evaluateExact(round.project);
      if (offer === null) throw new Error('a run replayed at its own share funds what it funded');
      states.beforeFund(offer);
      states.replay.fund(offer);
    }
    states.end();
    return states;
  }

  beforeFund(offer: Offer): void {
    this.marks.push(this.replay.mark());
    this.funded.push(offer);
  }

  end(): void {
    this.marks.push(this.replay.mark());
  }

  /** Back at the end of the rounds, where the replayed run's outcome reads its money (`Run.projects`). */
  finish(): void {
    this.goTo(this.funded.length);
  }

  private goTo(r: number): void {
    this.replay.goTo(this.marks[r]);
  }

  /** Project c's offer at the start of round r. */
  evaluate(r: number, c: number): Offer | null {
    this.goTo(r);
    return this.replay.evaluate(c);
  }

  /** Project c's exact offer at the start of round r (for tests). */
  exactOffer(r: number, c: number): ExactOffer | null {
    this.goTo(r);
    return this.replay.evaluateExact(c)?.exact ?? null;
  }

  supporterMoney(r: number, c: number): SupporterMoney {
    this.goTo(r);
    return this.replay.supporterMoney(c);
  }
}

/** The supporters' groups counted by class, as class/count pairs (scratch: zeros, left zero). */
function supportersByClass(groups: Groups, classOf: Int32Array, supporters: readonly number[], scratch: Int32Array): Int32Array {
  const classes: number[] = [];
  for (const group of supporters) {
    const v = classOf[group];
    if (scratch[v] === 0) classes.push(v);
    scratch[v] += groups.weight[group];
  }
  const pairs = new Int32Array(classes.length * 2);
  classes.forEach((v, i) => {
    pairs[2 * i] = v;
    pairs[2 * i + 1] = scratch[v];
    scratch[v] = 0;
  });
  return pairs;
}

/** The funded project and its ρ, round by round: what a certificate checks other money against. */
interface Round extends Bound {
  project: number;
  rho: Fraction;
}

/**
 * The rounds of one MES run on `money`. With `expected` (a trace's projects), gives up (null) as
 * soon as a round would fund another project, or when one more would be funded after the last.
 */
function playRounds(input: EqualSharesInput, groups: Groups, money: Wallets, expected: readonly number[] | null, kept: RoundStates | null = null): Omit<Run, 'trace'> | null {
  const { costs } = input;
  const lowerBound: Bound[] = costs.map(() => ({ lo: 0, hi: 0 }));
  const projects: EqualSharesProject[] = costs.map(() => ({ selected: false, round: null, payment: null, shares: 0 }));
  const selected: number[] = freeProjects(input, money);
  selected.forEach((c, i) => (projects[c] = { selected: true, round: i + 1, payment: 0, shares: 0 }));
  const rounds: Round[] = [];

  // How far the closest rival stayed behind, over all rounds: a guide for how far shares can rise.
  let margin = Infinity;
  for (;;) {
    let best: Offer | null = null;
    /** The closest rival's ρ (a float: a guide only). */
    let runnerUp = Infinity;
    for (const c of money.openByBound(lowerBound)) {
      // A project's previous ρ is a lower bound (money only shrinks): none left can beat the best.
      if (best !== null && best.hi < lowerBound[c].lo) {
        runnerUp = Math.min(runnerUp, middle(lowerBound[c]));
        break;
      }
      const offer = money.offerOrClose(c);
      if (offer === null) continue;
      lowerBound[c] = offer;
      if (best === null || money.better(offer, best)) {
        if (best !== null) runnerUp = Math.min(runnerUp, middle(best));
        best = offer;
      } else runnerUp = Math.min(runnerUp, middle(offer));
    }
    if (expected !== null && (best === null ? rounds.length < expected.length : best.project !== expected[rounds.length])) return null;
    if (best === null) break;
    if (runnerUp !== Infinity) margin = Math.min(margin, ratio(runnerUp, middle(best)) - 1);
    kept?.beforeFund(best);
    const paid = money.fund(best);
    rounds.push({ project: best.project, rho: money.exactOf(best).rho, lo: best.lo, hi: best.hi });
    projects[best.project] = { selected: true, round: selected.length + 1, payment: roundUpCents(paid.num, paid.den), shares: 0 };
    selected.push(best.project);
  }
  kept?.end();
  const spent = selected.reduce((sum, c) => sum + costs[c], 0);
  return { selected, projects: withShares(groups, money, projects), spent, rounds, margin };
}

/**
 * The outcome of a run that ended with `money`: the funded projects as given, and what each other
 * project's supporters still hold, read from the money when asked (only the kept run needs it).
 */
function withShares(groups: Groups, money: Wallets, projects: readonly EqualSharesProject[]): () => EqualSharesProject[] {
  const groupClass = money.groupClasses();
  return () =>
    projects.map((project, c) => {
      if (project.selected) return project;
      let total = 0n;
      for (const group of groups.supporters[c]) total += money.exactMoney(groupClass[group]) * BigInt(groups.weight[group]);
      return { ...project, shares: roundDownCents(total, money.den) };
    });
}

/**
 * One MES run with every voter starting at startNum/startDen. Pure function of its arguments.
 * Untraced (`traced` false) it is a little cheaper, and nothing can be replayed on it.
 */
function runOnce(input: EqualSharesInput, groups: Groups, startNum: bigint, startDen: bigint, traced = true): Run {
  const money = new Money(input, groups, groups.supportCount, startNum, startDen, traced);
  const played = playRounds(input, groups, money, null);
  if (played === null) throw new Error('a run that expects nothing never gives up');
  return { ...played, trace: money.finishTrace() };
}

/**
 * The run at startNum (a whole share) if it funds the rounds `run` did, from `run`'s trace; null
 * when it does not (then only a full run tells what it funds). Exactly what runOnce would give.
 */
function replayRun(input: EqualSharesInput, groups: Groups, run: Run, startNum: bigint, keepRounds = false): Run | null {
  const trace = traceOf(run);
  const replay = new Replay(input, groups, groups.supportCount, trace, startNum, 1n);
  const rounds = keepRounds ? new RoundStates(replay) : null;
  const replayed = playRounds(input, groups, replay, trace.projects, rounds);
  if (replayed === null) return null;
  return rounds === null ? { ...replayed, trace } : { ...replayed, trace, states: { share: startNum, rounds } };
}

function traceOf(run: Run): Trace {
  if (run.trace === null) throw new Error('only a traced run can be replayed');
  return run.trace;
}

/** A free project (cost 0) with supporters costs nobody anything: funded first, in list order. */
function freeProjects(input: EqualSharesInput, money: Wallets): number[] {
  const free: number[] = [];
  input.costs.forEach((cost, c) => {
    if (cost === 0 && money.supportCount[c] > 0) free.push(c);
  });
  return free;
}

/**
 * Whether every run with each voter's money between that of `run` (whose rounds `low` holds) and upperNum funds
 * the same projects in the same rounds as `run` did.
 *
 * Why checking the two ends is enough. While the rounds fund the same projects, more money at the
 * start leaves every voter with at least as much money after every round (a supporter keeps
 * max(money − α, 0), and α only falls when the supporters hold more), so every project's ρ can
 * only fall and every affordable project stays affordable. Round by round:
 * - monotone test: the funded project's ρ is at most what it was in `run`, and any other
 *   project's is at least what it is with the most money: if no other project beats the former
 *   with the latter, none beats it anywhere in between;
 * - straight test, for a rival that fails the first: a voter who pays all she has for a project at
 *   some money pays all at less money too (money − α only grows with the start), so when as many
 *   voters pay all at both ends, the same voters do everywhere between, and money, α and ρ are
 *   straight lines in the start money (as long as every funded project so far had that too):
 *   two straight lines that do not cross at either end do not cross between. (The funded
 *   project's own ρ in that round is convex even where its payers change: α is a convex function
 *   of its supporters' money, its epigraph being where Σ min(money, α) ≥ cost; a straight line
 *   minus a convex one is concave, so not below zero at both ends means not below zero between.)
 * A project unaffordable with the most money is unaffordable with less.
 */
function sameRounds(input: EqualSharesInput, groups: Groups, run: Run, low: RoundStates, upperNum: bigint, keep = false): Check {
  const trace = traceOf(run);
  const high = new Replay(input, groups, groups.supportCount, trace, upperNum, 1n);
  const kept = keep ? new RoundStates(high) : null;
  /** The rounds at the upper share and what they paid, for `reached` (kept checks only). */
  const highRounds: Round[] = [];
  const projects: EqualSharesProject[] = keep ? input.costs.map(() => ({ selected: false, round: null, payment: null, shares: 0 })) : [];
  const free = run.selected.length - run.rounds.length;
  if (keep) for (let i = 0; i < free; i++) projects[run.selected[i]] = { selected: true, round: i + 1, payment: 0, shares: 0 };
  const lowerBound: Bound[] = input.costs.map(() => ({ lo: 0, hi: 0 }));
  let margin = Infinity;
  let holds = true;
  let straight = true;
  // Whether the richest share on its own funds the same rounds: what a replay there would find.
  let highSame = true;
  /** Where in the stretch (0 = its lower share, 1 = the upper) the first funded project's prices bend. */
  let bend: number | null = null;
  for (const [r, round] of run.rounds.entries()) {
    const fundedLow = low.funded[r];
    const fundedHigh = high.evaluateExact(round.project);
    if (fundedHigh === null) return { holds: false, margin: 0, highSame: false, bend, reached: null }; // cannot happen: `run` afforded it, more money still does
    for (const c of high.openByBound(lowerBound)) {
      if (c === round.project) continue;
      // ρ only grows from round to round: a project whose bound is already worse cannot win.
      if (round.hi < lowerBound[c].lo) {
        margin = Math.min(margin, ratio(middle(lowerBound[c]), middle(round)) - 1);
        break;
      }
      const offer = high.offerOrClose(c);
      if (offer === null) continue;
      lowerBound[c] = offer;
      if (!high.better(offer, round)) {
        margin = Math.min(margin, ratio(middle(offer), middle(round)) - 1);
        continue;
      }
      // The funded project costs no more at the high end than in `run`, so only a rival that got this far can beat it there.
      const beatsHigh = high.better(offer, fundedHigh);
      if (beatsHigh) highSame = false;
      const atLow = straight ? low.evaluate(r, c) : null;
      if (atLow !== null && atLow.k === offer.k) {
        // Rounds after a failure still follow the same projects: their margins show how far past the edge this share is.
        margin = Math.min(margin, ratio(middle(offer), middle(fundedHigh)) - 1);
        // At the low end the funded project won (it is `run`): the high end is the one to check.
        if (beatsHigh) holds = false;
      } else {
        margin = Math.min(margin, ratio(middle(offer), middle(round)) - 1);
        holds = false;
      }
    }
    if (straight && fundedLow.k !== fundedHigh.k) {
      straight = false;
      bend = bendAt(input.costs[round.project], fundedLow, low.supporterMoney(r, round.project), high.supporterMoney(round.project));
    }
    // A failed check whose prices bent (or whose upper share funds otherwise) has told what the search
    // reads most: later rounds would cost as much again for margins only.
    if (!holds && (!straight || !highSame)) return { holds, margin, highSame, bend, reached: null };
    kept?.beforeFund(fundedHigh);
    const paid = high.fund(fundedHigh);
    if (keep) {
      highRounds.push({ project: round.project, rho: high.exactOf(fundedHigh).rho, lo: fundedHigh.lo, hi: fundedHigh.hi });
      projects[round.project] = { selected: true, round: free + r + 1, payment: roundUpCents(paid.num, paid.den), shares: 0 };
    }
  }
  // After the last round nothing was affordable in `run`: nothing may be with the most money either.
  for (let c = 0; c < high.open.length; c++) if (high.open[c] === 1 && high.evaluate(c) !== null) return { holds: false, margin: Math.min(margin, 0), highSame: false, bend, reached: null };
  if (kept === null || !holds) return { holds, margin, highSame, bend, reached: null };
  kept.end();
  // The same projects in the same rounds as `run`, so its trace, at the upper share's money.
  const reached: Run = { selected: run.selected, spent: run.spent, rounds: highRounds, margin, trace, projects: withShares(groups, high, projects), states: { share: upperNum, rounds: kept } };
  return { holds, margin, highSame, bend, reached };
}

/**
 * Whether every per-voter share from `lower` to `upper` (whole units) funds the same projects in
 * the same rounds: the check Add1 skips stretches by, on its own (for tests and tools).
 */
export function fundsSameRounds(input: EqualSharesInput, lower: number, upper: number): boolean {
  const groups = groupBallots(input);
  const run = runOnce(input, groups, BigInt(lower), 1n);
  return sameRounds(input, groups, run, RoundStates.of(input, groups, run, BigInt(lower)), BigInt(upper)).holds;
}

/**
 * The run at per-voter share `upper` as the check of the stretch from `lower` played it, when that
 * check holds (null when it does not): its outcome, whether the stretch from there to `further`
 * holds, checked on that run as Add1 goes on from it, and the run's projects read again after that
 * check (for tests and tools).
 */
export function checkedRun(
  input: EqualSharesInput,
  lower: number,
  upper: number,
  further: number,
): { outcome: Pick<EqualSharesOutcome, 'selected' | 'projects'>; furtherHolds: boolean; projectsAfter: EqualSharesProject[] } | null {
  const groups = groupBallots(input);
  const run = runOnce(input, groups, BigInt(lower), 1n);
  const { reached } = sameRounds(input, groups, run, RoundStates.of(input, groups, run, BigInt(lower)), BigInt(upper), true);
  if (reached === null || reached.states === undefined) return null;
  const outcome = { selected: reached.selected, projects: reached.projects() };
  const states = reached.states.rounds;
  const furtherHolds = sameRounds(input, groups, reached, states, BigInt(further)).holds;
  // As `longestStretch` leaves it: at the end of its rounds, where the outcome reads its money.
  states.finish();
  return { outcome, furtherHolds, projectsAfter: reached.projects() };
}

/**
 * The run at per-voter share `share` replayed on the trace of the run at `traced` (whole units):
 * its outcome when it funds the same rounds, null when it does not (for tests and tools).
 */
export function replayedAt(input: EqualSharesInput, traced: number, share: number): Pick<EqualSharesOutcome, 'selected' | 'projects'> | null {
  const groups = groupBallots(input);
  const replayed = replayRun(input, groups, runOnce(input, groups, BigInt(traced), 1n), BigInt(share));
  return replayed === null ? null : { selected: replayed.selected, projects: replayed.projects() };
}

type OfferBounds = (Bound & { k: number; rho: Fraction | null }) | null;

/**
 * Every priced project's offer (k and ρ's float bounds, or null) at the start of every round of
 * the run at per-voter share `share` (whole units): read from one replay's kept rounds, last round
 * first and then the last again, and from replays played forward to each round alone (for tests:
 * going back and on needs no class's money put back).
 */
export function keptRoundOffers(input: EqualSharesInput, share: number): { kept: OfferBounds[][]; lastAgain: OfferBounds[]; forward: OfferBounds[][] } {
  const groups = groupBallots(input);
  const run = runOnce(input, groups, BigInt(share), 1n);
  const priced = input.costs.map((_, c) => c).filter((c) => input.costs[c] > 0 && groups.supportCount[c] > 0);
  const bounds = (offer: Offer | null, exact: ExactOffer | null): OfferBounds => offer && { k: offer.k, lo: offer.lo, hi: offer.hi, rho: exact?.rho ?? null };
  const states = RoundStates.of(input, groups, run, BigInt(share));
  const last = run.rounds.length;
  const kept: OfferBounds[][] = [];
  const keptAt = (r: number) => priced.map((c) => bounds(states.evaluate(r, c), states.exactOffer(r, c)));
  for (let r = last; r >= 0; r--) kept[r] = keptAt(r);
  const lastAgain = keptAt(last);
  const forward = Array.from({ length: last + 1 }, (_, r) => {
    const replay = new Replay(input, groups, groups.supportCount, traceOf(run), BigInt(share), 1n);
    for (const round of run.rounds.slice(0, r)) replay.fund(replay.evaluateExact(round.project) as Offer);
    return priced.map((c) => bounds(replay.evaluate(c), replay.evaluateExact(c)?.exact ?? null));
  });
  return { kept, lastAgain, forward };
}

/** One float evaluation (`Wallets.evaluate`) beside the exact one of the same project at the same money. */
export interface FloatEvaluation {
  float: { k: number; lo: number; hi: number } | null;
  exact: { k: number; rho: { n: bigint; d: bigint } } | null;
  /** Whether the float evaluation's margins were too close to call, so that it was done exactly. */
  fellBack: boolean;
  /** Whether the classes were poorest first, as the walk needs, in the round of the evaluation. */
  poorestFirst: boolean;
  /** Whether the float evaluation found the supporters' money together short of the cost, without walking them. */
  shortByTotal: boolean;
}

/**
 * Every project's offer in every round of the run at the input's own share (budget / voters),
 * evaluated in floats and exactly: for tests, that floats decide as BigInts do, and when they cannot.
 */
export function floatEvaluations(input: EqualSharesInput): FloatEvaluation[] {
  const groups = groupBallots(input);
  const money = new Money(input, groups, groups.supportCount, BigInt(input.budget), BigInt(input.voters), true);
  const evaluations: FloatEvaluation[] = [];
  for (;;) {
    let best: Offer | null = null;
    const poorestFirst = money.poorestFirst();
    for (let c = 0; c < input.costs.length; c++) {
      if (money.open[c] === 0) continue;
      const { fallbacks, shortByTotal } = money;
      const float = money.evaluate(c);
      const exact = money.evaluateExact(c);
      evaluations.push({
        float: float && { k: float.k, lo: float.lo, hi: float.hi },
        exact: exact && { k: exact.k, rho: exact.exact.rho },
        fellBack: money.fallbacks > fallbacks,
        poorestFirst,
        shortByTotal: money.shortByTotal > shortByTotal,
      });
      if (exact !== null && (best === null || money.better(exact, best))) best = exact;
    }
    if (best === null) return evaluations;
    money.fund(best);
  }
}

/** A certificate's verdict (exact) and its margin (a float, to guess the next share to check). */
interface Check {
  holds: boolean;
  margin: number;
  /** Whether the upper share alone funds the same rounds, as far as the check went (when `holds`, it does): a guide only. */
  highSame: boolean;
  /** Where the first funded project whose full payers differ at the two ends bends, as a fraction of the stretch: a guide only. */
  bend: number | null;
  /**
   * When the check holds and was asked to keep it: the run at the upper share, as the check's replay
   * played it (its rounds kept), so that the next stretch can start there without another replay.
   */
  reached: Run | null;
}

/**
 * Where, between a stretch's ends (0 and 1), the voters paying all they have for a funded project
 * stop being those who pay all at the lower end: up to there money, α and ρ are straight lines in
 * the share, so a stretch ending just before it can pass the straight test. Floats: a guess for the
 * next stretch to check, which the check itself then decides exactly.
 */
function bendAt(cost: number, fundedLow: Offer, low: SupporterMoney, high: SupporterMoney): number | null {
  // Both ends replay one trace: the same pairs, class by class, only the money differs.
  const { pairs } = low;
  const alphaLow = middle(fundedLow) * cost;
  let payAll = 0;
  let paidLow = 0;
  let paidHigh = 0;
  let supporters = 0;
  for (let i = 0; i < low.money.length; i++) {
    const count = pairs[2 * i + 1];
    supporters += count;
    if (low.money[i] < alphaLow) {
      payAll += count;
      paidLow += count * low.money[i];
      paidHigh += count * high.money[i];
    }
  }
  const rest = supporters - payAll;
  if (rest <= 0) return null;
  // α as paid by the same voters at both ends: a straight line while they are the ones who pay all.
  const alphaAtLow = (cost - paidLow) / rest;
  const alphaAtHigh = (cost - paidHigh) / rest;
  let first = Infinity;
  for (let i = 0; i < low.money.length; i++) {
    const atLow = low.money[i] - alphaAtLow;
    const atHigh = high.money[i] - alphaAtHigh;
    const paysAll = low.money[i] < alphaLow;
    if (paysAll ? atHigh > 0 : atHigh < 0) first = Math.min(first, atLow / (atLow - atHigh));
  }
  return Number.isFinite(first) ? Math.max(0, Math.min(1, first)) : null;
}

/** Below this, a BigInt converts to a float as it is (correctly rounded: relative error at most u = 2⁻⁵³). */
const FLOAT_RANGE = 1n << 1000n;

/**
 * n/d (n ≥ 0, d > 0) as a float: within a relative error of 3u (two conversions and a division),
 * and, when they are too big to convert, of 2⁻⁹⁰⁰ absolutely (`FLOAT_SLACK` covers it).
 */
function toFloat(n: bigint, d: bigint): number {
  if (n < FLOAT_RANGE && d < FLOAT_RANGE) return Number(n) / Number(d);
  const shift = BigInt(Math.max(n.toString(16).length, d.toString(16).length) * 4 - 1000);
  return Number(n >> shift) / Number(d >> shift);
}

/**
 * A sure bound on the error of a float evaluation's test after `steps` supporter classes, whose
 * terms add up to `size` in absolute value (money in currency units, so size ≥ 1 where it matters).
 * Each class's money is within 3u of its value, each product and sum adds at most u of what it
 * adds up, so the error is below (steps + 6)·u·2·size; this is four times that, and the absolute
 * slack covers conversions of amounts beyond the float range.
 */
function floatError(steps: number, size: number): number {
  return (steps + 6) * FLOAT_UNIT * 8 * size + FLOAT_SLACK;
}

const FLOAT_UNIT = 2 ** -53;
const FLOAT_SLACK = 1e-250;

/** Sure bounds on an exact ρ (its float is within 3u). */
function boundOf(rho: Fraction): Bound {
  const float = toFloat(rho.n, rho.d);
  const error = floatError(0, float);
  return { lo: float - error, hi: float + error };
}

/** A bound's middle: a float close to its ρ, for guesses only. */
const middle = (bound: Bound): number => (bound.lo + bound.hi) / 2;

/** a ÷ b as a float, for guesses only: never decides anything. */
function ratio(a: number, b: number): number {
  return b > 0 ? a / b : Infinity;
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
  if (input.voters === 0) return { selected: [], projects: input.costs.map(() => ({ selected: false, round: null, payment: null, shares: 0 })), perVoterBudget: '0', runs: 0, replays: 0 };
  if (input.completion === 'none') {
    const run = runOnce(input, groups, BigInt(input.budget), BigInt(input.voters));
    return { selected: run.selected, projects: run.projects(), perVoterBudget: `${input.budget}/${input.voters}`, runs: 1, replays: 0 };
  }
  const supported = input.supporters.filter((s) => s.length > 0).length;
  const step = input.step ?? 1;
  let perVoter = Math.floor(input.budget / input.voters / step) * step;
  let base = runOnce(input, groups, BigInt(perVoter), 1n);
  let baseBudget = perVoter;
  let keptBudget = perVoter;
  let runs = 1;
  // Checking a stretch costs about one run: where stretches come out shorter than their checks
  // cost, checks are tried ever more rarely (plain steps in between), so Add1 never takes much
  // more than stepping does.
  let plainSteps = 0;
  let backoff = 1;
  // Likewise a replay that finds other rounds was a wasted run: after one, the next few plain
  // steps run in full (twice as many after each further miss), as where every share funds other rounds.
  let fullSteps = 0;
  let replayBackoff = 1;
  let replays = 0;
  let guess = 1;
  // n·floor(B/n) ≤ B, and MES never spends more than the voters hold, so the first run fits.
  while (base.selected.length < supported) {
    if (input.completion === 'add1-exhaustive' && isExhaustive(base, input)) break;
    /** After a stretch: whether the next share funds the same rounds (its check says); null after a plain step. */
    let nextSame: boolean | null = null;
    if (plainSteps > 0) plainSteps -= 1;
    else {
      // Raising the share one step at a time would fund what `base` funds for this whole stretch,
      // and each of those outcomes fits and goes on as `base` does: skip to its end.
      const stretch = longestStretch(input, groups, base, perVoter, step, guess);
      runs += stretch.checks;
      perVoter += stretch.steps * step;
      guess = stretch.nextGuess;
      nextSame = stretch.nextSame;
      if (stretch.steps < stretch.checks) {
        plainSteps = backoff;
        backoff *= 2;
      } else backoff = 1;
      // The check that proved the stretch played its last share: the next stretch starts there, on
      // that check's rounds, instead of replaying the share after it. (Unless that share is known to
      // fund other rounds: then only a full run there goes on.)
      // (Its rounds are base's, so the loop's conditions stand, and the next pass sets the kept share.)
      if (stretch.reached !== null && stretch.nextSame !== false) {
        base = stretch.reached;
        baseBudget = perVoter;
        continue;
      }
    }
    keptBudget = perVoter;
    perVoter += step;
    // Most steps fund what `base` did (a stretch ends where the check can no longer prove it, not
    // where the rounds change): a replay of its trace shows it at a fraction of a run's cost.
    let replayed: Run | null = null;
    if (nextSame !== null) {
      if (nextSame) {
        replayed = replayRun(input, groups, base, BigInt(perVoter), plainSteps === 0);
        runs += 1;
        replays += 1;
      }
    } else if (fullSteps > 0) fullSteps -= 1;
    else {
      replayed = replayRun(input, groups, base, BigInt(perVoter), plainSteps === 0);
      runs += 1;
      replays += 1;
      if (replayed !== null) replayBackoff = Math.max(1, replayBackoff / 2);
      else {
        fullSteps = replayBackoff;
        replayBackoff *= 2;
      }
    }
    // Traced only if the next step may check or replay on it: a step with both back-offs on does
    // neither, and uses them up together, so an untraced base is never asked for its trace.
    const next = replayed ?? runOnce(input, groups, BigInt(perVoter), 1n, plainSteps === 0 || fullSteps === 0);
    if (replayed === null) runs += 1;
    if (next.spent > input.budget) break;
    base = next;
    baseBudget = perVoter;
    keptBudget = perVoter;
  }
  // Payments depend on the share itself: the kept outcome is reported at the share it was kept at.
  // (A kept share other than base's is the end of a stretch, checked on base's trace.)
  let kept = base;
  if (keptBudget !== baseBudget) {
    const replayed = replayRun(input, groups, base, BigInt(keptBudget));
    kept = replayed ?? runOnce(input, groups, BigInt(keptBudget), 1n);
    runs += replayed === null ? 2 : 1;
    replays += 1;
  }
  return { selected: kept.selected, projects: kept.projects(), perVoterBudget: String(keptBudget), runs, replays };
}

/**
 * Nearly the most steps s such that every share from `perVoter` to perVoter + s·step funds the
 * same projects in the same rounds as `run`. A stretch that holds up to some share holds up to any
 * smaller one, so the answer is near the edge between shares that hold and shares that do not:
 * found from the guess by going to just before where a failing check's prices bend (past there
 * they are no longer straight lines), else by following the margins (which shrink towards the
 * edge) and, where they lead nowhere new, by halving the gap. The search stops once the gap is at
 * most the stretch found, or the prices bend right at its end: pinning the edge share by share
 * would cost more checks than a new stretch. `nextSame` is known only when the edge was pinned.
 */
function longestStretch(input: EqualSharesInput, groups: Groups, run: Run, perVoter: number, step: number, guess: number): Stretch {
  // A run replayed at this very share kept its rounds as it played them: no replay again for them.
  const share = BigInt(perVoter);
  const own = run.states?.share === share ? run.states.rounds : null;
  const low = own ?? RoundStates.of(input, groups, run, share);
  const found = searchStretch(input, groups, run, low, perVoter, step, guess);
  // The run's outcome reads its money from that replay, at the end of its rounds.
  own?.finish();
  return found;
}

interface Stretch {
  steps: number;
  checks: number;
  nextSame: boolean | null;
  /** The run at the stretch's last share, from the check that proved it (none when steps is 0). */
  reached: Run | null;
  /** How long a stretch to check next, from this one's end: a guess. */
  nextGuess: number;
}

function searchStretch(input: EqualSharesInput, groups: Groups, run: Run, low: RoundStates, perVoter: number, step: number, guess: number): Stretch {
  let checks = 0;
  let reached: Run | null = null;
  const check = (steps: number): Check => {
    checks += 1;
    const result = sameRounds(input, groups, run, low, BigInt(perVoter + steps * step), true);
    if (result.holds) reached = result.reached;
    return result;
  };
  // Known: shares up to `good` hold (margin mGood); `bad` does not (or is not found yet).
  let good = 0;
  let mGood = run.margin;
  let before = { at: 0, margin: run.margin };
  let bad = Infinity;
  let mBad = 0;
  /** Whether the share at `bad` alone funds the same rounds. */
  let badSame = false;
  let next = guess;
  let gap = Infinity;
  for (;;) {
    const result = check(next);
    // Where the failing stretch's prices first bend: shares short of it may pass as straight lines.
    const beforeBend = !result.holds && result.bend !== null ? Math.ceil(result.bend * next) - 1 : null;
    if (result.holds) {
      before = { at: good, margin: mGood };
      good = next;
      mGood = result.margin;
      // A stretch from its end is checked against closer prices, so it proves at least as much as
      // one from here: go on from there at once (the check played that share), aiming where the
      // search would have looked next. Not when a short stretch held far below a failed one: from
      // its end the next check would likely fail again where the margins said (where the same
      // shares fund other rounds at every step, that doubled the runs); the search goes on then.
      // (Budapest 2024: 4,268 runs stopping at every hold, 3,950 so, about as many at 2 ×.)
      if (bad - good > 1 && (bad === Infinity || bad - good <= 4 * good)) {
        const ahead = bad === Infinity ? extrapolate(before, good, mGood) : bad;
        return { steps: good, checks, nextSame: null, reached, nextGuess: Math.max(1, ahead - good) };
      }
    } else {
      bad = next;
      mBad = result.margin;
      badSame = result.highSame;
    }
    if (bad - good <= 1) return { steps: good, checks, nextSame: badSame, reached, nextGuess: Math.max(1, good) };
    // The prices bend right where the stretch that held ends: every longer one fails there, and
    // pinning the edge share by share would cost checks that a new stretch from here does not.
    if (beforeBend === good && good > 0) return { steps: good, checks, nextSame: null, reached, nextGuess: good };
    // Close enough: closing a gap no longer than the stretch found costs about as many checks as a
    // new stretch from its end (measured on Budapest 2024: 5,685 runs with half the stretch, 5,393 so).
    if (good > 0 && bad - good <= good) return { steps: good, checks, nextSame: null, reached, nextGuess: good };
    // Margins are only nearly linear: a guess that did not halve the gap is followed by the middle.
    const halved = bad - good <= gap / 2;
    if (beforeBend !== null && beforeBend > good && beforeBend < bad) next = beforeBend;
    else next = bad === Infinity ? extrapolate(before, good, mGood) : halved ? interpolate(good, mGood, bad, mBad) : Math.floor((good + bad) / 2);
    gap = bad - good;
  }
}

/** Nothing fails yet: follow the margin's fall from the last two shares that held, at most four times further. */
function extrapolate(before: { at: number; margin: number }, good: number, mGood: number): number {
  const far = Math.max(good + 1, good * 4);
  const fall = (before.margin - mGood) / (good - before.at);
  if (!(fall > 0) || !Number.isFinite(mGood)) return far;
  // A little past where the margin would reach zero, so that the next check likely brackets the edge.
  const edge = good + Math.ceil((mGood / fall) * 1.05) + 1;
  return Math.min(far, Math.max(good + 1, edge));
}

/**
 * Where the margin, taken as linear between the two sides, reaches zero, rounded down (so that
 * the guess likely holds and the one above it likely fails); where that leads nowhere new, the middle.
 */
function interpolate(good: number, mGood: number, bad: number, mBad: number): number {
  const mid = Math.floor((good + bad) / 2);
  if (!(mGood >= 0) || !Number.isFinite(mGood) || !(mBad <= 0) || mGood === mBad) return mid;
  const edge = Math.floor(good + ((bad - good) * mGood) / (mGood - mBad));
  if (edge <= good) return good + 1;
  if (edge >= bad) return bad - 1;
  return edge;
}

/** No unselected project (with supporters) fits the money left. */
function isExhaustive(run: Run, input: EqualSharesInput): boolean {
  const left = input.budget - run.spent;
  return input.costs.every((cost, c) => run.selected.includes(c) || input.supporters[c].length === 0 || cost > left);
}
