import fc from 'fast-check';
import { checkBallots, type CandidateBallot } from '../../src/core/ballots';
import type { Agenda, Settings } from '../../src/core/types';
import { initWorkbook, importTable, runTally } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { testContext } from '../helpers/context';

// 종로 2021 in small: 2 per 분야 over 3 분야 (6 picks).
const FIELDS: Record<string, string> = { F1: '복지', F2: '복지', F3: '복지', E1: '환경', E2: '환경', C1: '문화', C2: '문화' };
const agendas: Agenda[] = Object.entries(FIELDS).map(([id, field], order) => ({ id, title: `제목 ${id}`, field, cost: 10, order, department: '' }));
const settings = (over: Partial<Settings> = {}): Settings => ({
  budget: 100,
  picks: 6,
  pickRule: 'up_to',
  invalidBallot: 'void',
  windowStart: null,
  windowEnd: null,
  rule: 'greedy',
  tieBreak: ['order'],
  seed: '',
  threshold: null,
  leftover: 'pool',
  overshoot: null,
  mesCompletion: 'add1',
  picksPerField: 2,
  ...over,
});
const ballot = (voterKey: string, choices: string[]): CandidateBallot => ({ voterKey, timeText: '', choices, channel: 'c', source: 's', row: 2 });
const options = { hasVoterColumn: true, hasTimeColumn: false };

describe('N picks per field (분야별 선택 수)', () => {
  it('voids a ballot with too many picks in a field, or keeps the first N of that field', () => {
    const three = ballot('a', ['F1', 'E1', 'F2', 'F3', 'C1']);
    const voided = checkBallots([three], agendas, settings(), options);
    expect(voided.accepted).toHaveLength(0);
    expect(voided.setAside[0].problems).toEqual([{ code: 'over_field', detail: { field: '복지', picks: 3, limit: 2, dropped: 'F3' } }]);
    const kept = checkBallots([three], agendas, settings({ invalidBallot: 'keep_first' }), options);
    expect(kept.accepted[0].picks).toEqual(['F1', 'E1', 'F2', 'C1']);
    expect(kept.trimmed[0].problems[0].code).toBe('over_field');
  });

  it('with 정확히, requires exactly N in every field', () => {
    const exact = settings({ pickRule: 'exactly', invalidBallot: 'keep_first' });
    const full = ballot('a', ['F1', 'F2', 'E1', 'E2', 'C1', 'C2']);
    const short = ballot('b', ['F1', 'F2', 'E1', 'E2', 'C1', 'F3']);
    const r = checkBallots([full, short], agendas, exact, options);
    expect(r.accepted.map((b) => b.voterKey)).toEqual(['a']);
    expect(r.setAside[0].problems.map((p) => p.code)).toEqual(['over_field', 'under_field', 'under_vote']);
    expect(r.setAside[0].problems[1]).toEqual({ code: 'under_field', detail: { field: '문화', picks: 1, required: 2 } });
  });

  it('property: every ballot is counted or set aside once, and no counted ballot has more than N in a field', () => {
    const choice = fc.constantFrom(...Object.keys(FIELDS), 'X9', '제목 F1', '');
    fc.assert(
      fc.property(
        fc.array(fc.array(choice, { maxLength: 8 }), { maxLength: 30 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom<Settings['invalidBallot']>('void', 'keep_first'),
        fc.constantFrom<Settings['pickRule']>('up_to', 'exactly'),
        (choices, perField, invalidBallot, pickRule) => {
          const candidates = choices.map((c, i) => ({ ...ballot(`k${i}`, c), row: i + 2 }));
          const s = settings({ picksPerField: perField, picks: 3 * perField, invalidBallot, pickRule });
          const r = checkBallots(candidates, agendas, s, options);
          expect(r.accepted.length + r.setAside.length).toBe(candidates.length);
          expect(new Set([...r.accepted.map((b) => b.row), ...r.setAside.map((x) => x.ballot.row)]).size).toBe(candidates.length);
          for (const b of r.accepted) {
            const perFieldCount = new Map<string, number>();
            for (const id of b.picks) perFieldCount.set(FIELDS[id], (perFieldCount.get(FIELDS[id]) ?? 0) + 1);
            for (const n of perFieldCount.values()) expect(n).toBeLessThanOrEqual(perField);
            // Under 정확히 every field has exactly N (so with N = 3 nothing passes: 환경 has 2 agendas).
            if (pickRule === 'exactly') for (const field of new Set(Object.values(FIELDS))) expect(perFieldCount.get(field)).toBe(perField);
            // A counted pick was written on the ballot, in the order written.
            const written = candidates[b.row - 2].choices.map((c) => (c === '제목 F1' ? 'F1' : c));
            expect(b.picks.every((id) => written.includes(id))).toBe(true);
            expect([...b.picks].sort((x, y) => written.indexOf(x) - written.indexOf(y))).toEqual(b.picks);
          }
          if (invalidBallot === 'void') {
            for (const b of r.accepted) expect(r.trimmed.some((t) => t.ballot === b)).toBe(false);
          }
        },
      ),
    );
  });
});

describe('분야별 선택 수 from the 설정 tab', () => {
  it('is read, applied at import and at tally, and recorded in 이력', () => {
    const wb = new MemoryWorkbook();
    const ctx = testContext();
    initWorkbook(wb, ctx);
    wb.writeTab('설정', [['항목', '값'], ['총예산', '100'], ['선택 수', '4'], ['분야별 선택 수', '2'], ['규칙 위반 투표', '앞에서 N개']]);
    wb.writeTab('의제', [['번호', '의제명', '분야', '사업비'], ...agendas.map((a) => [a.id, a.title, a.field, '10'])]);
    const report = importTable(wb, ctx, { fileName: 'v.csv', encoding: 'utf-8', rows: [['voter', 'choices'], ['a', 'F1, F2, F3, E1'], ['b', 'E1, C1']] });
    expect(report.trimmed).toBe(1);
    expect(String((wb.readTab('제외') ?? [])[1][6])).toBe('분야 선택 초과: 복지 3개 (분야별 최대 2개, 제외: F3)');
    const r = runTally(wb, ctx);
    expect(Object.fromEntries(r.agendas.map((a) => [a.id, a.votes]))).toMatchObject({ F1: 1, F2: 1, F3: 0, E1: 2, C1: 1 });
    const audit = wb.readTab('이력') ?? [];
    expect(JSON.parse(String(audit[audit.length - 1][5])).picksPerField).toBe(2);
  });
});
