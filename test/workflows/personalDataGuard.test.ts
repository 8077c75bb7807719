/**
 * The guard that runs after every test must find personal data in the tabs an import writes, and
 * must not mistake the tool's own hex ids for it (a flaky failure otherwise: an import id is twelve
 * hex digits of a fingerprint, and about one in 300 is all digits, some of them phone-shaped).
 */
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { personalLeaks } from '../helpers/personalDataGuard';

/** A 제외 tab set in place, not written: the guard itself would flag this test's planted numbers. */
function setAside(source: string, reason: string): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  wb.tabs.set('제외', [
    ['단계', '조치', '가져오기', '파일', '원본 행', '투표자키', '사유'],
    ['가져오기', '제외', source, 'x.csv', '2', '', reason],
  ]);
  return wb;
}

test('an import id made of digits is not a phone number', () => {
  expect(personalLeaks(setAside('826104777615', '중복 투표'))).toEqual([]);
});

test('a phone number is found in the reason, and in the import column when it is not an id', () => {
  expect(personalLeaks(setAside('a3f0c2d19b7e', '010-1234-5678'))).toEqual(["제외!R2C7: phone '010-1234-5678'"]);
  expect(personalLeaks(setAside('010-1234-5678', '중복 투표'))).toEqual(["제외!R2C3: phone '010-1234-5678'"]);
});
