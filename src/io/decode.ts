/**
 * Bytes of an exported file to text, saying which encoding was used.
 *
 * Korean district systems and Korean Excel still write CP949 (확장 완성형, the Windows superset
 * of EUC-KR); newer web forms write UTF-8; Excel's "유니코드 텍스트" writes UTF-16 with a BOM.
 * Only web-standard TextDecoder is used, so this runs in Node and in the browser sidebar.
 * WHATWG's 'euc-kr' decoder is in fact CP949, which is what we want; but Node's ICU-backed
 * TextDecoder('euc-kr') only knows KS X 1001 and throws on the 8,822 UHC extension syllables
 * (e.g. 뷁, 똠), so when it fails we decode those ourselves (see decodeCp949).
 */

export type EncodingChoice = 'auto' | 'utf-8' | 'cp949';
export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'cp949';

/** The bytes are not text in the encoding tried; `offset` is the first byte that could not be read. */
export class DecodeError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/**
 * A byte-order mark decides the encoding even over an explicit choice, as browsers do: it cannot
 * appear by accident at the start of CP949 or BOM-less UTF-8 text a person would export.
 * Without one, 'auto' tries strict UTF-8 first, because CP949 bytes are almost never valid
 * UTF-8, while UTF-8 Korean can happen to be valid CP949 and would decode as nonsense.
 */
export function decodeBytes(
  bytes: Uint8Array,
  choice: EncodingChoice = 'auto',
): { text: string; encoding: DetectedEncoding } {
  const withBom = decodeByBom(bytes);
  if (withBom) return withBom;

  if (choice === 'utf-8') {
    const text = tryDecode('utf-8', bytes);
    if (text !== null) return { text, encoding: 'utf-8' };
    const offset = firstBadUtf8Offset(bytes);
    throw new DecodeError(
      `파일이 UTF-8이 아닙니다 (offset ${offset}${byteNote(bytes, offset)}). --encoding cp949 로 다시 시도하세요` +
        ` / Not valid UTF-8 (offset ${offset}${byteNote(bytes, offset)}). Try again with --encoding cp949`,
      offset,
    );
  }

  if (choice === 'cp949') {
    const result = decodeCp949(bytes);
    if (typeof result === 'string') return { text: result, encoding: 'cp949' };
    const offset = result.badOffset;
    throw new DecodeError(
      `파일이 CP949(EUC-KR)가 아닙니다 (offset ${offset}${byteNote(bytes, offset)}). --encoding utf-8 로 다시 시도하세요` +
        ` / Not valid CP949 (EUC-KR) (offset ${offset}${byteNote(bytes, offset)}). Try again with --encoding utf-8`,
      offset,
    );
  }

  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const cp949 = decodeCp949(bytes);
  if (typeof cp949 === 'string') return { text: cp949, encoding: 'cp949' };

  const utf8Offset = firstBadUtf8Offset(bytes);
  const cp949Offset = cp949.badOffset;
  // The encoding that read further is most likely the real one, damaged at that point.
  const offset = Math.max(utf8Offset, cp949Offset);
  throw new DecodeError(
    `파일을 글자로 읽을 수 없습니다: UTF-8도 아니고 (offset ${utf8Offset}) CP949도 아닙니다 (offset ${cp949Offset}).` +
      ` 파일이 손상되었거나 다른 형식일 수 있습니다` +
      ` / Cannot read the file as text: neither UTF-8 (bad byte at offset ${utf8Offset})` +
      ` nor CP949 (bad byte at offset ${cp949Offset}). The file may be damaged or not a text export`,
    offset,
  );
}

function decodeByBom(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } | null {
  const boms: { bom: number[]; label: string; encoding: DetectedEncoding; name: string }[] = [
    { bom: [0xef, 0xbb, 0xbf], label: 'utf-8', encoding: 'utf-8-bom', name: 'UTF-8' },
    { bom: [0xff, 0xfe], label: 'utf-16le', encoding: 'utf-16le', name: 'UTF-16LE' },
    { bom: [0xfe, 0xff], label: 'utf-16be', encoding: 'utf-16be', name: 'UTF-16BE' },
  ];
  for (const { bom, label, encoding, name } of boms) {
    if (!bom.every((byte, index) => bytes[index] === byte)) continue;
    const body = bytes.subarray(bom.length);
    const text = tryDecode(label, body);
    if (text !== null) return { text, encoding };
    const offset =
      bom.length + (label === 'utf-8' ? firstBadUtf8Offset(body) : firstBadUtf16Offset(body, label === 'utf-16le'));
    throw new DecodeError(
      `파일이 ${name} 표시(BOM)로 시작하지만 중간에 읽을 수 없는 바이트가 있습니다 (offset ${offset}). 파일이 손상되었을 수 있습니다` +
        ` / The file starts with a ${name} byte-order mark but has unreadable bytes (offset ${offset}). It may be damaged`,
      offset,
    );
  }
  return null;
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM keeps any further U+FEFF as text; the leading BOM has been handled already.
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function byteNote(bytes: Uint8Array, offset: number): string {
  return offset < bytes.length ? `, byte 0x${bytes[offset].toString(16).toUpperCase().padStart(2, '0')}` : '';
}

/** Start of the first sequence that is not well-formed UTF-8 (RFC 3629: no overlongs, no surrogates). */
function firstBadUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return index;
    for (let k = 1; k < length; k++) {
      const next = bytes[index + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return index;
    }
    index += length;
  }
  return bytes.length;
}

