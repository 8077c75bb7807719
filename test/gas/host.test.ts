/** The Apps Script host (menu, RPC, context) with the workflows stubbed: host behaviour only. */
import * as workflows from '../../src/workflows';
import { UserError } from '../../src/core/errors';
import { gasContext } from '../../src/gas/context';
import { menuCheckPlans, menuImport, menuInit, menuOpenSidebar, menuTally, onOpen } from '../../src/gas/menu';
import { rpcCheckPlans, rpcImport, rpcStatus, rpcTally } from '../../src/gas/rpc';
import type { TallyJson } from '../../src/workflows';
import { createFakeGas, installFakeGas, type FakeGas, type FakeOptions } from './fakeSpreadsheetApp';

jest.mock('../../src/workflows', () => ({
  initWorkbook: jest.fn(),
  importTable: jest.fn(),
  runTally: jest.fn(),
  readStatus: jest.fn(),
  checkPlans: jest.fn(),
}));
const wf = workflows as jest.Mocked<typeof workflows>;

const SIDEBAR = '<html lang="ko" data-start="status" data-lang=""><body></body></html>';
let fake: FakeGas;
let uninstall: () => void;

function setup(options: FakeOptions = {}): void {
  fake = createFakeGas({ files: { Sidebar: SIDEBAR }, ...options });
  uninstall = installFakeGas(fake);
}

beforeEach(() => jest.resetAllMocks());
afterEach(() => uninstall?.());

/** Only what the menu reads; the rest of TallyJson does not matter here. */
const tally = { budget: 500_000_000, spent: 450_000_000, selected: ['A01', 'A02'] } as TallyJson;

describe('onOpen', () => {
  const items = (f: FakeGas) => f.ui.menus[0].items.filter((i) => i.functionName).map((i) => [i.caption, i.functionName]);

  test('Korean add-on menu for a Korean locale', () => {
    setup({ locale: 'ko_KR' });
    onOpen();
    expect(fake.ui.menus).toHaveLength(1);
    expect(fake.ui.menus[0].addon).toBe(true);
    expect(items(fake)).toEqual([
      ['개표', 'menuTally'],
      ['투표 가져오기', 'menuImport'],
      ['예산 검토', 'menuCheckPlans'],
      ['사이드바 열기', 'menuOpenSidebar'],
      ['일정·알림 새로고침', 'menuReminders'],
      ['결과 보고서', 'menuReport'],
      ['탭 인쇄용 PDF (A4)', 'menuPrint'],
      ['진행 중인 작업 이어서 하기', 'menuContinueJob'],
      ['진행 중인 작업 취소', 'menuCancelJob'],
      ['탭 만들기', 'menuInit'],
    ]);
  });

  test('English menu for another locale; Korean when the locale cannot be read', () => {
    setup({ locale: 'en_US' });
    onOpen();
    expect(items(fake).map(([c]) => c)).toEqual(['Tally', 'Import votes', 'Check plans', 'Open sidebar', 'Refresh schedule', 'Result report', 'Print tabs as PDF (A4)', 'Continue the open job', 'Cancel the open job', 'Create tabs']);
    uninstall();
    setup({ localeThrows: true, locale: 'en' });
    onOpen();
    expect(items(fake)[0][0]).toBe('개표');
  });

  test('in AuthMode.NONE it touches no authorised service', () => {
    setup({ authMode: 'NONE' });
    expect(() => onOpen()).not.toThrow();
    const touched = Object.keys(fake.log.snapshot()).filter((k) => !/^(Ui|Menu|Session\.getActiveUserLocale|SpreadsheetApp\.getUi)/.test(k));
    expect(touched).toEqual([]);
  });
});

