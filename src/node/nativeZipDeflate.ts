import { once } from 'node:events';
import { crc32, createDeflateRaw, type DeflateRaw, type ZlibOptions } from 'node:zlib';
import { ZipPassThrough } from 'fflate';

/**
 * A zip entry deflated by Node's zlib instead of fflate's JavaScript deflate: on 67 MB of sheet
 * XML, zlib's level 6 took 170 ms where fflate's level 1 took 1,224 ms (and made a larger file).
 * It runs on libuv's thread pool, so the next rows' XML is made while the last ones are
 * compressed. fflate's Zip still writes the container (headers, sizes); the CRC-32 is zlib's too.
 */
export class NativeZipDeflate extends ZipPassThrough {
  private readonly deflater: DeflateRaw;

  constructor(filename: string, level = 6) {
    super(filename);
    this.compression = 8;
    // Up to 32 MB of XML may wait for the compressor before the writer is asked to pause (zlib
    // streams take a stream's highWaterMark, which @types/node leaves out of ZlibOptions).
    // Compressed bytes come out in pieces of 1 MiB, not zlib's 16 KiB: each piece is a round trip
    // to zlib's thread and a write through fflate's Zip.
    const options: ZlibOptions & { highWaterMark: number } = { level, highWaterMark: 32 * 1024 * 1024, chunkSize: 1 << 20 };
    this.deflater = createDeflateRaw(options);
    this.deflater.on('data', (chunk: Buffer) => this.ondata(null, chunk as Uint8Array as Uint8Array<ArrayBuffer>, false));
    this.deflater.on('end', () => this.ondata(null, new Uint8Array(0), true));
    this.deflater.on('error', (error: Error) => this.ondata(Object.assign(error, { code: -1 }), new Uint8Array(0), true));
  }

  private running = 0;

  /** As ZipPassThrough's push, with zlib's CRC-32 (native) instead of fflate's. */
  override push(chunk: Uint8Array, final = false): void {
    this.running = crc32(chunk, this.running);
    this.size += chunk.length;
    if (final) this.crc = this.running;
    this.process(chunk as Uint8Array<ArrayBuffer>, final);
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    this.deflater.write(chunk);
    if (final) this.deflater.end();
  }

  /** Resolves once the compressor has room for more. */
  async drained(): Promise<void> {
    if (this.deflater.writableNeedDrain) await once(this.deflater, 'drain');
  }
}

/**
 * A zip entry copied from another zip as it is stored there (deflated or not), with that zip's
 * CRC-32 and size: nothing is inflated or compressed again. fflate's Zip counts the bytes and
 * writes the headers, as for any entry.
 */
export class ZipStoredCopy extends ZipPassThrough {
  constructor(filename: string, stored: { method: number; crc32: number }, size: number) {
    super(filename);
    this.compression = stored.method;
    this.crc = stored.crc32;
    this.size = size;
  }

  /** The next bytes as stored; `final` on the last call. */
  pushStored(chunk: Uint8Array, final = false): void {
    this.ondata(null, chunk as Uint8Array<ArrayBuffer>, final);
  }
}
