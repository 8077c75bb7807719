/**
 * The built-in example: deterministic bytes (content for the .xlsx), real encodings, and planted problems that can be found
 * again in the files themselves. The counts here are recomputed from the decoded text, not taken
 * from the generator's bookkeeping, so a generator bug cannot hide behind its own numbers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { AGENDAS, DEFAULT_EXAMPLE_SEED, ExampleData, ExampleExport, expectedVotes, generateExample } from '../../src/node/example';

const WINDOW_START = Date.UTC(2020, 6, 6, 0, 0, 0);
const WINDOW_END = Date.UTC(2020, 6, 13, 23, 59, 59);
const IDS = new Set(AGENDAS.map((a) => a.id));
const ID_BY_TITLE = new Map(AGENDAS.map((a) => [a.title, a.id]));

let data: ExampleData;

beforeAll(async () => {
  // Determinism also means no hidden entropy: the generator must not touch either.
  const random = jest.spyOn(Math, 'random').mockImplementation(() => {
    throw new Error('Math.random used');
  });
  const now = jest.spyOn(Date, 'now').mockImplementation(() => {
    throw new Error('Date.now used');
  });
  try {
    data = await generateExample();
  } finally {
    random.mockRestore();
    now.mockRestore();
  }
});

function file(name: string): ExampleExport {
  const found = data.exports.find((e) => e.fileName === name);
  if (found === undefined) throw new Error(`no export ${name}`);
  return found;
}

function parseCsv(text: string): string[][] {
  const result = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

/** `2020-07-06 09:15:22` as wall-clock ms, or null when it is not a real date and time. */
function parseTime(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\+09:00)?$/.exec(text);
  if (m === null) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const same = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && back.getUTCHours() === h && back.getUTCMinutes() === mi;
  return same ? ms : null;
}

function digits(phone: string): string {
  return phone.replace(/-/g, '');
}

function addVotes(tally: Record<string, number>, ids: readonly string[]): void {
  for (const id of ids) tally[`votes.${id}`] = (tally[`votes.${id}`] ?? 0) + 1;
}

const isXlsx = (e: ExampleExport): boolean => e.fileName.endsWith('.xlsx');

/**
 * What an .xlsx holds, for comparing two of them: ExcelJS stamps its zip entries with the current
 * time, so the bytes differ between runs while this does not. Every sheet's name and every cell's
 * value and number format, row by row, plus the workbook's own dates.
 */
async function xlsxContent(bytes: Uint8Array): Promise<unknown> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return {
    creator: workbook.creator,
    created: workbook.created,
    modified: workbook.modified,
    sheets: workbook.worksheets.map((sheet) => {
      const rows: unknown[] = [];
      sheet.eachRow({ includeEmpty: true }, (row) => {
        const cells: unknown[] = [];
        row.eachCell({ includeEmpty: true }, (cell) => cells.push([cell.address, cell.value, cell.numFmt]));
        rows.push(cells);
      });
      return { name: sheet.name, rowCount: sheet.rowCount, columnCount: sheet.columnCount, rows };
    }),
  };
}

/** Same bytes for a CSV, same content for an .xlsx. */
async function sameExport(e: ExampleExport, bytes: Uint8Array): Promise<boolean> {
  if (!isXlsx(e)) return Buffer.from(bytes).equals(Buffer.from(e.bytes));
  return JSON.stringify(await xlsxContent(bytes)) === JSON.stringify(await xlsxContent(e.bytes));
}

function plantedVotes(planted: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(planted).filter(([k, v]) => k.startsWith('votes.') && v > 0));
}

