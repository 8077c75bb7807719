/**
 * What a voter identifier canonically is before it is hashed, and which cells look like personal
 * data whatever column they sit in. One person must give one key however the export spelled them:
 * `+82 (0)10–1000–5000`, `tel:010-1000-5000` and `010-1000-5000` are one Korean number.
 */

/**
 * Characters that separate the groups of a phone number as people and exports write them: every
 * dash-like one (hyphen, en/em dash, minus, the Hangul ㅡ as typed and as NFKC leaves it, the
 * katakana and CJK bars), spaces, dots, parentheses (around a trunk `(0)` too), underscores and
 * slashes. NFKC has already made full-width forms and no-break spaces ordinary ones.
 */
const SEPARATORS = '\\s().\\-\u2010-\u2015\u2212\u2043\u02d7\ufe58\ufe63\u30fc\u4e00\u1173\u3161_/\\\\\u00b7\u30fb';
const PHONE_LIKE = new RegExp(`^\\+?[\\d${SEPARATORS}]{7,}$`);
const NOT_DIGIT = /\D/g;

/** Invisible characters that can ride along with a pasted value (zero-width, bidi marks, soft hyphen). */
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad\u202a-\u202e]/g;
const TEL_PREFIX = /^tel:\s*/i;
const MAILTO_PREFIX = /^mailto:/i;
const DASH_LIKE = /[\u2010-\u2015\u2212\u2043\u02d7\ufe58\ufe63]/g;

/** The common case, an ASCII number with or without hyphens, needs neither NFKC nor a scan for oddities. */
const PLAIN_NUMBER = /^[0-9-]{7,}$/;
const HYPHENS = /-/g;

/** A Korean number without its country code, trunk 0 included: mobile, Seoul, the regions, 070 and 050x. */
const KOREAN_NATIONAL = /^0(?:1[016789]\d{7,8}|2\d{7,8}|[3-6][1-5]\d{7,8}|70\d{8}|50\d{8,9})$/;
/** A mobile number whose leading zero a spreadsheet dropped (010-1234-5678 stored as 1012345678). */
const MOBILE_WITHOUT_ZERO = /^1[016789]\d{7,8}$/;

/**
 * The canonical form of a voter identifier, the text that is hashed:
 * - a phone number (7 or more digits and separators, after NFKC, invisible characters and a `tel:`
 *   prefix removed): its digits, a Korean number given with `+82`, `0082` or `82` (with or without
 *   the trunk `(0)`) as the national number with its leading 0;
 * - an e-mail address (without `mailto:`): case folded, as addresses are matched in practice;
 * - anything else (a member number, a name): NFKC, trimmed and case folded, dash-like characters
 *   written as `-`.
 * Canonical values stay what they are (so keys made before this form existed do not change).
 */
export function canonicalVoterIdentifier(raw: string): string {
  if (PLAIN_NUMBER.test(raw)) return canonicalDigits(raw.replace(HYPHENS, ''), false);
  let text = raw.normalize('NFKC').replace(INVISIBLE, '').trim();
  const tel = TEL_PREFIX.exec(text);
  if (tel !== null && PHONE_LIKE.test(text.slice(tel[0].length))) text = text.slice(tel[0].length);
  if (PHONE_LIKE.test(text)) return canonicalDigits(text.replace(NOT_DIGIT, ''), text.startsWith('+'));
  const folded = text.toLowerCase();
  if (looksLikeEmail(folded.replace(MAILTO_PREFIX, ''))) return folded.replace(MAILTO_PREFIX, '');
  return folded.replace(DASH_LIKE, '-');
}

/** The digits of a phone number as one national number: country code and dropped zero restored. */
function canonicalDigits(digits: string, international: boolean): string {
  let national: string | null = null;
  if (international && digits.startsWith('82')) national = digits.slice(2);
  else if (digits.startsWith('0082')) national = digits.slice(4);
  else if (digits.startsWith('82')) {
    // Without a '+': 82 is the country code only when what follows is a Korean number.
    const rest = digits.slice(2);
    if ((rest[0] === '1' && digits.length >= 11) || KOREAN_NATIONAL.test(rest) || KOREAN_NATIONAL.test('0' + rest)) national = rest;
  }
  if (national !== null) return national.startsWith('0') ? national : '0' + national;
  return MOBILE_WITHOUT_ZERO.test(digits) ? '0' + digits : digits;
}

