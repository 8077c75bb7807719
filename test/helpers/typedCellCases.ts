/**
 * The generated votes of the typed-cells properties (issue 14), shared by the Sheets one
 * (test/gas/typedCells.property.test.ts) and the Excel one (test/node/typedCells.property.test.ts):
 * each host types the case's 설정 / 의제 its own way; the export and what must not change are these.
 */
import fc from 'fast-check';
import type { runTally } from '../../src/workflows';

export interface TypedCase {
  budget: number;
  picks: number;
  /** Voting window ends: [day of July 2020, hour] (hour 0 = a date typed alone). */
  start: [number, number];
  end: [number, number];
  /** Sheets only: dates typed the Korean way (`2020. 7. 13.`). */
  korean: boolean;
  overshoot: number | null;
  threshold: number | null;
  ids: number[];
  costs: number[];
  ballots: { day: number; hour: number; picks: number[] }[];
}

export const typedCaseArb: fc.Arbitrary<TypedCase> = fc.record({
  budget: fc.integer({ min: 1, max: 30 }).map((n) => n * 10_000_000),
  picks: fc.integer({ min: 1, max: 3 }),
  start: fc.tuple(fc.integer({ min: 6, max: 8 }), fc.constantFrom(0, 9)),
  end: fc.tuple(fc.integer({ min: 8, max: 10 }), fc.constantFrom(0, 18)),
  korean: fc.boolean(),
  overshoot: fc.option(fc.integer({ min: 1, max: 100 }), { nil: null }),
  threshold: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
  ids: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 2, maxLength: 5 }),
  costs: fc.array(fc.integer({ min: 1, max: 20 }).map((n) => n * 5_000_000), { minLength: 5, maxLength: 5 }),
  ballots: fc.array(fc.record({ day: fc.integer({ min: 5, max: 11 }), hour: fc.integer({ min: 0, max: 23 }), picks: fc.array(fc.nat(4), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 25 }),
});

export const pad = (n: number): string => String(n).padStart(2, '0');

/** The export: ballots naming agendas as `01`, `02` … (what the voting site prints). */
export function typedCaseExport(c: TypedCase): string[][] {
  return [
    ['투표자', '투표일시', '선택'],
    ...c.ballots.map((b, i) => [`010-7000-${String(i).padStart(4, '0')}`, `2020-07-${pad(b.day)} ${pad(b.hour)}:30:00`, b.picks.map((p) => pad(c.ids[p % c.ids.length])).join(',')]),
  ];
}

/** What must not depend on how the cells were typed (ids compared as numbers: `01` and 1 are one agenda). */
export function typedCaseOutcome(json: ReturnType<typeof runTally>): unknown {
  return {
    validBallots: json.validBallots,
    budget: json.budget,
    spent: json.spent,
    threshold: json.threshold,
    overshoot: json.overshoot,
    agendas: json.agendas.map((a) => [Number(a.id), a.votes, a.status, a.cost]),
    warnings: json.warnings.map((w) => w.code),
  };
}
