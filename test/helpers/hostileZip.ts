/**
 * Hostile zips for tests, built byte by byte: every size and checksum in the directory is what the
 * test says, so a directory can lie about what a part inflates to.
 */
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';

const MB = 1024 * 1024;

export interface Entry {
  name: string;
  /** The deflated bytes as they are stored. */
  data: Buffer;
  crc: number;
  /** What the directory says the part inflates to. */
  declaredSize: number;
}

/** A zip of deflated entries, every size and checksum as given (a lying one included). */
export function zipOf(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function honest(name: string, content: Buffer): Entry {
  return { name, data: deflateRawSync(content), crc: crc32(content), declaredSize: content.length };
}

/** `bytes` of zeros deflated, made a megabyte at a time (never held inflated here either). */
export async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflater = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflater.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  const zeros = Buffer.alloc(MB);
  for (let sent = 0; sent < bytes; sent += MB) if (!deflater.write(zeros)) await new Promise((resolve) => deflater.once('drain', resolve));
  deflater.end();
  await done;
  return Buffer.concat(out);
}

/** A real small export (ExcelJS), its worksheet replaced by `sheet`. */
export async function xlsxWith(sheet: (real: Buffer) => Entry): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('투표').addRows([
    ['투표자', '투표일시', '선택1'],
    ['v1', '2020-07-07 09:00:00', 'A01'],
  ]);
  const parts = unzipSync(new Uint8Array(await book.xlsx.writeBuffer()));
  return zipOf(Object.entries(parts).map(([name, data]) => (name === 'xl/worksheets/sheet1.xml' ? sheet(Buffer.from(data)) : honest(name, Buffer.from(data)))));
}