/**
 * True when a cell holds a Korean phone number however it is written (with a country code, a
 * `tel:` prefix, any separators, or a mobile number whose leading zero a spreadsheet dropped).
 */
export function looksLikePhoneNumber(cell: string): boolean {
  const text = cell.trim();
  if (text === '') return false;
  // Plain ASCII text that is not digits and separators (a time, a word) is no number: no NFKC needed.
  if (!NON_ASCII.test(text) && !ASCII_PHONE_LIKE.test(text)) return false;
  const canonical = canonicalVoterIdentifier(text);
  return KOREAN_NATIONAL.test(canonical);
}

/** A Korean mobile number, the one kind of number a voter column holds. */
export function looksLikeMobileNumber(cell: string): boolean {
  return /^01[016789]\d{7,8}$/.test(canonicalVoterIdentifier(cell));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;

function looksLikeEmail(text: string): boolean {
  return EMAIL.test(text);
}

/**
 * A resident registration number (주민등록번호): six digits of a birth date and seven more starting
 * with the century-and-sex digit, with or without the hyphen, or masked after that digit.
 */
const RESIDENT_NUMBER = /^\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\s*[-\u2010-\u2015\u2212]?\s*[1-8](?:\d{6}|[*xX●•]{6})$/;

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const IPV6_GROUPS = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}$/i;

function looksLikeIpAddress(text: string): boolean {
  if (IPV4.test(text)) return true;
  // A time (10:00:00) has colons too: an IPv6 address has eight groups or a '::'.
  return IPV6_GROUPS.test(text) && (text.includes('::') || text.split(':').length === 8);
}

/** Anything but printable ASCII and tabs: text that NFKC or the invisible-character rule may change. */
const NON_ASCII = /[^ -~\t]/;
const ASCII_PHONE_LIKE = /^(?:tel:\s*)?\+?[\d\s().\-_/\\]{7,}$/i;
const DIGIT = /\d/;
/** ASCII and full-width digits (NFKC makes the latter the former). */
const ANY_DIGIT = /[0-9\uff10-\uff19]/;

export type PersonalKind = 'phone' | 'email' | 'residentNumber' | 'ipAddress';

/**
 * What kind of personal data a cell looks like, whatever its column is called: a phone number, an
 * e-mail address, a resident registration number or an IP address; null for anything else.
 * Cheap for the cells most exports are made of (short words, agenda ids, times, counts).
 */
export function personalKindOf(cell: string): PersonalKind | null {
  const text = cell.trim();
  if (text.length < 7) return null;
  const ascii = !NON_ASCII.test(text);
  if (text.includes('@')) return looksLikeEmail(ascii ? text.replace(MAILTO_PREFIX, '') : text.normalize('NFKC').replace(MAILTO_PREFIX, '')) ? 'email' : null;
  // Every kind left is mostly digits: a word (a title, a 동) is none of them.
  if (!(ascii ? DIGIT : ANY_DIGIT).test(text)) return null;
  const normalized = ascii ? text : text.normalize('NFKC').replace(INVISIBLE, '');
  // A colon: an IPv6 address or a tel: number, never the other kinds (and so a time is done with quickly).
  if (normalized.includes(':')) return looksLikeIpAddress(normalized) ? 'ipAddress' : TEL_PREFIX.test(normalized) && looksLikePhoneNumber(normalized) ? 'phone' : null;
  if (RESIDENT_NUMBER.test(normalized)) return 'residentNumber';
  if (IPV4.test(normalized)) return 'ipAddress';
  if (looksLikePhoneNumber(normalized)) return 'phone';
  return null;
}

/**
 * A value's shape without the value: each digit as 0, each letter as a (Hangul as 가), other
 * characters (separators, @, :) as they are, cut short. Error messages show this instead of a cell's content.
 */
export function shapeOf(cell: string): string {
  const text = cell.trim();
  if (text === '') return '(빈 칸/blank)';
  const shape = text.slice(0, 24).replace(/\p{N}/gu, '0').replace(/[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]/g, '가').replace(/(?!가)\p{L}/gu, 'a');
  return text.length > 24 ? `${shape}…(${text.length})` : shape;
}
