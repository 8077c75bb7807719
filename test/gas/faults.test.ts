/**
 * Faults of the platform at every service call (issue 17 item 8, issue 14 case 8): an upload and a
 * tally through the Apps Script RPCs, with a thrown service error injected at call n for every n of
 * an undisturbed run, on the strict fake (writes buffered until a flush or a read).
 * - "Service Spreadsheets timed out": that call fails, the execution goes on to its catch and
 *   finally blocks (the lock's flush applies what was buffered);
 * - "Exceeded maximum execution time": the execution is dead from that call on (every later call
 *   fails too, no finally runs to completion) and its unflushed writes are lost.
 * The person then does what the sidebar does (the same call again; the job is continued) and the
 * spreadsheet must end exactly as after an undisturbed run — or, if they cancel instead, exactly as
 * before. What they see of the fault is one readable line.
 */
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { rpcCheckPlans, rpcImport, rpcImportBegin, rpcImportChunk, rpcImportFinishStep, rpcInit, rpcJobCancel, rpcJobContinue, rpcJobStatus, rpcTallyStep } from '../../src/gas/rpc';
import type { FakeGas, Stored } from './fakeSpreadsheetApp';
import { faultBooks, SERVICE_TIMEOUT, TIME_LIMIT } from './faultBook';

const SEEN = 'Google 시트가 제때 응답하지 않아 멈췄습니다. 반쯤 된 기록은 남지 않습니다: 다시 시도하거나, 진행 중인 작업이 있으면 이어서 하세요 / Google Sheets did not respond in time, so this stopped. Nothing half-done is kept: try again, or continue the open job if there is one';

const book = faultBooks();

const TABLE = [['투표자', '선택1', '선택2'], ...Array.from({ length: 24 }, (_, i) => [`010${String(i % 20).padStart(8, '0')}`, 'A01', ['A02', 'A03', 'A99'][i % 3]])];

/**
 * What a person sees: the tabs (without the hidden ones, and 이력 without its times). A tally whose
 * reply was lost is run again by the sidebar and leaves a second, identical 개표 row (README,
 * "A lost reply to the last tally step"): identical consecutive rows count once.
 */
function visible(fake: FakeGas): Record<string, Stored[][]> {
  const out: Record<string, Stored[][]> = {};
  for (const sheet of fake.spreadsheet.sheets) {
    if (sheet.name.startsWith('_civic')) continue;
    // The audit chain's keyed digests cover the times too: blanked with them.
    const keyed = (cell: Stored): Stored => (typeof cell === 'string' && /^(hmac:)?[0-9a-f]{32}$/.test(cell) ? '(keyed)' : cell);
    const rows = sheet.dump().map((row, i) => (sheet.name === '이력' && i > 0 ? ['(when)', ...row.slice(2).map(keyed)] : row));
    out[sheet.name] = sheet.name === '이력' ? rows.filter((row, i) => i === 0 || JSON.stringify(row) !== JSON.stringify(rows[i - 1])) : rows;
  }
  return out;
}

/** One call as the sidebar makes it: a fault shows as the one line, and nothing else. */
function attempt<T>(call: () => T, faults: { seen: string[] }): T | null {
  try {
    return call();
  } catch (err) {
    faults.seen.push((err as Error).message);
    return null;
  }
}

/**
 * The upload as the sidebar drives it, each call retried after a fault (a fault in a new execution
 * is healed first: only the execution it struck is affected). `onFault` ends the struck execution.
 */
function uploadAndTally(fake: FakeGas, onFault: () => void): { seen: string[] } {
  const faults = { seen: [] as string[] };
  const retry = <T>(call: () => T): T => {
    for (let guard = 0; guard < 20; guard++) {
      const before = fake.log.faultsThrown;
      const out = attempt(call, faults);
      if (fake.log.faultsThrown > before) {
        onFault();
        fake.log.heal();
      }
      if (out !== null) return out;
    }
    throw new Error(`no progress: ${faults.seen.slice(0, 3).join(' | ')}`);
  };
  const fingerprint = fingerprintTable(TABLE);
  const { importId } = retry(() => rpcImportBegin({ fileName: 'x.csv', encoding: 'utf-8', fingerprint, rowCount: TABLE.length }));
  retry(() => rpcImportChunk({ importId, index: 0, rows: TABLE.slice(0, 13) }));
  retry(() => rpcImportChunk({ importId, index: 1, rows: TABLE.slice(13) }));
  for (let guard = 0; guard < 20 && !retry(() => rpcImportFinishStep(importId, 2)).done; guard++);
  // A fault after the job closed but before the reply: the status then shows no open job.
  if (retry(() => ({ open: rpcJobStatus() })).open !== null) retry(() => rpcJobContinue());
  for (let guard = 0; guard < 20 && !retry(() => rpcTallyStep()).done; guard++);
  return faults;
}