describe('determinism', () => {
  it('gives byte-identical CSVs and the same .xlsx content for the same seed', async () => {
    const again = await generateExample(DEFAULT_EXAMPLE_SEED);
    expect(again.exports.map((e) => e.fileName)).toEqual(data.exports.map((e) => e.fileName));
    for (const [i, e] of data.exports.entries()) {
      expect([e.fileName, await sameExport(e, again.exports[i].bytes)]).toEqual([e.fileName, true]);
      expect(again.exports[i].planted).toEqual(e.planted);
    }
    expect(again.agendas).toEqual(data.agendas);
  });

  it('gives different exports for a different seed', async () => {
    const other = await generateExample(DEFAULT_EXAMPLE_SEED + 1);
    for (const [i, e] of data.exports.entries()) {
      expect([e.fileName, await sameExport(e, other.exports[i].bytes)]).toEqual([e.fileName, false]);
    }
  });

  it('matches the committed files in examples/', async () => {
    const dir = join(__dirname, '..', '..', 'examples');
    if (!existsSync(dir)) return; // not generated yet in this checkout
    for (const e of data.exports) {
      // If this fails, run scripts/generate-example.ts (see its header) and commit examples/.
      expect([e.fileName, await sameExport(e, readFileSync(join(dir, e.fileName)))]).toEqual([e.fileName, true]);
    }
  });
});

describe('tabs', () => {
  it('has the forum settings, empty field budgets and 11 unique agendas over 5억', () => {
    expect(Object.fromEntries(data.settings)).toMatchObject({ 총예산: '5억', '선택 수': '3', '선택 방식': '최대', '규칙 위반 투표': '무효', '추첨 시드': '20200706' });
    expect(data.fields.length).toBeGreaterThanOrEqual(4);
    expect(data.fields.every(([, budget]) => budget === '')).toBe(true);
    expect(data.agendas.map((a) => a[0])).toEqual(['A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10', 'A11']);
    expect(new Set(data.agendas.map((a) => a[1])).size).toBe(11);
    const fields = new Set(data.fields.map(([f]) => f));
    expect(data.agendas.every((a) => fields.has(a[2]))).toBe(true);
    const total = AGENDAS.reduce((n, a) => n + a.cost, 0);
    expect(total).toBeGreaterThan(800_000_000);
    expect(total).toBeLessThan(900_000_000 + 1);
    expect(AGENDAS.every((a) => a.cost >= 20_000_000 && a.cost <= 150_000_000)).toBe(true);
  });

  it('ranks so that greedy skips an expensive agenda and funds cheaper ones below it', () => {
    const votes = expectedVotes(data);
    const ranked = [...AGENDAS].sort((a, b) => votes[b.id] - votes[a.id]);
    let spent = 0;
    const decisions = ranked.map((a) => {
      const fits = spent + a.cost <= 500_000_000;
      if (fits) spent += a.cost;
      return fits;
    });
    const firstSkip = decisions.indexOf(false);
    expect(firstSkip).toBeGreaterThan(0);
    expect(decisions.slice(firstSkip + 1)).toContain(true);
  });
});

