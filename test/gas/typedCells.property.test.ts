/**
 * Property (issue 14), in Google Sheets: any 설정 / 의제 table typed by a person into General cells —
 * which the strict fake converts as the Sheets UI does (`2020-07-13` and `2020. 7. 13.` dates,
 * `2020-07-13 09:00` a date-time, `80%` 0.8 with a percent format, `01` the number 1, `100,000,000`
 * a number with `#,##0`) — tallies exactly as the same table kept as text in plain-text (`@`) cells.
 */
import fc from 'fast-check';
import { gasContext } from '../../src/gas/context';
import { SheetsWorkbook } from '../../src/gas/sheetsWorkbook';
import { importTable, runTally } from '../../src/workflows';
import { createFakeGas, installFakeGas } from './fakeSpreadsheetApp';

interface Case {
  budget: number;
  picks: number;
  start: [number, number];
  end: [number, number];
  korean: boolean;
  overshoot: number | null;
  threshold: number | null;
  ids: number[];
  costs: number[];
  ballots: { day: number; hour: number; picks: number[] }[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
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

const pad = (n: number): string => String(n).padStart(2, '0');

/** 설정 and 의제 as typed: a date in ISO or Korean form (typed only: the text form is the canonical one). */
function tables(c: Case, typed: boolean): { settings: string[][]; agendas: string[][] } {
  const date = ([d, h]: [number, number]): string => {
    const time = h === 0 ? '' : ` ${pad(h)}:00`;
    return typed && c.korean && h === 0 ? `2020. 7. ${d}.` : `2020-07-${pad(d)}${time}`;
  };
  const settings = [
    ['총예산', c.budget.toLocaleString('en-US')],
    ['선택 수', String(c.picks)],
    ['투표 시작', date(c.start)],
    ['투표 종료', date(c.end)],
    ['동점 처리', '낮은 사업비'],
  ];
  if (c.overshoot !== null) settings.push(['초과 허용', `${c.overshoot}%`]);
  if (c.threshold !== null) settings.push(['최소 득표', `${c.threshold}%`]);
  const agendas = c.ids.map((id, i) => [pad(id), `의제 ${id}`, '', c.costs[i].toLocaleString('en-US')]);
  return { settings, agendas };
}

function exportRows(c: Case): string[][] {
  return [
    ['투표자', '투표일시', '선택'],
    ...c.ballots.map((b, i) => [`010-7000-${String(i).padStart(4, '0')}`, `2020-07-${pad(b.day)} ${pad(b.hour)}:30:00`, b.picks.map((p) => pad(c.ids[p % c.ids.length])).join(',')]),
  ];
}

function outcome(json: ReturnType<typeof runTally>): unknown {
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

function tallied(c: Case, typed: boolean): { outcome: unknown; converted: boolean } {
  const fake = createFakeGas();
  const uninstall = installFakeGas(fake);
  try {
    const { settings, agendas } = tables(c, typed);
    const asText = (rows: string[][]) => (typed ? undefined : rows.map((row) => row.map(() => '@')));
    const settingRows = [['항목', '값'], ...settings];
    const agendaRows = [['번호', '의제명', '분야', '사업비'], ...agendas];
    fake.spreadsheet.typeIn('설정', settingRows, asText(settingRows));
    const agendaTab = fake.spreadsheet.typeIn('의제', agendaRows, asText(agendaRows));
    const wb = new SheetsWorkbook();
    const ctx = gasContext('ko');
    importTable(wb, ctx, { fileName: 'export.csv', encoding: 'utf-8', rows: exportRows(c) });
    return { outcome: outcome(runTally(wb, ctx)), converted: typeof agendaTab.get(2, 1) === 'number' };
  } finally {
    uninstall();
  }
}

test('any 설정 / 의제 typed into Google Sheets tallies as the same tables kept as text', () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const text = tallied(c, false);
      const typed = tallied(c, true);
      // Sheets did convert what was typed (the property would be vacuous otherwise).
      expect([text.converted, typed.converted]).toEqual([false, true]);
      expect(typed.outcome).toEqual(text.outcome);
    }),
    { numRuns: 25, seed: 20260714 },
  );
});