describe('menuTally', () => {
  test('runs under the document lock, flushes, releases, and shows a short summary', () => {
    setup();
    wf.runTally.mockReturnValue(tally);
    // Each flush notes whether the lock was still held (the job's checkpoints flush too).
    const app = fake.globals.SpreadsheetApp as { flush: () => void };
    const flush = app.flush;
    const heldAtFlush: boolean[] = [];
    app.flush = () => {
      heldAtFlush.push(fake.lock.held);
      flush();
    };
    menuTally();
    expect(wf.runTally).toHaveBeenCalledTimes(1);
    expect(fake.lock).toMatchObject({ acquired: 1, released: 1, held: false });
    expect(heldAtFlush.length).toBeGreaterThan(0);
    expect(heldAtFlush.every((held) => held)).toBe(true);
    expect(fake.spreadsheet.unflushed).toBe(0);
    expect(fake.ui.alerts).toEqual([{ title: '개표 결과', message: '선정 2건, 사용 예산 450,000,000원 / 총예산 500,000,000원' }]);
  });

  test('says another tally is running when the lock stays taken', () => {
    setup({ lockBusy: true, locale: 'en' });
    menuTally();
    expect(wf.runTally).not.toHaveBeenCalled();
    expect(fake.ui.alerts[0].message).toMatch(/another tally or import is running/i);
  });

  test("shows a UserError's message, and the lock is released", () => {
    setup();
    wf.runTally.mockImplementation(() => {
      throw new UserError('missing_tab', "'의제' 탭이 없습니다.");
    });
    menuTally();
    expect(fake.ui.alerts[0].message).toBe("'의제' 탭이 없습니다.");
    expect(fake.lock.held).toBe(false);
  });

  test('shows one line, never a stack, for an unexpected error', () => {
    setup();
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    wf.runTally.mockImplementation(() => {
      throw new TypeError('x is undefined\nsecond line');
    });
    menuTally();
    expect(fake.ui.alerts[0].message).toBe('예상하지 못한 오류가 발생했습니다: x is undefined');
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

test('menuInit reports created and existing tabs', () => {
  setup({ locale: 'en' });
  wf.initWorkbook.mockReturnValue({ created: ['Settings', 'Ballots'], existing: [] });
  menuInit();
  expect(fake.ui.alerts[0]).toEqual({ title: 'Create tabs', message: 'Created: Settings, Ballots\nAlready there: none' });
});

describe('예산 검토 (Check plans)', () => {
  const review = { projects: [{}, {}, {}], summary: { pass: 20, warning: 2, fail: 1 } } as unknown as workflows.PlanReviewJson;

  test('the menu item runs under the lock and shows the counts and where to look', () => {
    setup();
    wf.checkPlans.mockReturnValue(review);
    menuCheckPlans();
    expect(wf.checkPlans).toHaveBeenCalledTimes(1);
    expect(fake.lock).toMatchObject({ acquired: 1, released: 1, held: false });
    expect(fake.ui.alerts).toEqual([{ title: '예산 검토', message: "사업 3개 검토: 통과 20, 경고 2, 실패 1\n자세한 내용은 '검토' 탭에 있습니다." }]);
  });

  test('a UserError (no plan tab) is shown as its message; rpcCheckPlans returns the review', () => {
    setup({ locale: 'en' });
    wf.checkPlans.mockImplementationOnce(() => {
      throw new UserError('missing_tab', "'사업계획' 탭이 없습니다 / The 'Plans' tab is missing");
    });
    menuCheckPlans();
    expect(fake.ui.alerts[0]).toEqual({ title: 'Check plans', message: "'사업계획' 탭이 없습니다 / The 'Plans' tab is missing" });
    wf.checkPlans.mockReturnValue(review);
    expect(rpcCheckPlans()).toBe(review);
    expect(fake.lock.held).toBe(false);
  });
});

test('menuImport opens the sidebar on the import step; menuOpenSidebar on status', () => {
  setup({ locale: 'en_GB' });
  menuImport();
  menuOpenSidebar();
  const [importSidebar, statusSidebar] = fake.ui.sidebars;
  expect(importSidebar.getContent()).toContain('data-start="import"');
  expect(importSidebar.getContent()).toContain('data-lang="en"');
  expect(importSidebar.getTitle()).toBe('Civic Sheets');
  expect(statusSidebar.getContent()).toContain('data-start="status"');
});

describe('RPC', () => {
  const input = { fileName: 'votes.csv', encoding: 'utf-8', rows: [['투표자키', '선택'], ['a', 'A01']] };

  test('rpcImport passes a checked input to importTable under the lock', () => {
    setup();
    wf.importTable.mockReturnValue({ rowsRead: 1 } as workflows.ImportReport);
    expect(rpcImport(input)).toEqual({ rowsRead: 1 });
    expect(wf.importTable.mock.calls[0][2]).toEqual(input);
    expect(fake.lock).toMatchObject({ acquired: 1, released: 1 });
  });

  test('rpcImport refuses a malformed payload with a readable message', () => {
    setup({ locale: 'en' });
    const bad = { ...input, rows: [['a', 1]] } as unknown as typeof input;
    expect(() => rpcImport(bad)).toThrow('The table to import is not in the expected shape.');
    expect(wf.importTable).not.toHaveBeenCalled();
  });

  test('errors cross as a plain Error carrying the message only', () => {
    setup();
    wf.runTally.mockImplementation(() => {
      throw new UserError('no_ballots', '투표가 없습니다.');
    });
    let caught: unknown;
    try {
      rpcTally();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).constructor).toBe(Error);
    expect((caught as Error).message).toBe('투표가 없습니다.');
    expect(fake.lock.held).toBe(false);
  });

  test('rpcStatus needs no lock', () => {
    setup();
    wf.readStatus.mockReturnValue({ tabs: [], agendas: 0, ballots: 0, setAside: 0, lastImport: null, lastTally: null, resultsEdited: null, schedule: null });
    expect(rpcStatus().ballots).toBe(0);
    expect(fake.lock.acquired).toBe(0);
  });
});

describe('gasContext', () => {
  test('actor falls back to unknown, saying why; secrets are long, random hex', () => {
    setup({ email: '' });
    const ctx = gasContext();
    expect(ctx.actor).toBe('unknown (Google이 주소를 알려주지 않음 / address not shared by Google)');
    const a = ctx.randomSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(ctx.randomSecret()).not.toBe(a);
    expect(ctx.language).toBe('ko');
    expect(Math.abs(ctx.now() - Date.now())).toBeLessThan(1000);
  });

  test('6. who: with the manifest as shipped the actor is the user; without userinfo.email it says why', () => {
    setup({ email: 'kim@example.org' });
    expect(gasContext().actor).toBe('kim@example.org');
    uninstall();
    setup({ email: 'kim@example.org', scopes: fake.options.scopes.filter((s) => !s.endsWith('/userinfo.email')) });
    expect(gasContext().actor).toBe('unknown (주소를 읽을 권한 없음 / no permission to read the address)');
  });

  test('language follows the user locale', () => {
    setup({ locale: 'en_US', email: 'a@b.kr' });
    expect(gasContext()).toMatchObject({ language: 'en', actor: 'a@b.kr' });
  });
});