describe(`mvoting_2020-07-13.csv`, () => {
  const name = 'mvoting_2020-07-13.csv';

  it('is CP949, not UTF-8', () => {
    const { bytes } = file(name);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = new TextDecoder('euc-kr').decode(bytes);
    expect(text.startsWith('투표자,투표일시,선택1,선택2,선택3,동,연령대,성별\r\n')).toBe(true);
    expect(text).toBe(iconv.decode(Buffer.from(bytes), 'cp949'));
    expect(text).toContain('여의동');
  });

  it('holds exactly the planted problems, one per bad row', () => {
    const { bytes, planted } = file(name);
    const [header, ...rows] = parseCsv(new TextDecoder('euc-kr').decode(bytes));
    expect(header).toHaveLength(8);
    expect(rows).toHaveLength(planted.rows);
    expect(rows.length).toBeGreaterThan(10_500);

    const found: Record<string, number> = {};
    const bump = (kind: string) => (found[kind] = (found[kind] ?? 0) + 1);
    const votes: Record<string, number> = {};
    // Duplicates by time order: the earliest vote of a number counts, later ones are extra.
    const order = rows.map((r, i) => ({ r, i, t: parseTime(r[1]) ?? Infinity })).sort((a, b) => a.t - b.t || a.i - b.i);
    const seen = new Set<string>();
    const laterVote = new Set<number>();
    for (const { r, i } of order) {
      if (r[0] === '') continue;
      if (seen.has(r[0])) laterVote.add(i);
      seen.add(r[0]);
    }

    const malformed: string[] = []; // rows with the wrong shape or more than one defect
    rows.forEach((r, i) => {
      if (r.length !== 8) malformed.push(`row ${i + 2}: ${r.length} cells`);
      const defects: string[] = [];
      const time = parseTime(r[1]);
      const choices = r.slice(2, 5).filter((c) => c !== '');
      const ids = choices.map((c) => (IDS.has(c) ? c : ID_BY_TITLE.get(c)));
      if (laterVote.has(i)) defects.push('duplicateVoter');
      if (r[0] === '') defects.push('blankVoter');
      else if (!/^010-\d{4}-\d{4}$/.test(r[0])) malformed.push(`row ${i + 2}: phone ${r[0]}`);
      if (time === null) defects.push('badTimestamp');
      else if (time < WINDOW_START || time > WINDOW_END) defects.push('outsideWindow');
      if (choices.length === 0) defects.push('emptyBallot');
      if (choices.some((c) => c.startsWith('='))) defects.push('formula');
      if (choices.some((c, k) => !c.startsWith('=') && ids[k] === undefined)) defects.push('unknownAgenda');
      const known = ids.filter((id): id is string => id !== undefined);
      if (new Set(known).size < known.length) defects.push('duplicatePick');
      if (defects.length > 1) malformed.push(`row ${i + 2}: ${defects.join(', ')}`);
      if (defects.length === 1) {
        bump(defects[0]);
      } else {
        bump('cleanBallots');
        if (choices.length > 0 && choices.every((c) => ID_BY_TITLE.has(c))) bump('byTitle');
        addVotes(votes, known);
      }
    });

    expect(malformed).toEqual([]);
    for (const kind of ['cleanBallots', 'byTitle', 'duplicateVoter', 'outsideWindow', 'unknownAgenda', 'duplicatePick', 'emptyBallot', 'badTimestamp', 'blankVoter', 'formula']) {
      expect([kind, found[kind] ?? 0]).toEqual([kind, planted[kind]]);
    }
    expect(rows.length - found.cleanBallots).toBe(planted.setAside);
    expect(votes).toEqual(plantedVotes(planted));
    expect(new Set(rows.map((r) => r[0]).filter((v) => v !== '')).size).toBe(planted.distinctVoters);
    // The formula is carried as text: quoted in the CSV, never altered.
    expect(rows.flat()).toContain('=HYPERLINK("http://evil","A01")');
  });

  it('looks like a district: every 동 is from 영등포구, ages and sexes are labelled', () => {
    const [, ...rows] = parseCsv(new TextDecoder('euc-kr').decode(file(name).bytes));
    const dongs = new Set(rows.map((r) => r[5]));
    expect(dongs.size).toBe(18);
    expect([...dongs].every((d) => /^(영등포본|영등포|여의|당산[12]|도림|문래|양평[12]|신길[1345-7]|대림[1-3])동$/.test(d))).toBe(true);
    expect(new Set(rows.map((r) => r[6]))).toEqual(new Set(['10대', '20대', '30대', '40대', '50대', '60대', '70대 이상']));
    expect(new Set(rows.map((r) => r[7]))).toEqual(new Set(['남', '여']));
    // Diurnal pattern: evenings busier than the small hours.
    const hour = (h: number) => rows.filter((r) => r[1].slice(11, 13) === String(h).padStart(2, '0')).length;
    expect(hour(21)).toBeGreaterThan(5 * hour(3));
  });
});

