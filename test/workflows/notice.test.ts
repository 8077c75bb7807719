/**
 * The notice reads set-aside reasons back from the 제외 tab's texts: every reason this version
 * writes, in either language, is recognised as its code, and a hand-typed note is not.
 */
import { describeProblem, problemCodeOf } from '../../src/sheets/messages';
import type { Problem } from '../../src/core/types';
import { noticeDay, votingPeriod } from '../../src/report/notice';
import { importTable, initWorkbook } from '../../src/workflows';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { buildReport } from '../../src/workflows/report';
import { testContext } from '../helpers/context';

const PROBLEMS: Problem[] = [
  { code: 'no_voter', detail: {} },
  { code: 'bad_timestamp', detail: { time: '어제 저녁' } },
  { code: 'outside_window', detail: { time: '2020-07-05 18:11:54' } },
  { code: 'unknown_agenda', detail: { choice: '=HYPERLINK("x")' } },
  { code: 'duplicate_pick', detail: { agenda: 'A01' } },
  { code: 'duplicate_voter', detail: { first: 'earlier import' } },
  { code: 'duplicate_voter', detail: { first: 'af939ccfebba row 2' } },
  { code: 'over_vote', detail: { picks: 4, limit: 3, dropped: 'A05' } },
  { code: 'over_vote', detail: { picks: 4, limit: 3 } },
  { code: 'over_field', detail: { field: '환경', picks: 3, limit: 2, dropped: 'A04' } },
  { code: 'under_field', detail: { field: '환경', picks: 1, required: 2 } },
  { code: 'under_vote', detail: { picks: 2, required: 3 } },
  { code: 'no_picks', detail: {} },
  { code: 'bad_row', detail: { cells: 9, header: 8 } },
  { code: 'bad_votes', detail: { votes: '많음' } },
] as Problem[];

describe('problemCodeOf', () => {
  test.each(PROBLEMS.flatMap((p) => (['ko', 'en'] as const).map((language) => [p.code, language, describeProblem(p, language)])))(
    '%s (%s) is read back from "%s"',
    (code, _language, text) => {
      expect(problemCodeOf(text)).toBe(code);
      // Several reasons in one cell: the first one counts.
      expect(problemCodeOf(`${text}; 선택한 의제 없음`)).toBe(code);
    },
  );

  test('a text this version did not write is no code', () => {
    expect(problemCodeOf('담당자 확인 후 제외')).toBeNull();
    expect(problemCodeOf('')).toBeNull();
  });
});

describe('notice dates', () => {
  test('a voting period reads as Korean documents write it, times only when not whole days', () => {
    const at = (text: string): number => Date.parse(`${text}+09:00`);
    expect(votingPeriod(at('2020-07-06T00:00:00'), at('2020-07-13T23:59:59'), 'ko')).toBe('2020. 7. 6.(월) ~ 7. 13.(월)');
    expect(votingPeriod(at('2020-07-06T09:00:00'), at('2020-07-13T18:00:00'), 'ko')).toBe('2020. 7. 6.(월) 09:00 ~ 7. 13.(월) 18:00');
    expect(votingPeriod(at('2020-12-28T00:00:00'), at('2021-01-05T23:59:59'), 'ko')).toBe('2020. 12. 28.(월) ~ 2021. 1. 5.(화)');
    expect(votingPeriod(at('2020-07-06T00:00:00'), at('2020-07-13T23:59:59'), 'en')).toBe('Mon 6 Jul 2020 ~ Mon 13 Jul');
    expect(noticeDay(at('2020-07-14T00:30:00'), 'ko')).toBe('2020. 7. 14.(화)');
  });
});

describe('the notice on other rules', () => {
  function book(settings: string[][]): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    const ctx = testContext();
    initWorkbook(wb, ctx);
    wb.writeTab('설정', [['항목', '값'], ['총예산', '1억'], ['선택 수', '2'], ['투표명', '시범 투표'], ...settings]);
    wb.writeTab('분야', [['분야', '예산'], ['환경', '6천만'], ['안전', '4천만']]);
    wb.writeTab('의제', [['번호', '의제명', '분야', '사업비'], ['A01', '숲길', '환경', '5천만'], ['A02', '가로등', '안전', '3천만'], ['A03', '화단', '환경', '4천만'], ['A04', 'CCTV', '안전', '2천만']]);
    wb.writeTab('조정', [['의제', '결정', '사유'], ['A04', '제외', '다른 사업과 중복']]);
    const rows = [['투표자', '선택'], ...Array.from({ length: 40 }, (_, i) => [`v${i}`, ['A01, A02', 'A01, A03', 'A02, A04', 'A03'][i % 4]])];
    importTable(wb, ctx, { fileName: 'votes.csv', encoding: 'utf-8', rows });
    return wb;
  }

  test('field budgets without pooling and a committee exclusion are worded as such, no internal labels', () => {
    const page = buildReport(book([['분야 잔액', '미집행']]), testContext());
    expect(page).toContain('<h1 data-field="title">시범 투표 결과 공고</h1>');
    expect(page).toContain('분야별 예산(환경 6,000만원, 안전 4,000만원) 안에서만 선정하고, 분야에서 남은 금액은 집행하지 않음');
    expect(page).toMatch(/data-id="A04" data-status="excluded_override"[\s\S]*?미선정 \(위원회 조정\)/);
    expect(page).toContain('A04 제외 — 다른 사업과 중복');
    expect(page).not.toMatch(/보류|경보|greedy/);
  });

  test('the Method of Equal Shares is explained in words', () => {
    const page = buildReport(book([['선정 방식', 'mes'], ['MES 보완', 'none']]), testContext());
    expect(page).toContain('균등 배분 방식(MES): 예산을 투표자 모두에게 똑같이 나누고');
    expect(page).not.toContain('1원씩 올려');
    expect(page).not.toMatch(/보류|경보|mes:/);
  });
});
