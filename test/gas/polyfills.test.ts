import { encodeUtf8 } from '../../src/gas/polyfills';

test.each([
  '',
  'ascii only',
  '영등포구 협치의제 A01, A03',
  '뷁 똠 (UHC) 😀 🇰🇷',
  'lone \ud800 high and \udc00 low surrogates',
  '\u0000\u007f\u0080\u07ff\u0800\uffff',
])('encodeUtf8 matches TextEncoder for %j', (text) => {
  expect(Array.from(encodeUtf8(text))).toEqual(Array.from(new TextEncoder().encode(text)));
});
