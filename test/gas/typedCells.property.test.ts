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
import { pad, typedCaseArb, typedCaseExport, typedCaseOutcome, type TypedCase } from '../helpers/typedCellCases';
import { createFakeGas, installFakeGas } from './fakeSpreadsheetApp';

/** 설정 and 의제 as typed: a date in ISO or Korean form (typed only: the text form is the canonical one). */
function tables(c: TypedCase, typed: boolean): { settings: string[][]; agendas: string[][] } {
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

function tallied(c: TypedCase, typed: boolean): { outcome: unknown; converted: boolean } {
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
    importTable(wb, ctx, { fileName: 'export.csv', encoding: 'utf-8', rows: typedCaseExport(c) });
    return { outcome: typedCaseOutcome(runTally(wb, ctx)), converted: typeof agendaTab.get(2, 1) === 'number' };
  } finally {
    uninstall();
  }
}

test('any 설정 / 의제 typed into Google Sheets tallies as the same tables kept as text', () => {
  fc.assert(
    fc.property(typedCaseArb, (c) => {
      const text = tallied(c, false);
      const typed = tallied(c, true);
      // Sheets did convert what was typed (the property would be vacuous otherwise).
      expect([text.converted, typed.converted]).toEqual([false, true]);
      expect(typed.outcome).toEqual(text.outcome);
    }),
    { numRuns: 25, seed: 20260714 },
  );
});
