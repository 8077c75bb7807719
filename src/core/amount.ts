/**
 * Money amounts (금액) as written in Korean budget books, vote exports and forms, read into integer won (원).
 *
 * Accepted grammar, after Unicode NFKC (so full-width digits, commas and ￦ become ASCII/₩)
 * and after collapsing runs of whitespace to one space:
 *
 *   amount    := "(" unsigned ")"              -- accounting brackets mean negative
 *              | sign? prefix? sign? body suffix?   (at most one sign in total)
 *   sign      := "-" | "−" | "+" | "△" | "▲"   -- △/▲ are the budget books' minus (감액)
 *   prefix    := "금" | "₩" | "\" | "KRW"       -- "\" is how ₩ arrives from CP949 text
 *   suffix    := "원" | "KRW"
 *   body      := group+ ones? | ones
 *   group     := small? big                    -- big units in strictly decreasing order
 *   big       := "조" (10^12) | "억" (10^8) | "만" (10^4)
 *   small     := (literal? sub)+ literal? | literal
 *   sub       := "천" (1000) | "백" (100) | "십" (10), strictly decreasing inside one small
 *   literal   := digits ("," groups of 3)? ("." digits)?     e.g. 350,000  1.5  8500
 *
 * Spaces may separate any two tokens, never the inside of a literal. So `1,000 2,000` is
 * two amounts and rejected. Units are multiplied like spoken Korean: `3억5천만` = 3×10^8 +
 * (5×1000)×10^4, `12백만원` = (12×100)×10^4, `350,000천원` = 350,000×1000.
 *
 * To catch typos rather than guess, only the leading coefficient may be any size
 * (`350,000천`, `120만`). Every later part must be smaller than the unit above it:
 * `3억 12000만` and `5천 1200` are rejected, `1억 2,000만 3,400원` is fine. A unit with no
 * number before it counts as one of it (`천만원` = 10,000,000, `만원` = 10,000), but a big
 * unit may only do so at the start (`3억만` is rejected).
 *
 * A bare number may carry decimals only when they are zeros (`1,000.00` from accounting
 * software); exactly three decimals (`1.000`) is refused because it may be a European
 * thousands separator.
 *
 * The result must be a whole number of won (`1.5억` is fine, `0.5원` is not) within
 * Number.MAX_SAFE_INTEGER, so every amount is exact in a JS number. Arithmetic is done in
 * BigInt, so decimals such as `1.1억` never pick up floating-point error.
 */

export type AmountResult = { ok: true; value: number } | { ok: false; error: string };

const BIG_UNITS: Record<string, bigint> = { 조: 10n ** 12n, 억: 10n ** 8n, 만: 10n ** 4n };
const SUB_UNITS: Record<string, bigint> = { 천: 1000n, 백: 100n, 십: 10n };
const BIG_GROUP_SIZE = 10000n;

/** Literals are held as fixed-point BigInt with this many decimal places. */
const DECIMALS = 12;
const SCALE = 10n ** BigInt(DECIMALS);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

type Token = { kind: 'number'; value: bigint; text: string } | { kind: 'big' | 'sub'; unit: bigint; text: string };

class AmountSyntaxError extends Error {}

export function parseAmount(input: string | number | null | undefined): AmountResult {
  if (input === null || input === undefined) return fail(emptyMessage());
  if (typeof input === 'number') return amountFromNumber(input);

  const shown = input.trim();
  const text = input.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (text === '') return fail(emptyMessage());

  try {
    const { negative, body } = splitSignAndCurrency(text);
    const scaled = readBody(tokenize(body, shown), shown);
    if (scaled % SCALE !== 0n) {
      return fail(`원 단위 아래 금액은 쓸 수 없습니다: "${shown}" / Amount has a fraction of a won: "${shown}"`);
    }
    const won = scaled / SCALE;
    if (won > MAX_SAFE) return fail(tooLargeMessage(shown));
    return ok(negative ? -Number(won) : Number(won));
  } catch (error) {
    if (error instanceof AmountSyntaxError) return fail(error.message);
    throw error;
  }
}

