import iconv from 'iconv-lite';
import { csvRowBatches } from '../../src/io/csv';
import { csvRowBatchesOfBytes } from '../../src/io/exportRows';
import { CandidateColumns } from '../../src/core/ballots';

describe('csvRowBatchesOfBytes', () => {
  test('reads the bytes as decodeBytes and csvRowBatches do, and says the encoding', () => {
    const text = '투표자;선택1\r\n010-1234-5678;도서관\r\n';
    const rows = csvRowBatchesOfBytes(new Uint8Array(iconv.encode(text, 'cp949')));
    expect(rows.encoding).toBe('cp949');
    expect(rows.delimiter).toBe(';');
    expect([...rows.batches()].flat()).toEqual([...csvRowBatches(text).batches()].flat());
  });
});

describe('CsvBatches.release', () => {
  test('the rows are read as often as asked until the text is let go; then reading them throws', () => {
    const rows = csvRowBatches('a,b\n1,2\n');
    expect([...rows.batches()].flat()).toEqual([['a', 'b'], ['1', '2']]);
    expect([...rows.batches()].flat()).toHaveLength(2);
    rows.release();
    expect(() => rows.batches()).toThrow(/let go/);
  });
});

describe('CandidateColumns.forgetTimeTexts', () => {
  test('the times are gone, and reading them or adding a candidate afterwards throws', () => {
    const columns = new CandidateColumns(2);
    columns.add('k1', '2020-07-06 10:00:00', 'web', 'src', 2, ['A01']);
    columns.add('k2', '2020-07-06 11:00:00', 'web', 'src', 3, ['A02']);
    expect([columns.timeText(0), columns.timeText(1)]).toEqual(['2020-07-06 10:00:00', '2020-07-06 11:00:00']);
    columns.forgetTimeTexts();
    expect([columns.voterKey(0), columns.voterKey(1)]).toEqual(['k1', 'k2']);
    expect(columns.choicesOf(1)).toEqual(['A02']);
    expect(() => columns.timeText(0)).toThrow(/let go/);
    expect(() => columns.candidate(0)).toThrow(/let go/);
    expect(() => columns.add('k3', '', 'web', 'src', 4, [])).toThrow(/let go/);
  });
});
