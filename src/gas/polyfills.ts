/**
 * Web APIs that the Apps Script V8 runtime lacks but bundled code uses. Apps Script gives plain
 * ECMAScript plus its services: there is no TextEncoder, and @noble/hashes turns strings into
 * bytes with `new TextEncoder().encode(...)`. Imported first by main.ts, so it runs before any
 * other module. The bundle test runs Code.js in a bare node:vm context, which lacks them too.
 */

/** UTF-8 encoding as the WHATWG TextEncoder does it (lone surrogates become U+FFFD). */
export function encodeUtf8(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        cp = 0xfffd;
      }
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      cp = 0xfffd;
    }
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  }
  return new Uint8Array(out);
}

class Utf8Encoder {
  readonly encoding = 'utf-8';
  encode(input = ''): Uint8Array {
    return encodeUtf8(String(input));
  }
}

const g = globalThis as { TextEncoder?: unknown };
if (typeof g.TextEncoder === 'undefined') g.TextEncoder = Utf8Encoder;

/**
 * ical-generator gives every new event a default id from `crypto.randomUUID()` (we always replace
 * it with a stable UID). Apps Script has no Web Crypto; Utilities.getUuid() is its UUID source.
 */
const c = globalThis as { crypto?: { randomUUID?: () => string } };
if (typeof c.crypto?.randomUUID !== 'function') {
  c.crypto = { ...(c.crypto ?? {}), randomUUID: () => Utilities.getUuid() };
}
