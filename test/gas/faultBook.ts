/**
 * The fake spreadsheet the fault tests strike: installed fresh for each book, with one salt for
 * every run (so that voter keys, and the fingerprints over them, compare), 설정 and 의제 typed in,
 * and the console kept quiet (the entry points log the faults they report).
 */
import { createFakeGas, installFakeGas, type FakeGas } from './fakeSpreadsheetApp';
import { addTriggersAndMail } from './fakeTriggersAndMail';

export const TIME_LIMIT = 'Exceeded maximum execution time';
export const SERVICE_TIMEOUT = 'Service Spreadsheets timed out while accessing document with id fake-spreadsheet.';

/** Registers the hooks of a test file; returns what makes each test's book. */
export function faultBooks(): () => FakeGas {
  let uninstall: (() => void) | null = null;
  let quiet: jest.SpyInstance[] = [];
  beforeEach(() => {
    quiet = [jest.spyOn(console, 'error').mockImplementation(() => undefined), jest.spyOn(console, 'warn').mockImplementation(() => undefined)];
  });
  afterEach(() => {
    uninstall?.();
    uninstall = null;
    for (const spy of quiet) spy.mockRestore();
  });
  return () => {
    uninstall?.();
    const fake = createFakeGas();
    addTriggersAndMail(fake);
    uninstall = installFakeGas(fake);
    fake.properties.set('civicSheets.voterSalt', 'f'.repeat(64));
    fake.spreadsheet.typeIn('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '2']]);
    fake.spreadsheet.typeIn('의제', [['번호', '의제명', '사업비'], ['A01', '축제', '50,000,000'], ['A02', '장터', '30,000,000'], ['A03', '공간', '40,000,000']]);
    return fake;
  };
}