function amountFromNumber(value: number): AmountResult {
  const shown = String(value);
  if (!Number.isFinite(value)) return fail(unreadableMessage(shown));
  if (!Number.isInteger(value)) {
    return fail(`원 단위 아래 금액은 쓸 수 없습니다: "${shown}" / Amount has a fraction of a won: "${shown}"`);
  }
  if (!Number.isSafeInteger(value)) return fail(tooLargeMessage(shown));
  return ok(value);
}

/** Peels brackets, one sign and one currency marker off the ends, leaving the number with its units. */
function splitSignAndCurrency(text: string): { negative: boolean; body: string } {
  let rest = text;
  let negative = false;
  let signSeen = false;

  const bracketed = /^\((.*)\)$/.exec(rest);
  if (bracketed) {
    rest = bracketed[1].trim();
    negative = true;
    signSeen = true;
  }

  let prefixSeen = false;
  for (;;) {
    const sign = /^([-−+△▲])\s?/.exec(rest);
    if (sign && !signSeen) {
      signSeen = true;
      negative = sign[1] !== '+';
      rest = rest.slice(sign[0].length);
      continue;
    }
    const prefix = /^(금|₩|\\|KRW)\s?/i.exec(rest);
    if (prefix && !prefixSeen) {
      prefixSeen = true;
      rest = rest.slice(prefix[0].length);
      continue;
    }
    break;
  }

  const suffix = /\s?(원|KRW)$/i.exec(rest);
  if (suffix) rest = rest.slice(0, suffix.index);
  return { negative, body: rest.trim() };
}

function tokenize(body: string, shown: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d[\d,]*(?:\.\d+)?)|([조억만])|([천백십]))\s*/y;
  let position = 0;
  while (position < body.length) {
    pattern.lastIndex = position;
    const match = pattern.exec(body);
    if (!match) throw new AmountSyntaxError(unreadableMessage(shown));
    position = pattern.lastIndex;
    const [, literal, big, sub] = match;
    if (literal !== undefined) {
      const previous = tokens[tokens.length - 1];
      if (previous?.kind === 'number') {
        throw new AmountSyntaxError(
          `금액이 여러 개 있습니다: "${shown}" / More than one amount: "${shown}"`,
        );
      }
      tokens.push({ kind: 'number', value: readLiteral(literal, shown), text: literal });
    } else if (big !== undefined) {
      tokens.push({ kind: 'big', unit: BIG_UNITS[big], text: big });
    } else {
      tokens.push({ kind: 'sub', unit: SUB_UNITS[sub], text: sub });
    }
  }
  if (tokens.length === 0) throw new AmountSyntaxError(unreadableMessage(shown));
  return tokens;
}

/** One digit run, checked for thousands grouping, as fixed-point BigInt. */
function readLiteral(literal: string, whole: string): bigint {
  const [integerPart, fraction = ''] = literal.split('.');
  const grouped = integerPart.includes(',');
  if (grouped && !/^\d{1,3}(,\d{3})+$/.test(integerPart)) {
    throw new AmountSyntaxError(
      `쉼표 위치가 잘못되었습니다: "${whole}" / Misplaced thousands separator: "${whole}"`,
    );
  }
  if (fraction.length > DECIMALS) throw new AmountSyntaxError(unreadableMessage(whole));
  return BigInt(integerPart.replace(/,/g, '') + fraction.padEnd(DECIMALS, '0'));
}

