/** messageIn: the one splitter of `한국어 / English` messages (the sidebar's warnings, the notice's evidence). */
import fc from 'fast-check';
import { parsePabulib } from '../../src/io/pabulib';
import { messageIn } from '../../src/sheets/messages';
import { readPbMeta } from '../../src/workflows/pabulib';

describe('messageIn', () => {
  test('a plain bilingual message parts at its separator', () => {
    const message = '투표자 열이 없어 중복 투표를 확인할 수 없습니다 / No voter column: duplicate votes cannot be detected';
    expect(messageIn(message, 'ko')).toBe('투표자 열이 없어 중복 투표를 확인할 수 없습니다');
    expect(messageIn(message, 'en')).toBe('No voter column: duplicate votes cannot be detected');
  });

  test('no separator, or one language only: the message whole', () => {
    expect(messageIn('선택한 의제 없음', 'en')).toBe('선택한 의제 없음');
    expect(messageIn('no picks', 'ko')).toBe('no picks');
    // English alone, with ' / ' of its own: no Korean half to part from.
    expect(messageIn('votes 50 / committee 50', 'ko')).toBe('votes 50 / committee 50');
    expect(messageIn('', 'en')).toBe('');
  });

  test("' / ' inside a quoted value or a parenthesis of the Korean half is not the separator", () => {
    const quoted = "이미 가져온 파일 'A01 / A02.csv'입니다 / Already imported: 'A01 / A02.csv'";
    expect(messageIn(quoted, 'ko')).toBe("이미 가져온 파일 'A01 / A02.csv'입니다");
    expect(messageIn(quoted, 'en')).toBe("Already imported: 'A01 / A02.csv'");
    const bracketed = '채널 (온라인 / 현장) 집계 교체 / Totals of channels (online / booth) replaced';
    expect(messageIn(bracketed, 'ko')).toBe('채널 (온라인 / 현장) 집계 교체');
    expect(messageIn(bracketed, 'en')).toBe('Totals of channels (online / booth) replaced');
    const doubled = '의제 "놀이터 / 쉼터" 없음 / no agenda "놀이터 / 쉼터"';
    expect(messageIn(doubled, 'en')).toBe('no agenda "놀이터 / 쉼터"');
  });

  test("an apostrophe or a lone quote mark is no quote: the separator after it still parts the halves", () => {
    const lone = '3번째 줄에서 연 따옴표(")가 닫히지 않았습니다 / A quote (") opened on line 3 is never closed';
    expect(messageIn(lone, 'ko')).toBe('3번째 줄에서 연 따옴표(")가 닫히지 않았습니다');
    expect(messageIn(lone, 'en')).toBe('A quote (") opened on line 3 is never closed');
    // A quote left open in the Korean half: the first separator after Korean text.
    expect(messageIn("값 'O'Brien 확인 / value 'O'Brien checked", 'en')).toBe("value 'O'Brien checked");
  });

  test('the English half may name Korean tabs', () => {
    const message = '3개 셀이 잘렸습니다 (제외 탭에 기록) / 3 cells were cut (listed in 제외)';
    expect(messageIn(message, 'en')).toBe('3 cells were cut (listed in 제외)');
  });

  test('a real warning quoting a file’s own text with a separator in it (META rule)', () => {
    const pb = parsePabulib('META\nkey;value\nbudget;100\nrule;local / custom\nPROJECTS\nproject_id;cost\np1;10\nVOTES\nvoter_id;vote\n1;p1\n');
    const [w] = readPbMeta(pb).warnings;
    expect(w.code).toBe('pb_rule_approximated');
    expect(messageIn(w.message, 'ko')).toBe("META rule 'local / custom'은 지역 규칙이라 greedy로 개표했습니다");
    expect(messageIn(w.message, 'en')).toBe("META rule 'local / custom' is a local rule: tallied as greedy");
  });

  test('property: the same quoted value in both halves, whatever it holds, never moves the split', () => {
    // Values made of the pieces that could mislead a splitter: separators, brackets, spaces, Korean.
    const value = fc.array(fc.constantFrom(' / ', ' ', '/', '(', ')', '[', ']', 'A01', '주민', 'x', '-', '.', ','), { maxLength: 8 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(value, value, (a, b) => {
        const ko = `의제 '${a}'와 '${b}' 확인 필요`;
        const en = `agenda '${a}' and '${b}' to check`;
        expect([messageIn(`${ko} / ${en}`, 'ko'), messageIn(`${ko} / ${en}`, 'en')]).toEqual([ko, en]);
      }),
      { numRuns: 300 },
    );
  });
});
