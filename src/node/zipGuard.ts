import yauzl from 'yauzl';

/**
 * An .xlsx is a zip. A hostile one (a "zip bomb") inflates a few kilobytes into gigabytes. Two
 * guards, both on sizes alone (a ratio refused the tool's own tabs, whose repeated cells deflate
 * several hundred to one):
 * - here, before anything inflates: the directory's claim of each part and of the whole, against
 *   absolute limits far above any real file (a million-ballot export is about 150 MB of sheet XML);
 * - while a part inflates (zipParts.ts): the bytes actually produced, against the directory's
 *   claim, so a directory that lies about a size is caught at the first byte past it.
 */
export interface ZipLimits {
  /** All parts together, inflated. */
  totalBytes: number;
  /** One part, inflated. */
  partBytes: number;
  entries: number;
}

const MB = 1024 * 1024;

export const ZIP_LIMITS: ZipLimits = { totalBytes: 512 * MB, partBytes: 256 * MB, entries: 10_000 };

export interface ZipVerdict {
  ok: boolean;
  reason?: string;
  totalBytes: number;
}

export function inspectZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): Promise<ZipVerdict> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true }, (error, zip) => {
      if (error || zip === undefined) {
        resolve({ ok: false, reason: 'not a readable zip', totalBytes: 0 });
        return;
      }
      let total = 0;
      let count = 0;
      const stop = (verdict: ZipVerdict): void => {
        zip.close();
        resolve(verdict);
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        count += 1;
        total += entry.uncompressedSize;
        if (count > limits.entries) stop({ ok: false, reason: `more than ${limits.entries} parts`, totalBytes: total });
        else if (entry.uncompressedSize > limits.partBytes) stop({ ok: false, reason: `one part expands to more than ${limits.partBytes / MB} MB`, totalBytes: total });
        else if (total > limits.totalBytes) stop({ ok: false, reason: `expands to more than ${limits.totalBytes / MB} MB`, totalBytes: total });
        else zip.readEntry();
      });
      zip.on('end', () => resolve({ ok: true, totalBytes: total }));
      zip.on('error', () => resolve({ ok: false, reason: 'damaged zip directory', totalBytes: total }));
      zip.readEntry();
    });
  });
}
