import { csvRowBatches, type CsvBatches } from './csv';
import { decodeBytes, type DetectedEncoding, type EncodingChoice } from './decode';

/**
 * A CSV export's rows from its bytes, with the encoding they were read in. The decoded text is
 * held only by the batches, so `release` lets it go (the bytes are not kept either).
 */
export function csvRowBatchesOfBytes(bytes: Uint8Array, choice: EncodingChoice = 'auto'): CsvBatches & { encoding: DetectedEncoding } {
  const { text, encoding } = decodeBytes(bytes, choice);
  return { ...csvRowBatches(text), encoding };
}
