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
          zip.openReadStream(entry, { decompress: entry.isCompressed() ? decompress : null, decrypt: null, start: null, end: null }, (openError, readable) => {
            if (openError || readable === undefined) {
              fail(openError ?? new Error(`cannot read ${entry.fileName}`));
              return;
            }
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
