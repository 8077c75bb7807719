import yauzl from 'yauzl';

/**
 * An .xlsx is a zip. A hostile one (a "zip bomb") inflates a few kilobytes into gigabytes and would
 * exhaust memory inside ExcelJS. The zip's own directory says how large each part will be: check
 * that before anything is inflated. Limits are far above any real ballot export (1M rows of
 * ballots is about 150 MB of sheet XML, which deflates about 10–20:1; only filler reaches 200:1).
 */
export const ZIP_LIMITS = { totalBytes: 512 * 1024 * 1024, entries: 10_000, ratio: 200 };

export interface ZipVerdict {
  ok: boolean;
  reason?: string;
  totalBytes: number;
}

export function inspectZip(bytes: Uint8Array, limits = ZIP_LIMITS): Promise<ZipVerdict> {
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
        const ratio = entry.compressedSize === 0 ? 0 : entry.uncompressedSize / entry.compressedSize;
        if (count > limits.entries) stop({ ok: false, reason: `more than ${limits.entries} parts`, totalBytes: total });
        else if (total > limits.totalBytes) stop({ ok: false, reason: `expands to more than ${limits.totalBytes / 1024 / 1024} MB`, totalBytes: total });
        else if (ratio > limits.ratio && entry.uncompressedSize > 10 * 1024 * 1024) stop({ ok: false, reason: `one part is compressed ${Math.round(ratio)}:1`, totalBytes: total });
        else zip.readEntry();
      });
      zip.on('end', () => resolve({ ok: true, totalBytes: total }));
      zip.on('error', () => resolve({ ok: false, reason: 'damaged zip directory', totalBytes: total }));
      zip.readEntry();
    });
  });
}
