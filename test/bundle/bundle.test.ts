/**
 * The built add-on, as Apps Script will run it: dist/Code.js loaded in node:vm with the fake
 * services as globals, and dist/Sidebar.html checked as one self-contained file. Builds first
 * when dist/ is missing or older than its sources, so it works from a clean checkout.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { createFakeGas, type FakeGas, type FakeOptions } from '../gas/fakeSpreadsheetApp';
import { fingerprintTable } from '../../src/sheets/fingerprint';
import { STAGING_TAB } from '../../src/workflows/stagedImport';

const ROOT = resolve(__dirname, '../..');
const CODE = join(ROOT, 'dist/Code.js');
const SIDEBAR = join(ROOT, 'dist/Sidebar.html');
const MANIFEST = join(ROOT, 'dist/appsscript.json');

const ENTRY_POINTS = [
  'onOpen', 'onInstall', 'menuTally', 'menuImport', 'menuCheckPlans', 'menuOpenSidebar', 'menuInit',
  'rpcStatus', 'rpcInit', 'rpcImport', 'rpcTally', 'rpcImportBegin', 'rpcImportChunk', 'rpcImportFinish',
  'rpcImportCancel', 'rpcReadSettings', 'rpcWriteSettings', 'rpcShowTab', 'rpcCheckPlans',
  'menuReminders', 'menuReport', 'menuPrint', 'rpcReminders', 'rpcReminderCalendar', 'rpcReminderStatus', 'rpcEnableReminders', 'rpcDisableReminders',
  'remindersDaily', 'rpcCompare', 'rpcTallyStep', 'rpcImportFinishStep', 'rpcJobContinue', 'rpcJobCancel', 'rpcJobStatus', 'continueJob',
];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfStale(): void {
  const inputs = ['src', 'sidebar', 'scripts', 'webpack.config.js', 'appsscript.json'].map((p) => join(ROOT, p));
  const newestInput = Math.max(...inputs.filter(existsSync).map(newestMtime));
  const outputs = [CODE, SIDEBAR, MANIFEST];
  const stale = outputs.some((o) => !existsSync(o) || statSync(o).mtimeMs < newestInput);
  if (stale) execSync('npm run build', { cwd: ROOT, stdio: 'pipe' });
}

let code = '';
let sidebar = '';

beforeAll(() => {
  buildIfStale();
  code = readFileSync(CODE, 'utf8');
  sidebar = readFileSync(SIDEBAR, 'utf8');
}, 180_000);

type Bundle = Record<string, (...args: unknown[]) => unknown>;

/** A fresh Apps Script global scope with the fakes, running Code.js. */
function load(options: FakeOptions = {}): { fake: FakeGas; gas: Bundle } {
  // The strict fake grants what the built manifest asks for, no more.
  const scopes = (JSON.parse(readFileSync(MANIFEST, 'utf8')) as { oauthScopes: string[] }).oauthScopes;
  const fake = createFakeGas({ files: { Sidebar: sidebar }, scopes, ...options });
  const context = vm.createContext({ ...fake.globals, console });
  new vm.Script(code, { filename: 'Code.js' }).runInContext(context);
  return { fake, gas: context as unknown as Bundle };
}