function undisturbed(): { tabs: Record<string, Stored[][]>; calls: number } {
  const fake = book();
  fake.log.reset();
  uploadAndTally(fake, () => undefined);
  return { tabs: visible(fake), calls: fake.log.total() };
}

describe.each([
  ['Service Spreadsheets timed out', SERVICE_TIMEOUT, false],
  ['Exceeded maximum execution time', TIME_LIMIT, true],
])('8. flush, and issue 17 item 8: %s at every call', (_name, message, dead) => {
  test('the upload and the tally end as an undisturbed run does, and the fault shows as one line', () => {
    const reference = undisturbed();
    expect(reference.tabs['투표'].length).toBeGreaterThan(10);
    for (let n = 1; n <= reference.calls; n++) {
      const fake = book();
      fake.log.reset();
      fake.log.failAt(n, message, () => true, dead);
      const { seen } = uploadAndTally(fake, () => (dead ? fake.kill() : undefined));
      expect({ n, tabs: visible(fake) }).toEqual({ n, tabs: reference.tabs });
      expect(rpcJobStatus()).toBeNull();
      for (const line of seen) expect({ n, line }).toEqual({ n, line: SEEN });
    }
  });
});

describe('cancelled after a fault, the upload leaves the tabs as they were', () => {
  test.each([
    ['Service Spreadsheets timed out', SERVICE_TIMEOUT, false],
    ['Exceeded maximum execution time', TIME_LIMIT, true],
  ])('%s at each write of the counting step', (_name, message, dead) => {
    let cancelledAfterWrites = 0;
    for (let k = 1; k <= 6; k++) {
      const fake = book();
      const before = visible(fake);
      const { importId } = rpcImportBegin({ fileName: 'x.csv', encoding: 'utf-8', fingerprint: fingerprintTable(TABLE), rowCount: TABLE.length });
      rpcImportChunk({ importId, index: 0, rows: TABLE });
      // The k-th Range write of the counting step fails (the first stores the plan).
      fake.log.failAt(k, message, (name) => name === 'Range.setValues', dead);
      const seen = { seen: [] as string[] };
      attempt(() => rpcImportFinishStep(importId, 1), seen);
      if (dead) fake.kill();
      fake.log.heal();
      const open = rpcJobStatus();
      // Struck while planning: nothing was written, and the job is planned again when retried.
      if (open === null || open.done === 0) continue;
      expect(seen.seen).toEqual([SEEN]);
      for (let guard = 0; guard < 20 && !rpcJobCancel().done; guard++);
      expect(rpcJobStatus()).toBeNull();
      // 이력 records the cancelling; everything else is as it was.
      expect({ k, tabs: { ...visible(fake), 이력: undefined } }).toEqual({ k, tabs: { ...before, 이력: undefined } });
      cancelledAfterWrites++;
    }
    expect(cancelledAfterWrites).toBeGreaterThan(0);
  });
});

describe('8. and issue 17 item 8: the one-call RPCs under a fault at every call end as an undisturbed run once retried', () => {
  const none = (): void => undefined;
  /** Set up by the tool, with two budget lines of one project typed into 사업계획. */
  const withPlans = (fake: FakeGas): void => {
    rpcInit();
    const lines = [['마을 정원', '', '환경', '401-01', '화단 조성', '38,000', '2020', '구비'], ['마을 정원', '', '환경', '201-01', '홍보', '62,000', '2020', '구비']];
    lines.forEach((cells, r) => cells.forEach((text, c) => fake.spreadsheet.type('사업계획', 2 + r, c + 1, text)));
  };
  const steps: [string, (fake: FakeGas) => void, () => void][] = [
    ['rpcImport (one call)', none, () => void rpcImport({ fileName: 'x.csv', encoding: 'utf-8', rows: TABLE })],
    ['rpcInit', none, () => void rpcInit()],
    ['rpcCheckPlans', withPlans, () => void rpcCheckPlans()],
  ];
  test.each(steps)('%s', (_name, prepare, step) => {
    const reference = book();
    prepare(reference);
    reference.log.reset();
    step();
    const calls = reference.log.total();
    const expected = visible(reference);
    for (const [message, dead] of [[SERVICE_TIMEOUT, false], [TIME_LIMIT, true]] as const) {
      for (let n = 1; n <= calls; n++) {
        const fake = book();
        prepare(fake);
        fake.log.reset();
        fake.log.failAt(n, message, () => true, dead);
        const seen: string[] = [];
        for (let attempt = 0; attempt < 5; attempt++) {
          try {
            step();
            break;
          } catch (err) {
            seen.push((err as Error).message);
            if (dead) fake.kill();
            fake.log.heal();
          }
        }
        expect({ n, message, seen: seen.filter((line) => line !== SEEN) }).toEqual({ n, message, seen: [] });
        expect({ n, message, tabs: visible(fake) }).toEqual({ n, message, tabs: expected });
      }
    }
  });
});
