/**
 * The notice reads set-aside reasons back from the 제외 tab's texts: every reason this version
 * writes, in either language, is recognised as its code, and a hand-typed note is not.
 */
import { describeProblem, problemCodeOf } from '../../src/sheets/messages';
import type { Problem } from '../../src/core/types';
import { noticeDay, votingPeriod } from '../../src/report/notice';

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