describe('dist/Code.js', () => {
  test('declares every entry point as a top-level function', () => {
    const source = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
    const declared = source.statements
      .filter(ts.isFunctionDeclaration)
      .map((f) => f.name?.text);
    expect(declared).toEqual(expect.arrayContaining(ENTRY_POINTS));
    const { gas } = load();
    for (const name of ENTRY_POINTS) expect(typeof gas[name]).toBe('function');
  });

  test('has no import, export or require left', () => {
    const source = ts.createSourceFile('Code.js', code, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
    const found: string[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) || ts.isImportEqualsDeclaration(node)) found.push('import');
      if (ts.isExportDeclaration(node) || ts.isExportAssignment(node)) found.push('export');
      if (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) found.push('export');
      if (ts.isCallExpression(node)) {
        if (node.expression.kind === ts.SyntaxKind.ImportKeyword) found.push('import()');
        if (ts.isIdentifier(node.expression) && node.expression.text === 'require') found.push('require()');
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    expect(found).toEqual([]);
    expect(code).not.toMatch(/(^|[^\w$.])require\s*\(/);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  test('ships the manifest: V8, Asia/Seoul, narrow scopes', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
    expect(manifest).toMatchObject({ runtimeVersion: 'V8', timeZone: 'Asia/Seoul' });
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      // E-mail reminders only (asked for with ScriptApp.requireScopes when turned on):
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/script.send_mail',
      // Who did what (이력, jobs, the busy message): Session.getActiveUser needs it.
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });
});

describe('menu', () => {
  const menuItems = (fake: FakeGas) =>
    fake.ui.menus[0].items.filter((i) => i.functionName).map((i) => [i.caption, i.functionName]);

  test('onOpen in AuthMode.NONE builds the Korean add-on menu and touches no authorised service', () => {
    const { fake, gas } = load({ authMode: 'NONE', locale: 'ko' });
    gas.onOpen({ authMode: 'NONE' });
    expect(fake.ui.menus).toHaveLength(1);
    expect(fake.ui.menus[0].addon).toBe(true);
    expect(menuItems(fake)).toEqual([
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
    const used = Object.keys(fake.log.snapshot());
    expect(used.filter((k) => /^(Spreadsheet\.|Sheet\.|Range\.|Properties|Lock|SpreadsheetApp\.getActive)/.test(k))).toEqual([]);
  });

  test('onOpen shows English labels for an English locale', () => {
    const { fake, gas } = load({ authMode: 'NONE', locale: 'en_US' });
    gas.onOpen({ authMode: 'NONE' });
    expect(menuItems(fake).map(([caption]) => caption)).toEqual(['Tally', 'Import votes', 'Check plans', 'Open sidebar', 'Refresh schedule', 'Result report', 'Print tabs as PDF (A4)', 'Continue the open job', 'Cancel the open job', 'Create tabs']);
  });

  test('onInstall builds the same menu', () => {
    const { fake, gas } = load();
    gas.onInstall({ authMode: 'FULL' });
    expect(menuItems(fake).map(([, fn]) => fn)).toEqual(['menuTally', 'menuImport', 'menuCheckPlans', 'menuOpenSidebar', 'menuReminders', 'menuReport', 'menuPrint', 'menuContinueJob', 'menuCancelJob', 'menuInit']);
    // Every item calls a function the bundle really defines at top level.
    for (const [, fn] of menuItems(fake)) expect(typeof gas[fn]).toBe('function');
  });

  test('menuImport opens the built sidebar on the import step', () => {
    const { fake, gas } = load({ locale: 'en' });
    gas.menuImport();
    expect(fake.ui.sidebars).toHaveLength(1);
    const html = fake.ui.sidebars[0].getContent();
    expect(html).toContain('data-start="import"');
    expect(html).toContain('data-lang="en"');
    gas.menuOpenSidebar();
    expect(fake.ui.sidebars[1].getContent()).toContain('data-start="status"');
  });
});

describe('end to end through the bundle', () => {
  const AGENDAS = [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '골목길 안전 조명', '안전', 150_000_000],
    ['A02', '=HYPERLINK("http://x","청년 공간")', '청년', 200_000_000],
    ['A03', '마을 정원', '환경', 100_000_000],
    ['A04', '경로당 프로그램', '복지', 300_000_000],
  ];
  const EXPORT = [
    ['투표자', '투표일시', '선택'],
    ['010-1111-0001', '2020-07-06 10:00:00', 'A01, A03'],
    ['010-1111-0002', '2020-07-06 11:00:00', 'A01, A02, A03'],
    ['010-1111-0003', '2020-07-07 09:30:00', 'A03'],
    ['010-1111-0004', '2020-07-08 12:00:00', '=1+1'],
    ['+cmd|\' /C calc\'!A0', '2020-07-08 12:00:00', 'A04, A01'],
  ];

  test('menuInit, rpcImport and menuTally produce a 결과 tab with the selected agendas', () => {
    const { fake, gas } = load({ locale: 'ko' });
    gas.menuInit();
    const tabs = fake.spreadsheet.sheets.map((s) => s.name);
    expect(tabs).toEqual(expect.arrayContaining(['설정', '의제', '투표', '결과']));
    expect(fake.ui.alerts[0].title).toBe('탭 만들기');

    // Staff fill in the agendas and settings by hand.
    fake.spreadsheet.seed('의제', AGENDAS);
    fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', 500_000_000], ['선택 수', 3]]);

    const report = gas.rpcImport({ fileName: 'mvoting.csv', encoding: 'utf-8', rows: EXPORT }) as {
      rowsRead: number; ballotsCounted: number; setAside: { total: number };
    };
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    expect(report.rowsRead).toBe(5);
    expect(report.ballotsCounted + report.setAside.total).toBe(5);

    gas.menuTally();
    const summary = fake.ui.alerts[fake.ui.alerts.length - 1];
    expect(summary.title).toBe('개표 결과');
    expect(summary.message).toMatch(/^선정 \d+건, 사용 예산 [\d,]+원 \/ 총예산 500,000,000원$/);
    expect(fake.lock).toMatchObject({ held: false });
    expect(fake.lock.acquired).toBe(fake.lock.released);

    const result = fake.spreadsheet.sheet('결과')!.dump().map((row) => row.map(String));
    const tally = gas.rpcTally() as { selected: string[]; agendas: { id: string; title: string }[] };
    expect(tally.selected.length).toBeGreaterThan(0);
    for (const id of tally.selected) {
      const title = tally.agendas.find((a) => a.id === id)!.title;
      expect(result.some((row) => row.includes(id) && row.includes(title))).toBe(true);
    }
    // A01 and A03 have the most votes and fit the budget together.
    expect(tally.selected).toEqual(expect.arrayContaining(['A01', 'A03']));

    // Nothing the workflows wrote — titles, set-aside rows, voter content — became a formula.
    expect(fake.log.formulas).toEqual([]);
  });

  test('issue 14 on the strict fake: settings typed by hand in a tab the tool made stay as typed; a date cell typed elsewhere still counts its last day; 이력 names the person', () => {
    const { fake, gas } = load({ locale: 'ko', email: 'kim@example.org' });
    gas.rpcInit();
    // Typed into the tool's 설정 (its value cells are plain text) and into a hand-made tab's date cell.
    const settings = fake.spreadsheet.sheet('설정')!;
    const rows = settings.dump();
    const rowOf = (key: string) => rows.findIndex((r) => String(r[0]).replace(/\s/g, '') === key) + 1;
    fake.spreadsheet.type('설정', rowOf('총예산'), 2, '500,000,000');
    fake.spreadsheet.type('설정', rowOf('투표시작'), 2, '2020-07-06');
    expect(settings.get(rowOf('총예산'), 2)).toBe('500,000,000');
    fake.spreadsheet.typeIn('의제', AGENDAS.map((row) => row.map((cell) => String(cell).replace(/^=.*$/, '청년 공간'))));
    // 투표 종료 retyped in a cell someone reformatted as a date: Sheets stores a Date.
    settings.setFormat(rowOf('투표종료'), 2, 'General');
    fake.spreadsheet.type('설정', rowOf('투표종료'), 2, '2020-07-13');
    expect(Object.prototype.toString.call(settings.get(rowOf('투표종료'), 2))).toBe('[object Date]');
    const lastDay = [['투표자', '투표일시', '선택1'], ['010-9000-0001', '2020-07-13 22:00:00', 'A02'], ['010-9000-0002', '2020-07-13 23:59:00', 'A02'], ['010-9000-0003', '2020-07-14 00:00:01', 'A01']];
    const report = gas.rpcImport({ fileName: 'last-day.csv', encoding: 'utf-8', rows: lastDay }) as { ballotsCounted: number };
    expect(report.ballotsCounted).toBe(2);
    const tally = gas.rpcTally() as { validBallots: number; agendas: { id: string; votes: number }[] };
    expect(tally.validBallots).toBe(2);
    expect(tally.agendas.find((a) => a.id === 'A02')?.votes).toBe(2);
    const audit = fake.spreadsheet.sheet('이력')!.dump();
    expect(audit.slice(1).every((row) => row.includes('kim@example.org'))).toBe(true);
    expect(fake.log.formulas).toEqual([]);
    // Every tab fits what it holds: no spare 1000 × 26 grids.
    for (const sheet of fake.spreadsheet.sheets) expect({ tab: sheet.name, big: sheet.gridCells() >= 26_000 }).toEqual({ tab: sheet.name, big: false });
  });

  test('a staged upload: no phone number reaches the staging tab, the file is checked, and it counts as one call does', () => {
    const oneCall = load({ locale: 'ko' });
    const staged = load({ locale: 'ko' });
    for (const { fake, gas } of [oneCall, staged]) {
      gas.menuInit();
      fake.spreadsheet.seed('의제', AGENDAS);
      fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', 500_000_000], ['선택 수', 3]]);
    }
    const expected = oneCall.gas.rpcImport({ fileName: 'mvoting.csv', encoding: 'utf-8', rows: EXPORT }) as { rowsRead: number; ballotsCounted: number };

    const { fake, gas } = staged;
    const { importId } = gas.rpcImportBegin({ fileName: 'mvoting.csv', encoding: 'utf-8', fingerprint: fingerprintTable(EXPORT), rowCount: EXPORT.length }) as { importId: string };
    gas.rpcImportChunk({ importId, index: 0, rows: EXPORT.slice(0, 3) });
    gas.rpcImportChunk({ importId, index: 1, rows: EXPORT.slice(3) });
    const stagedCells = JSON.stringify(fake.spreadsheet.sheet(STAGING_TAB)?.dump());
    // The rows are there (the check below is not about an empty tab), with their voters as keys.
    expect(stagedCells).toContain(importId);
    expect(stagedCells.match(/v[0-9a-f]{31}/g)?.length).toBe(EXPORT.length - 1);
    for (const row of EXPORT.slice(1)) if (row[0].startsWith('010')) expect(stagedCells).not.toContain(row[0]);
    let step = gas.rpcImportFinishStep(importId, 2) as { done: boolean; result?: { rowsRead: number; ballotsCounted: number } };
    for (let guard = 0; !step.done && guard < 20; guard++) step = gas.rpcImportFinishStep(importId, 2) as typeof step;
    expect(step.result).toMatchObject({ rowsRead: expected.rowsRead, ballotsCounted: expected.ballotsCounted });
    expect(fake.spreadsheet.sheet('투표')?.dump().length).toBe(oneCall.fake.spreadsheet.sheet('투표')?.dump().length);
  });

  test('menuReport shows the result report in a dialog with a download link; titles stay text', () => {
    const { fake, gas } = load({ locale: 'ko' });
    gas.menuInit();
    fake.spreadsheet.seed('의제', AGENDAS);
    fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', 500_000_000], ['선택 수', 3]]);
    gas.rpcImport({ fileName: 'mvoting.csv', encoding: 'utf-8', rows: EXPORT });
    gas.menuReport();
    const dialog = fake.ui.sidebars[fake.ui.sidebars.length - 1].getContent();
    expect(dialog).toContain('<h1 data-field="title">주민 의제 투표 결과 공고</h1>');
    // The stylesheet reaches the page as CSS, not escaped as text (quotes in font names).
    expect(dialog).toContain('font-family: "Noto Sans CJK KR"');
    expect(dialog).toMatch(/<a download="civic-sheets-result\.html" href="data:text\/html;charset=utf-8,%3C!doctype%20html%3E/);
    expect(dialog).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;청년 공간&quot;)');
    expect(dialog).not.toMatch(/<script/i);
    expect(fake.lock.acquired).toBe(fake.lock.released);
  });

  test('menuCheckPlans writes 검토 with failing cells coloured, and rpcCheckPlans returns JSON-safe data', () => {
    const { fake, gas } = load({ locale: 'ko' });
    gas.menuInit();
    fake.spreadsheet.seed('사업계획', [
      ['사업명', '통계목', '산출내역', '금액', '연도'],
      ['=HYPERLINK("http://x","벼룩시장")', '401-01', '임시 시설', '72,000,000', 2020],
      ['=HYPERLINK("http://x","벼룩시장")', '201-03', '운영', '4,800만원', 2020],
    ]);
    gas.menuCheckPlans();
    expect(fake.ui.alerts[fake.ui.alerts.length - 1].message).toMatch(/^사업 1개 검토: 통과 \d+, 경고 \d+, 실패 1\n/);
    const sheet = fake.spreadsheet.sheet('검토')!;
    const cells = sheet.dump().map((row) => row.map(String));
    const at = cells.findIndex((row) => row.includes('시설비 60.0% > 50% (12,000,000원 초과) [예시 규칙]'));
    expect(at).toBeGreaterThan(0);
    expect(sheet.background(at + 1, 11)).toBe('#f4c7c3');
    expect(cells[at][10]).toBe('실패');
    const review = gas.rpcCheckPlans() as { projects: { title: string }[] };
    expect(JSON.parse(JSON.stringify(review))).toEqual(review);
    expect(review.projects[0].title).toBe('=HYPERLINK("http://x","벼룩시장")');
    expect(fake.log.formulas).toEqual([]);
  });

  test('two people at once: the second is told who tallies since when; the lock holder record is cleared after', () => {
    const { fake, gas } = load({ locale: 'en_US', lockBusy: true });
    fake.properties.set('civicSheets.lockHolder', JSON.stringify({ by: 'kim@example.org', since: Date.now() - 60_000, what: 'tally' }));
    expect(() => gas.rpcTallyStep()).toThrow(/^다른 개표 작업이 진행 중입니다 \(kim@example\.org, \d\d:\d\d 시작\).* \/ Another tally is running \(started by kim@example\.org at \d\d:\d\d\)/);
    const free = load();
    free.gas.rpcInit();
    free.fake.spreadsheet.seed('설정', [['항목', '값'], ['총예산', 100_000_000], ['선택 수', 2]]);
    free.fake.spreadsheet.seed('의제', [['번호', '의제명', '사업비'], ['A01', '축제', 50_000_000]]);
    const step = free.gas.rpcTallyStep() as { done: boolean };
    expect(step.done).toBe(true);
    expect(free.fake.properties.has('civicSheets.lockHolder')).toBe(false);
    expect(free.gas.rpcJobStatus()).toBeNull();
  });

  test('rpc errors reach the sidebar as a readable message, not a stack', () => {
    const { gas } = load({ locale: 'ko' });
    let caught: unknown;
    try {
      gas.rpcTally();
    } catch (err) {
      caught = err;
    }
    const message = (caught as Error).message;
    expect(message).toMatch(/탭/);
    expect(message).not.toMatch(/\n\s+at /);
  });

  test('rpcStatus returns JSON-safe data', () => {
    const { gas } = load();
    gas.rpcInit();
    const status = gas.rpcStatus();
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });
});

describe('dist/Sidebar.html', () => {
  test('is one self-contained file within its 150 KB budget (scripts/build-sidebar.mjs)', () => {
    expect(Buffer.byteLength(sidebar, 'utf8')).toBeLessThanOrEqual(150_000);
    const tags = sidebar.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((t) => /\s(src|href|srcset|action)\s*=/i.test(t))).toEqual([]);
    expect(sidebar).not.toMatch(/<link\b/i);
    const style = sidebar.match(/<style>([\s\S]*?)<\/style>/)?.[1] ?? '';
    expect(style).not.toMatch(/@import|url\(/i);
    expect(sidebar.match(/<script\b/gi)).toHaveLength(1);
    expect(sidebar).toContain('data-start="status"');
    expect(sidebar).toContain('data-lang=""');
  });

  test('has a label for every form control and a name for every button', () => {
    const inputs = [...sidebar.matchAll(/<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(inputs).toEqual(expect.arrayContaining(['import-file', 'import-encoding', 'import-channel']));
    expect(inputs.length).toBeGreaterThan(0);
    for (const id of inputs) expect(sidebar).toMatch(new RegExp(`<label[^>]*for="${id}"`));
    const buttons = [...sidebar.matchAll(/<button\b[^>]*>([^<]*)<\/button>/g)];
    for (const [, text] of buttons) expect(text.trim()).not.toBe('');
  });
});