/** Walks the tokens as big-unit groups (조, 억, 만) and a final ones group. */
function readBody(tokens: Token[], shown: string): bigint {
  let index = 0;
  let total = 0n;
  let lastBig: bigint | null = null;
  let leading = true;

  while (index < tokens.length) {
    const small = readSmall(tokens, index, leading, shown);
    index = small.next;
    const token = tokens[index];

    if (token?.kind === 'big') {
      if (lastBig !== null && token.unit >= lastBig) throw new AmountSyntaxError(unitOrderMessage(shown));
      if (!small.present && !leading) throw new AmountSyntaxError(unreadableMessage(shown));
      const coefficient = small.present ? small.value : SCALE;
      if (!leading && coefficient >= BIG_GROUP_SIZE * SCALE) throw new AmountSyntaxError(unitOrderMessage(shown));
      total += coefficient * token.unit;
      lastBig = token.unit;
      index += 1;
    } else {
      // The ones group: whatever follows the last big unit, which must end the amount.
      if (!small.present || index < tokens.length) throw new AmountSyntaxError(unreadableMessage(shown));
      checkUnitlessFraction(tokens[index - 1], shown);
      if (!leading && small.value >= BIG_GROUP_SIZE * SCALE) throw new AmountSyntaxError(unitOrderMessage(shown));
      total += small.value;
    }
    leading = false;
  }
  return total;
}

/**
 * Accounting software writes `1,000.00`, so zero cents are fine; but `1.000` could be a
 * European thousands separator, so three fraction digits on a bare number are refused.
 */
function checkUnitlessFraction(last: Token, shown: string): void {
  if (last.kind !== 'number' || !last.text.includes('.')) return;
  const fraction = last.text.split('.')[1];
  if (fraction.length === 3) {
    throw new AmountSyntaxError(
      `소수점인지 천 단위 쉼표인지 알 수 없습니다: "${shown}" / Cannot tell a decimal point from a thousands separator: "${shown}"`,
    );
  }
}

/**
 * A number below one big unit, e.g. `5천`, `3천5백20`, `5000`, `350,000천`.
 * Only the first coefficient of the whole amount may exceed its slot; later ones must be < 10
 * (between 천, 백 and 십) or below the previous unit (a trailing literal).
 */
function readSmall(
  tokens: Token[],
  start: number,
  leadingGroup: boolean,
  shown: string,
): { value: bigint; present: boolean; next: number } {
  let index = start;
  let value = 0n;
  let lastSub: bigint | null = null;

  for (;;) {
    const token = tokens[index];
    const following = tokens[index + 1];
    const firstPart = index === start;
    if (token?.kind === 'number' && following?.kind === 'sub') {
      addSub(following.unit, token.value, firstPart);
      index += 2;
    } else if (token?.kind === 'sub') {
      addSub(token.unit, SCALE, firstPart);
      index += 1;
    } else if (token?.kind === 'number') {
      if (lastSub !== null && token.value >= lastSub * SCALE) throw new AmountSyntaxError(unitOrderMessage(shown));
      value += token.value;
      index += 1;
      break;
    } else {
      break;
    }
  }
  return { value, present: index > start, next: index };

  function addSub(unit: bigint, coefficient: bigint, firstPart: boolean): void {
    if (lastSub !== null && unit >= lastSub) throw new AmountSyntaxError(unitOrderMessage(shown));
    const mayBeLarge = firstPart && leadingGroup;
    if (!firstPart && coefficient >= 10n * SCALE) throw new AmountSyntaxError(unitOrderMessage(shown));
    if (!mayBeLarge && firstPart && coefficient * unit >= BIG_GROUP_SIZE * SCALE) {
      throw new AmountSyntaxError(unitOrderMessage(shown));
    }
    value += coefficient * unit;
    lastSub = unit;
  }
}

/** `500,000,000`, `-1,234`: thousands commas, plain minus. */
export function formatWon(value: number): string {
  assertSafeInteger(value);
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ',');
  return value < 0 ? `-${digits}` : digits;
}

/** `5억원`, `3억 5,000만원`, `1억 2,000만 3,400원`, `0원`: how staff say an amount aloud. */
export function formatKoreanUnits(value: number): string {
  assertSafeInteger(value);
  if (value === 0) return '0원';
  let rest = BigInt(Math.abs(value));
  const parts: string[] = [];
  for (const [name, unit] of Object.entries(BIG_UNITS)) {
    const count = rest / unit;
    rest %= unit;
    if (count > 0n) parts.push(formatWon(Number(count)) + name);
  }
  if (rest > 0n) parts.push(formatWon(Number(rest)));
  return `${value < 0 ? '-' : ''}${parts.join(' ')}원`;
}

