/**
 * One person, one key: every spelling of a Korean phone number is one canonical number, values
 * that are not phone numbers are only trimmed (and case folded, as they always were), and the keys
 * of values that were canonical already do not change.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { canonicalVoterIdentifier, looksLikeMobileNumber, personalKindOf, shapeOf } from '../../src/core/identity';
import { voterKey, voterKeyHasher } from '../../src/core/hash';

/** The canonical form before this module existed (src/core/hash.ts until issue 15), to compare with. */
function previousCanonical(raw: string): string {
  const trimmed = raw.normalize('NFKC').trim();
  if (/^\+?[\d\s().-]{7,}$/.test(trimmed)) {
    let digits = trimmed.replace(/\D/g, '');
    if (trimmed.startsWith('+82') || (digits.startsWith('82') && digits.length >= 11 && digits[2] === '1')) digits = '0' + digits.slice(2);
    if (/^1[016789]\d{7,8}$/.test(digits)) digits = '0' + digits;
    return digits;
  }
  return trimmed.toLowerCase();
}

test('every spelling from the issue of 010-1000-5000 is one voter', () => {
  const spellings = [
    '010-1000-5000', '+82-010-1000-5000', '+82 (0)10-1000-5000', '0082-10-1000-5000', '010–1000–5000', '010ㅡ1000ㅡ5000',
    '010_1000_5000', '010/1000/5000', 'tel:010-1000-5000', '010-1000-5000\u200b', '010 1000 5000', '010.1000.5000',
    '０１０－１０００－５０００', '+82 10 1000 5000', '82-10-1000-5000', '82-010-1000-5000', 'TEL: +82 10-1000-5000', '\u00a0010-1000-5000\u00a0',
    '010—1000—5000', '010−1000−5000', '(010) 1000-5000', '1010005000', '\ufeff01010005000',
  ];
  const keys = new Set(spellings.map((s) => voterKey(s, 'salt')));
  expect([...new Set(spellings.map(canonicalVoterIdentifier))]).toEqual(['01010005000']);
  expect(keys.size).toBe(1);
  expect(voterKey('010-1000-5001', 'salt')).not.toBe([...keys][0]);
});

const digitsOf = (n: number): fc.Arbitrary<string> => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** A Korean number as its national groups: mobile (010, 011, 016–019) or Seoul (02). */
const koreanNumber = fc.oneof(
  fc.tuple(fc.constantFrom('010', '011', '016', '017', '018', '019'), fc.oneof(digitsOf(3), digitsOf(4)), digitsOf(4)),
  fc.tuple(fc.constant('02'), fc.oneof(digitsOf(3), digitsOf(4)), digitsOf(4)),
);
const separator = fc.constantFrom('', '-', ' ', '.', '_', '/', '–', '—', '‐', '−', 'ㅡ', '－', '\u00a0', '\u3000', ' - ');
const prefix = fc.constantFrom('national', '+82', '+82 (0)', '+82-0', '0082', '0082 ', '82', '82-0', 'tel:', 'tel:+82 ');
const padding = fc.constantFrom('', ' ', '\u200b', '\u00a0', '\ufeff', '\u2060', '\t');
const fullWidth = (text: string): string => text.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));

test('generated spellings of one number give one key, its national form', () => {
  const hash = voterKeyHasher('a salt');
  fc.assert(
    fc.property(koreanNumber, prefix, separator, separator, padding, padding, fc.boolean(), ([area, middle, last], how, sep1, sep2, before, after, wide) => {
      const national = `${area}${middle}${last}`;
      const withoutZero = area.slice(1);
      const head = how === 'national' ? area : how === 'tel:' ? `tel:${area}` : how.endsWith('(0)') || how.endsWith('-0') ? `${how}${withoutZero}` : `${how}${sep1 === '' ? '' : sep1}${withoutZero}`;
      let spelled = `${before}${head}${sep1}${middle}${sep2}${last}${after}`;
      if (wide) spelled = fullWidth(spelled);
      expect(canonicalVoterIdentifier(spelled)).toBe(national);
      expect(hash(spelled)).toBe(hash(national));
      expect(looksLikeMobileNumber(spelled)).toBe(area.startsWith('01'));
    }),
    { numRuns: 2000 },
  );
});

