/**
 * The built-in example's budget plans: the review numbers are recomputed here from the example's
 * own line amounts with this file's arithmetic (categories by code prefix, the 2020 example
 * limits), never copied from the checker's output. The saved .xlsx is read back with ExcelJS to
 * see the failing cells filled.
 */
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parseAmount } from '../../src/core/amount';
import { runDemo, type DemoRun } from '../../src/node/demo';
import { AGENDAS, EXECUTION, PLAN_LINES } from '../../src/node/example';
import { testContext } from '../helpers/context';
import { tempFolder } from '../helpers/tempFolder';

const out = path.join(tempFolder('plans'), 'example.xlsx');
let demo: DemoRun;

beforeAll(async () => {
  demo = await runDemo(out, testContext());
});

const isFacility = (code: string) => code.startsWith('401-');
const isPrivate = (code: string) => ['307-02', '307-04', '307-05'].includes(code) || code.startsWith('402-');
const total = (id: string, pick: (code: string) => boolean = () => true) =>
  PLAN_LINES.filter((l) => l.agenda === id && pick(l.code)).reduce((n, l) => n + l.amount, 0);

test('every amount as typed reads as the won the example means', () => {
  for (const line of PLAN_LINES) expect(parseAmount(line.amountText)).toEqual({ ok: true, value: line.amount });
});

test('plans exist exactly for the selected agendas, in the tally order', () => {
  expect(demo.tally.selected).toEqual(['A03', 'A01', 'A07', 'A05', 'A02', 'A06']);
  expect(demo.plans.projects.map((p) => p.id)).toEqual(['A03', 'A01', 'A07', 'A05', 'A02', 'A06']);
  for (const p of demo.plans.projects) expect(p.total).toBe(total(p.id));
  expect(demo.plans.plans).toEqual([expect.objectContaining({ year: 2020, total: PLAN_LINES.reduce((n, l) => n + l.amount, 0), projects: 6 })]);
});

test('facility (시설비 ≤ 50%) and private-transfer (민간이전 ≤ 70%) shares, exactly', () => {
  for (const p of demo.plans.projects) {
    const base = total(p.id);
    const facility = total(p.id, isFacility);
    const priv = total(p.id, isPrivate);
    const f = p.checks.find((c) => c.rule === 'max_share' && c.category === '시설비');
    const m = p.checks.find((c) => c.rule === 'max_share' && c.category === '민간이전');
    // Over the cap by amount − floor(limit × base); within when amount ≤ limit × base.
    const facilityExcess = facility * 2 > base ? facility - Math.floor(base / 2) : 0;
    const privateExcess = priv * 10 > base * 7 ? priv - Math.floor((base * 7) / 10) : 0;
    expect(f).toMatchObject({ amount: facility, baseAmount: base, limit: 0.5, excess: facilityExcess, status: facilityExcess > 0 ? 'fail' : 'pass', example: true });
    expect(m).toMatchObject({ amount: priv, baseAmount: base, limit: 0.7, excess: privateExcess, status: privateExcess > 0 ? 'fail' : 'pass' });
    expect(f?.actual).toBeCloseTo(facility / base, 6);
    expect(m?.actual).toBeCloseTo(priv / base, 6);
  }
  const failing = demo.plans.projects.flatMap((p) => p.checks.filter((c) => c.status === 'fail').map((c) => [p.id, c.category, c.excess]));
  expect(failing).toEqual([
    ['A01', '시설비', 72_000_000 - 60_000_000],
    ['A07', '민간이전', 75_000_000 - 66_500_000],
  ]);
});

test('plan total against the voted cost: only A06 is beyond 5%', () => {
  for (const p of demo.plans.projects) {
    const cost = AGENDAS.find((a) => a.id === p.id)!.cost;
    const beyond = Math.abs(p.total - cost) * 100 > cost * 5;
    expect(p.checks.find((c) => c.rule === 'agenda_cost')).toMatchObject({ actual: p.total, limit: cost, status: beyond ? 'warning' : 'pass' });
  }
  expect(demo.plans.projects.filter((p) => p.checks.some((c) => c.rule === 'agenda_cost' && c.status === 'warning')).map((p) => p.id)).toEqual(['A06']);
});

test('execution per field and overall: one carried over, one partly unused, and it adds up', () => {
  const fieldOf = (id: string) => AGENDAS.find((a) => a.id === id)!.field;
  const open = (e: (typeof EXECUTION)[number]) => e.granted - e.executed - e.carriedOver - e.unused;
  const sumBy = (rows: typeof EXECUTION) => ({
    granted: rows.reduce((n, e) => n + e.granted, 0),
    executed: rows.reduce((n, e) => n + e.executed, 0),
    carriedOver: rows.reduce((n, e) => n + e.carriedOver, 0),
    unused: rows.reduce((n, e) => n + e.unused, 0),
    open: rows.reduce((n, e) => n + open(e), 0),
  });
  expect(demo.plans.execution).toMatchObject({ ...sumBy(EXECUTION), balanced: true });
  expect(demo.plans.execution.carriedOver).toBe(70_000_000);
  expect(demo.plans.execution.unused).toBe(7_000_000);
  const fields = [...new Set(EXECUTION.map((e) => fieldOf(e.agenda)))];
  expect(demo.plans.execution.fields).toEqual(fields.map((field) => ({ field, ...sumBy(EXECUTION.filter((e) => fieldOf(e.agenda) === field)) })));
  expect(demo.plans.execution.projects.filter((p) => p.status === 'carried_over_explicit').map((p) => p.id)).toEqual(['A05']);
  expect(demo.plans.execution.projects.every((p) => p.result === 'pass')).toBe(true);
});

test('the saved 검토 tab fills the failing cells red and the warning yellow, nothing else', async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  const ws = book.getWorksheet('검토')!;
  const filled: [number, number, string][] = [];
  ws.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      if (fill?.type === 'pattern' && fill.fgColor?.argb) filled.push([r, c, fill.fgColor.argb]);
    }),
  );
  const rowOf = (text: string) => {
    let found = -1;
    ws.eachRow((row, r) => {
      if ((row.values as unknown[]).includes(text)) found = r;
    });
    return found;
  };
  const a01 = rowOf('시설비 60.0% > 50% (12,000,000원 초과) [예시 규칙]');
  const a07 = rowOf('민간이전 78.9% > 70% (8,500,000원 초과) [예시 규칙]');
  const a06 = rowOf('사업 합계 55,000,000원 ≠ 의제 사업비 60,000,000원 (차이 -5,000,000원)');
  expect(Math.min(a01, a07, a06)).toBeGreaterThan(0);
  expect(filled).toEqual(
    [a01, a07, a06].flatMap((r) => [8, 11, 12].map((c): [number, number, string] => [r, c, r === a06 ? 'FFFCE8B2' : 'FFF4C7C3'])).sort((x, y) => x[0] - y[0] || x[1] - y[1]),
  );
  expect(ws.getRow(a01).getCell(11).value).toBe('실패');
});