/**
 * CP949 text, or the offset of the first byte or pair that maps to nothing.
 * The platform decoder goes first (complete in browsers, and fast); if it refuses, we walk
 * the bytes ourselves so that UHC extension syllables decode in Node too, and so that a real
 * error can be located.
 */
function decodeCp949(bytes: Uint8Array): string | { badOffset: number } {
  const native = tryDecode('euc-kr', bytes);
  // Node's decoder turns 0x80 and the UHC lead bytes into C1 controls (갂 = 81 41 becomes
  // U+0081 "A") instead of failing. Real CP949 text never decodes to C1 controls.
  if (native !== null && !C1_CONTROLS.test(native)) return native;

  const pairDecoder = new TextDecoder('euc-kr', { fatal: true });
  const pairCache = new Map<number, string | null>();
  const parts: string[] = [];
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    if (lead < 0x80) {
      parts.push(String.fromCharCode(lead));
      index += 1;
      continue;
    }
    if (lead < 0x81 || lead > 0xfe || index + 1 >= bytes.length) return { badOffset: index };
    const trail = bytes[index + 1];
    const char = uhcExtensionChar(lead, trail) ?? nativePair(pairDecoder, pairCache, lead, trail);
    if (char === null) return { badOffset: index };
    parts.push(char);
    index += 2;
  }
  return parts.join('');
}

const C1_CONTROLS = /[\u0080-\u009f]/;

/** Added to CP949 after KS X 1001 and known to WHATWG euc-kr, but not to Node's ICU table. */
const LATE_CP949_ADDITIONS: Record<number, string> = { 0xa2e6: '\u20ac', 0xa2e7: '\u00ae' };

function nativePair(decoder: { decode(bytes: Uint8Array): string }, cache: Map<number, string | null>, lead: number, trail: number): string | null {
  const key = (lead << 8) | trail;
  let char = cache.get(key);
  if (char === undefined) {
    try {
      char = LATE_CP949_ADDITIONS[key] ?? decoder.decode(new Uint8Array([lead, trail]));
    } catch {
      char = null;
    }
    // One pair is one character; two characters means the decoder split it into C1 + ASCII.
    if (char !== null && (char.length !== 1 || C1_CONTROLS.test(char))) char = null;
    cache.set(key, char);
  }
  return char;
}

/**
 * Microsoft's UHC extension: the 8,822 modern syllables missing from KS X 1001, in Unicode
 * order, filling leads 0x81–0xC6 with trails 0x41–0x5A, 0x61–0x7A, 0x81–0xFE (only up to 0xA0
 * from lead 0xA1, where KS X 1001 takes the rest). So the table can be derived from the
 * 2,350 KS X 1001 syllables, which every euc-kr decoder has, instead of shipping it.
 */
const UHC_EXTENSION_COUNT = 8822;
let uhcExtensionSyllables: string[] | null | undefined;

function uhcExtensionChar(lead: number, trail: number): string | null {
  const position = uhcExtensionPosition(lead, trail);
  if (position === null) return null;
  if (uhcExtensionSyllables === undefined) uhcExtensionSyllables = buildUhcExtension();
  return uhcExtensionSyllables?.[position] ?? null;
}

function uhcExtensionPosition(lead: number, trail: number): number | null {
  let column: number;
  if (trail >= 0x41 && trail <= 0x5a) column = trail - 0x41;
  else if (trail >= 0x61 && trail <= 0x7a) column = trail - 0x61 + 26;
  else if (trail >= 0x81 && trail <= 0xfe) column = trail - 0x81 + 52;
  else return null;

  let position: number;
  if (lead >= 0x81 && lead <= 0xa0) position = (lead - 0x81) * 178 + column;
  else if (lead >= 0xa1 && lead <= 0xc6 && column < 84) position = 32 * 178 + (lead - 0xa1) * 84 + column;
  else return null;
  return position < UHC_EXTENSION_COUNT ? position : null;
}

function buildUhcExtension(): string[] | null {
  const ksx1001 = new Uint8Array(25 * 94 * 2);
  let offset = 0;
  for (let lead = 0xb0; lead <= 0xc8; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      ksx1001[offset++] = lead;
      ksx1001[offset++] = trail;
    }
  }
  const inKsx1001 = new Set(tryDecode('euc-kr', ksx1001) ?? '');
  const missing: string[] = [];
  for (let code = 0xac00; code <= 0xd7a3; code++) {
    const syllable = String.fromCharCode(code);
    if (!inKsx1001.has(syllable)) missing.push(syllable);
  }
  // Anything but 8,822 means this platform's decoder is not the KS X 1001 we expect; decode nothing.
  return missing.length === UHC_EXTENSION_COUNT ? missing : null;
}

/** Byte offset of an unpaired surrogate, or of a dangling odd last byte. */
function firstBadUtf16Offset(bytes: Uint8Array, littleEndian: boolean): number {
  const unitAt = (index: number): number =>
    littleEndian ? bytes[index] | (bytes[index + 1] << 8) : (bytes[index] << 8) | bytes[index + 1];
  let index = 0;
  while (index + 1 < bytes.length) {
    const unit = unitAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = index + 3 < bytes.length ? unitAt(index + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) return index;
      index += 4;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      return index;
    } else {
      index += 2;
    }
  }
  return index;
}