test('values that are not phone numbers are only trimmed (and case folded, as before)', () => {
  const word = fc.oneof(
    fc.string({ unit: fc.constantFrom(...'abcXYZ가나다김이박 ·@#'), minLength: 1, maxLength: 12 }),
    fc.stringMatching(/^[A-Za-z]{1,3}-?\d{1,6}$/),
    fc.emailAddress(),
    fc.string({ unit: 'grapheme', maxLength: 8 }),
  );
  fc.assert(
    fc.property(word, fc.constantFrom('', ' ', '  ', '\t'), fc.constantFrom('', ' ', '\n'), (value, before, after) => {
      const plain = value.normalize('NFKC').trim();
      // Excluded: what is phone-like (digits and separators) and the characters the canonical form unifies.
      fc.pre(!/^\+?[\d\s().\-_/\\·\u2010-\u2015\u2212\u30fc\u4e00\u1173\u3161\u02d7\u2043\ufe58\ufe63\u30fb]{7,}$/.test(plain));
      fc.pre(!/[\u2010-\u2015\u2212\u2043\u02d7\ufe58\ufe63\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e]/.test(plain) && !/^(tel|mailto):/i.test(plain));
      expect(canonicalVoterIdentifier(`${before}${value}${after}`)).toBe(plain.toLowerCase());
    }),
    { numRuns: 2000 },
  );
  expect(canonicalVoterIdentifier('  Kim.Minsu@Example.COM ')).toBe('kim.minsu@example.com');
  expect(canonicalVoterIdentifier('mailto:kim@example.com')).toBe('kim@example.com');
  expect(canonicalVoterIdentifier('M–00123')).toBe(canonicalVoterIdentifier('m-00123'));
  expect(canonicalVoterIdentifier('홍길동')).toBe('홍길동');
});

test('keys of values that were canonical already do not change', () => {
  const plainKey = (text: string, salt: string): string => 'v' + createHmac('sha256', salt).update(text, 'utf8').digest('hex').slice(0, 31);
  // The benchmark's voters (010-dddd-dddd) and their digits keep the keys they always had.
  expect(voterKey('010-1234-5678', 's')).toBe(plainKey('01012345678', 's'));
  expect(voterKey('01012345678', 's')).toBe(plainKey('01012345678', 's'));
  const canonicalBefore = fc.oneof(
    digitsOf(11).map((d) => `010${d.slice(3)}`),
    fc.integer({ min: 7, max: 15 }).chain(digitsOf).filter((d) => !d.startsWith('82') && !d.startsWith('0082')),
    fc.string({ unit: fc.constantFrom(...'abcxyz가나다김 ·@._-0123456789'), minLength: 1, maxLength: 14 }),
    fc.emailAddress(),
  );
  fc.assert(
    fc.property(canonicalBefore, (value) => {
      fc.pre(previousCanonical(value) === value);
      // Digits with the separators only the new form knows (_, /, ·) are phone-like now: meant to change.
      fc.pre(!/^[\d\s().\-_/·]{7,}$/.test(value) || /^\d+$/.test(value));
      expect(canonicalVoterIdentifier(value)).toBe(value);
    }),
    { numRuns: 3000 },
  );
  // And spellings the old form already caught still give what it gave.
  fc.assert(
    fc.property(koreanNumber, fc.constantFrom('', '-', ' ', '.'), ([a, b, c], sep) => {
      const spelled = `${a}${sep}${b}${sep}${c}`;
      expect(canonicalVoterIdentifier(spelled)).toBe(previousCanonical(spelled));
    }),
  );
});

test('cells are told apart as personal data by what they look like', () => {
  const cases: [string, ReturnType<typeof personalKindOf>][] = [
    ['010-3000-0002', 'phone'], ['+82 10 3000 0002', 'phone'], ['02-123-4567', 'phone'], ['1030000002', 'phone'], ['031-234-5678', 'phone'],
    ['kim@example.com', 'email'], ['KIM@EXAMPLE.CO.KR', 'email'],
    ['900101-1234567', 'residentNumber'], ['9001011234567', 'residentNumber'], ['900101-1******', 'residentNumber'],
    ['192.168.0.1', 'ipAddress'], ['2001:db8::1', 'ipAddress'], ['fe80:0:0:0:200:f8ff:fe21:67cf', 'ipAddress'],
    // Not personal: what ballot exports are otherwise made of.
    ['2024-05-03 10:21', null], ['2024-05-03', null], ['10:00:00', null], ['A01', null], ['1,234', null], ['12', null], ['청년 공간', null],
    ['45413.4166666667', null], ['1990-01-01', null], ['역삼1동', null], ['50대', null], ['', null], ['@home', null], ['16000000', null],
  ];
  for (const [cell, kind] of cases) expect([cell, personalKindOf(cell)]).toEqual([cell, kind]);
});

test('a shape shows what kind of value a cell holds, never the value', () => {
  expect(shapeOf('010-3000-0002')).toBe('000-0000-0000');
  expect(shapeOf('홍길동')).toBe('가가가');
  expect(shapeOf('Kim@x.com')).toBe('aaa@a.aaa');
  expect(shapeOf('')).toBe('(빈 칸/blank)');
  expect(shapeOf('가'.repeat(30))).toBe(`${'가'.repeat(24)}…(30)`);
});
