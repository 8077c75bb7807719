/**
 * Writes the hostile-input corpus to test/fixtures/hostile/: files an import must survive with a
 * counted import and reasons, or a one-line error and no change. Generated (not hand-edited), so
 * every byte is explained here. Run:
 *   npx esbuild scripts/generate-hostile.ts --bundle --platform=node --outfile=/tmp/hostile.js && node /tmp/hostile.js   (from the repository root)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import JSZip from 'jszip';

const dir = path.resolve(__dirname.includes('tmp') ? process.cwd() : path.join(__dirname, '..'), 'test/fixtures/hostile');
const HEADER = '투표자,투표일시,선택1,선택2,선택3';
const row = (i: number, picks = 'A01,A02,'): string => `010-5000-${String(i).padStart(4, '0')},2020-07-07 10:00:00,${picks}`;

const files: Record<string, Uint8Array | string> = {
  'empty.csv': '',
  'header-only.csv': `${HEADER}\r\n`,
  'bom-only.csv': new Uint8Array([0xef, 0xbb, 0xbf]),
  'nul-bytes.csv': `${HEADER}\n${row(1)}\n010-5000-0002,2020-07-07 10:00:00,A0\u00001,,\n`,
  'mixed-line-endings.csv': `${HEADER}\r\n${row(1)}\n${row(2, 'A03,,')}\r${row(3, 'A02,A03,A01')}\r\n`,
  'quoted-newlines.csv': `${HEADER}\n${row(1)}\n010-5000-0002,2020-07-07 10:00:00,"A01\nA02","A0,3",\n${row(3, '"A03",,')}\n`,
  'unterminated-quote.csv': `${HEADER}\n${row(1)}\n010-5000-0002,2020-07-07 10:00:00,"A01,A02,\n${row(3)}\n`,
  'wide-10000-columns.csv': `${HEADER},${Array.from({ length: 9995 }, (_, i) => `extra${i}`).join(',')}\n${row(1)}${','.repeat(9995)}\n${row(2, 'A03,,')}${',x'.repeat(9995)}\n`,
  'huge-cell.csv': `${HEADER}\n${row(1)}\n010-5000-0002,2020-07-07 10:00:00,${'A'.repeat(1_000_000)},A01,\n`,
  'cp949-labelled-utf8.csv': iconv.encode(`${HEADER}\n${row(1, '마을축제,,')}\n${row(2)}\n`, 'cp949'),
  'formulas.csv': `${HEADER},채널\n"=HYPERLINK(""http://evil.example"",""A01"")",2020-07-07 10:00:00,A01,,,@SUM(A1)\n010-5000-0002,2020-07-07 10:00:00,"+cmd|' /C calc'!A0",A02,,-2+3\n010-5000-0003,2020-07-07 10:00:00,A01,A03,,=1+1\n`,
  'duplicate-headers.csv': `투표자,투표일시,선택1,선택1,선택2\n${row(1)}\n`,
  'units-in-wrong-column.csv': `${HEADER}\n010-5000-0001,5억,A01,,\n010-5000-0002,2020-07-07 10:00:00,5억,3천만원,\n${row(3)}\n`,
  'totals-with-units.csv': '의제번호,득표수\nA01,"1,200표"\nA02,5억\nA03,-4\nA04,12\n',
  'truncated.xlsx': new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]),
  'corrupted.xlsx': new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i < 4 ? [0x50, 0x4b, 0x03, 0x04][i] : (i * 7919) % 256))),
};

async function main(): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  // A zip bomb dressed as .xlsx: 60 MB of one repeated byte in one part, deflated to ~60 KB.
  const bomb = new JSZip();
  bomb.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  bomb.file('xl/worksheets/sheet1.xml', Buffer.alloc(60 * 1024 * 1024, 0x20));
  const bytes = await bomb.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 }, date: new Date(Date.UTC(2020, 6, 13)) } as JSZip.JSZipGeneratorOptions<'uint8array'>);
  writeFileSync(path.join(dir, 'zip-bomb.xlsx'), bytes);
  console.log(`wrote ${Object.keys(files).length + 1} files to ${dir}`);
}

void main();