function assertSafeInteger(value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`금액은 정수(원)여야 합니다: ${value} / Amount must be a whole number of won: ${value}`);
  }
}

function ok(value: number): AmountResult {
  // -0 would print as "0" but compare oddly with Object.is; amounts have no signed zero.
  return { ok: true, value: value === 0 ? 0 : value };
}

function fail(error: string): AmountResult {
  return { ok: false, error };
}

function emptyMessage(): string {
  return '금액이 비어 있습니다 / Amount is empty';
}

function unreadableMessage(shown: string): string {
  return `금액을 읽을 수 없습니다: "${shown}" / Cannot read amount: "${shown}"`;
}

function unitOrderMessage(shown: string): string {
  return `금액의 단위 순서나 자릿수가 맞지 않습니다: "${shown}" / Amount units are out of order or overflow: "${shown}"`;
}

function tooLargeMessage(shown: string): string {
  return `금액이 너무 큽니다: "${shown}" / Amount is too large: "${shown}"`;
}

/**
 * Exact decimal money (pabulib budgets such as `1331751.11`): amounts are held as integers in
 * minor units — the amount times 10^scale, where the scale is the most decimals any amount of
 * the file has. Korean won have scale 0, so their amounts stay whole and nothing changes for them.
 */
export const MAX_MONEY_SCALE = 6;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Digits after the decimal point of a plain decimal text (`12.50` → 2), or null when it is not one. */
export function decimalPlaces(text: string): number | null {
  const match = DECIMAL.exec(text.trim());
  if (match === null) return null;
  return (match[2] ?? '').replace(/0+$/, '').length;
}

/** `1331751.11` at scale 2 → 133175111, exactly (no float multiply); null when not a plain decimal, too precise or too large. */
export function decimalToMinor(text: string, scale: number): number | null {
  const match = DECIMAL.exec(text.trim());
  if (match === null) return null;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > scale) return null;
  const minor = BigInt(match[1] + fraction.padEnd(scale, '0'));
  return minor > MAX_SAFE ? null : Number(minor);
}

/**
 * An amount in minor units written in its currency: `801,751.11` (scale 2), `500,000,000`
 * (scale 0, as formatWon). Values with a fraction of a minor unit (MES payments) keep two more digits.
 */
export function formatMoney(minor: number, scale: number): string {
  if (scale === 0 && Number.isSafeInteger(minor)) return formatWon(minor);
  if (Number.isSafeInteger(minor)) {
    const digits = String(Math.abs(minor)).padStart(scale + 1, '0');
    const whole = digits.slice(0, digits.length - scale).replace(/\B(?=(\d{3})+$)/g, ',');
    const fraction = digits.slice(digits.length - scale);
    return `${minor < 0 ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
  }
  if (!Number.isFinite(minor)) return String(minor);
  return (minor / 10 ** scale).toLocaleString('en', { minimumFractionDigits: scale, maximumFractionDigits: scale + 2 });
}

/** Minor units back to the currency's units, for JSON (`133175111` at scale 2 → 1331751.11). */
export function minorToUnits(minor: number, scale: number): number {
  return scale === 0 ? minor : Number(formatMoney(minor, scale).replace(/,/g, ''));
}

/**
 * A number in the currency's units that may carry decimals (a pabulib budget of `1331751.11`):
 * whole numbers as formatWon, others with their decimals (up to 6), never a float's noise.
 */
export function formatUnits(value: number): string {
  if (Number.isSafeInteger(value)) return formatWon(value);
  if (!Number.isFinite(value)) return String(value);
  return Number(value.toFixed(6)).toLocaleString('en', { maximumFractionDigits: 6 });
}
