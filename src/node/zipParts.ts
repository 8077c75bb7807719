import { createInflateRaw, type InflateRaw as Inflate } from 'node:zlib';
import yauzl from 'yauzl';

/**
 * A part that inflates to more bytes than the zip's directory says (a zip bomb whose directory
 * lies): inflating stops at the first byte past the claim, so memory stays bounded by it.
 */
export class ZipPartTooLarge extends Error {
  constructor(readonly part: string) {
    super(`${part} inflates beyond its declared size`);
    this.name = 'ZipPartTooLarge';
  }
}

/** One file inside a zip, inflated on demand: whole (a small part) or chunk by chunk (a large one). */
export interface ZipPart {
  name: string;
  /** Size once inflated, as the zip's directory gives it. */
  size: number;
  read(): Promise<Buffer>;
  /**
   * Inflates the part, handing each piece to `onChunk`; when that returns a promise, inflating
   * waits for it. An error thrown (or rejected) there stops it and rejects.
   */
  stream(onChunk: (chunk: Buffer) => void | Promise<void>): Promise<void>;
  /** The part as the zip stores it (deflated or stored), for copying into another zip unchanged. */
  stored: StoredPart;
}

export interface StoredPart {
  /** 8 (deflate) or 0 (stored), as in the zip. */
  method: number;
  crc32: number;
  /** Hands the part's bytes as they are in the zip, not inflated, to `onChunk`, waiting on each. */
  stream(onChunk: (chunk: Buffer) => void | Promise<void>): Promise<void>;
}

/**
 * Inflates a part's raw bytes in pieces of 1 MiB. yauzl's own inflating takes zlib's default of
 * 16 KiB: a million-ballot 투표 (600 MB of XML) came in 37,000 pieces, each a round trip to zlib's
 * thread and a call of the reader, and the tally waited on them (measured: 3.8 s idle in 15 s).
 */
function inflated(raw: NodeJS.ReadableStream & { destroy(): void }, fail: (error: unknown) => void): Inflate {
  const inflater = createInflateRaw({ chunkSize: 1 << 20 });
  raw.on('error', (error: Error) => {
    inflater.destroy();
    fail(error);
  });
  // Stopped early (a part too large, a reader's error): the raw bytes stop too.
  inflater.on('close', () => raw.destroy());
  raw.pipe(inflater);
  return inflater;
}

/** The parts of an in-memory zip, in directory order. Close the returned handle when done. */
export function zipParts(bytes: Uint8Array): Promise<{ parts: ZipPart[]; close(): void }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (error, zip) => {
      if (error || zip === undefined) {
        reject(error ?? new Error('not a zip'));
        return;
      }
      const parts: ZipPart[] = [];
      const stream = (entry: yauzl.Entry, onChunk: (chunk: Buffer) => void | Promise<void>, decompress = true): Promise<void> =>
        new Promise((done, fail) => {
          const inflating = decompress && entry.isCompressed();
          zip.openReadStream(entry, { decompress: entry.isCompressed() ? false : null, decrypt: null, start: null, end: null }, (openError, raw) => {
            if (openError || raw === undefined) {
              fail(openError ?? new Error(`cannot read ${entry.fileName}`));
              return;
            }
            const readable = inflating ? inflated(raw, fail) : raw;
            let waiting: Promise<void> = Promise.resolve();
            let produced = 0;
            const stop = (thrown: unknown): void => {
              readable.destroy();
              fail(thrown);
            };
            readable.on('data', (chunk: Buffer) => {
              // yauzl checks this too (validateEntrySizes); counted here as well, so the bound
              // holds whatever the library does.
              produced += chunk.length;
              if (produced > (decompress ? entry.uncompressedSize : entry.compressedSize)) {
                stop(new ZipPartTooLarge(entry.fileName));
                return;
              }
              try {
                const more = onChunk(chunk);
                if (more !== undefined) {
                  readable.pause();
                  waiting = more.then(() => {
                    readable.resume();
                  }, stop);
                }
              } catch (thrown) {
                stop(thrown);
              }
            });
            // yauzl's own size check ("too many bytes in the stream") is the same refusal.
            readable.on('error', (thrown: Error) => fail(/too many bytes/i.test(thrown.message) ? new ZipPartTooLarge(entry.fileName) : thrown));
            readable.on('end', () => {
              // A part that inflates to fewer bytes than its directory says is cut short (yauzl's
              // "not enough bytes in the stream", which its own inflating would have given).
              if (decompress && produced < entry.uncompressedSize) {
                fail(new Error(`not enough bytes in the stream: ${entry.fileName} inflated to ${produced} of ${entry.uncompressedSize} bytes`));
                return;
              }
              waiting.then(() => done(), fail);
            });
          });
        });
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) {
          parts.push({
            name: entry.fileName,
            size: entry.uncompressedSize,
            stream: (onChunk) => stream(entry, onChunk),
            stored: { method: entry.compressionMethod, crc32: entry.crc32, stream: (onChunk) => stream(entry, onChunk, false) },
            read: async () => {
              const chunks: Buffer[] = [];
              await stream(entry, (chunk) => {
                chunks.push(chunk);
              });
              return Buffer.concat(chunks);
            },
          });
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve({ parts, close: () => zip.close() }));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