describe('online_form.csv', () => {
  it('is UTF-8 with a BOM and plants over-votes and cross-file duplicates', () => {
    const { bytes, planted } = file('online_form.csv');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(['voter_id', 'timestamp', 'choices', 'channel']);
    expect(rows).toHaveLength(planted.rows);

    const [, ...mRows] = parseCsv(new TextDecoder('euc-kr').decode(file('mvoting_2020-07-13.csv').bytes));
    const mPhones = new Set(mRows.map((r) => digits(r[0])).filter((p) => p !== ''));
    let overVote = 0;
    let cross = 0;
    const votes: Record<string, number> = {};
    for (const [voter, time, choices] of rows) {
      expect(voter).toMatch(/^010\d{8}$/);
      const t = parseTime(time);
      expect(t).not.toBeNull();
      expect(t! >= WINDOW_START && t! <= WINDOW_END).toBe(true);
      const picks = choices.split(/[;,]/).map((c) => c.trim());
      expect(picks.every((p) => IDS.has(p))).toBe(true);
      expect(new Set(picks).size).toBe(picks.length);
      if (picks.length > 3) overVote++;
      else if (mPhones.has(voter)) cross++;
      else addVotes(votes, picks);
    }
    expect(overVote).toBe(planted.overVote);
    expect(cross).toBe(planted.crossFileDuplicate);
    expect(votes).toEqual(plantedVotes(planted));
    expect(rows.some((r) => r[2].includes(', '))).toBe(true);
    expect(rows.some((r) => r[2].includes(';'))).toBe(true);
  });
});

describe('offline_booth_totals.csv', () => {
  it('is a UTF-8 totals table without a BOM, one row per agenda', () => {
    const { bytes, planted } = file('offline_booth_totals.csv');
    expect(bytes[0]).not.toBe(0xef);
    const [header, ...rows] = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    expect(header).toEqual(['의제번호', '득표수']);
    expect(rows.map((r) => r[0])).toEqual([...IDS]);
    const total = rows.reduce((n, r) => n + Number(r[1]), 0);
    expect(total).toBe(planted.totalVotes);
    expect(total).toBeGreaterThanOrEqual(300);
    expect(total).toBeLessThanOrEqual(600);
  });
});

describe('youth_picks.xlsx', () => {
  it('opens with ExcelJS, one row per pick, times as Date cells in the window', async () => {
    const { bytes, planted } = file('youth_picks.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    // Fixed workbook dates: nothing in the file says when it was generated.
    expect(workbook.creator).toBe('Civic Sheets example');
    expect(workbook.created).toEqual(new Date(Date.UTC(2020, 6, 13)));
    expect(workbook.modified).toEqual(new Date(Date.UTC(2020, 6, 13)));
    expect(workbook.worksheets).toHaveLength(1);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('청소년투표');
    expect(sheet.getRow(1).values).toEqual([undefined, '투표자ID', '일시', '선택의제']);
    const perVoter = new Map<string, Set<string>>();
    let rows = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      rows++;
      const [id, when, pick] = [row.getCell(1).value, row.getCell(2).value, row.getCell(3).value];
      expect(String(id)).toMatch(/^Y-\d{4}$/);
      expect(when).toBeInstanceOf(Date);
      expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      // ExcelJS reads Excel's zone-less serials as UTC: the UTC fields are Seoul wall-clock time.
      const ms = (when as Date).getTime();
      expect(ms >= WINDOW_START && ms <= WINDOW_END).toBe(true);
      expect(IDS.has(String(pick))).toBe(true);
      const picks = perVoter.get(String(id)) ?? new Set<string>();
      expect(picks.has(String(pick))).toBe(false);
      perVoter.set(String(id), picks.add(String(pick)));
    });
    expect(rows).toBe(planted.rows);
    expect(perVoter.size).toBe(planted.voters);
    expect([...perVoter.values()].every((p) => p.size >= 1 && p.size <= 3)).toBe(true);
  });
});

describe('all channels', () => {
  it('have about 13,000 distinct voters', async () => {
    const [, ...mRows] = parseCsv(new TextDecoder('euc-kr').decode(file('mvoting_2020-07-13.csv').bytes));
    const [, ...oRows] = parseCsv(new TextDecoder('utf-8').decode(file('online_form.csv').bytes));
    const voters = new Set<string>([...mRows.map((r) => digits(r[0])), ...oRows.map((r) => digits(r[0]))]);
    voters.delete('');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file('youth_picks.xlsx').bytes) as unknown as ArrayBuffer);
    workbook.worksheets[0].eachRow((row, n) => {
      if (n > 1) voters.add(String(row.getCell(1).value));
    });
    expect(voters.size).toBeGreaterThanOrEqual(12_500);
    expect(voters.size).toBeLessThanOrEqual(13_500);
  });
});
