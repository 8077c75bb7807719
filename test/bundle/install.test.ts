/**
 * The paste-ready install set (install/Code.gs, Sidebar.html, appsscript.json) is the same
 * program as the clasp bundle in dist/: the same bytes, and, run as Apps Script would run it
 * (node:vm with the fake services), the same entry points, the same menu and the same tabs.
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { createFakeGas, type FakeGas } from '../gas/fakeSpreadsheetApp';

const ROOT = resolve(__dirname, '../..');
const PAIRS = [
  ['dist/Code.js', 'install/Code.gs'],
  ['dist/Sidebar.html', 'install/Sidebar.html'],
  ['dist/appsscript.json', 'install/appsscript.json'],
] as const;

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

beforeAll(() => {
  const newestInput = Math.max(...['src', 'sidebar', 'scripts', 'webpack.config.js', 'appsscript.json'].map((p) => join(ROOT, p)).filter(existsSync).map(newestMtime));
  const stale = PAIRS.flat().some((file) => !existsSync(join(ROOT, file)) || statSync(join(ROOT, file)).mtimeMs < newestInput);
  if (stale) execSync('npm run build', { cwd: ROOT, stdio: 'pipe' });
}, 180_000);

const read = (file: string): Buffer => readFileSync(join(ROOT, file));

function topLevelFunctions(code: string): string[] {
  const source = ts.createSourceFile('Code.gs', code, ts.ScriptTarget.ES2020, false, ts.ScriptKind.JS);
  return source.statements.filter(ts.isFunctionDeclaration).map((f) => f.name?.text ?? '');
}

/** A fresh Apps Script scope running one Code file with its Sidebar. */
function load(code: string, sidebar: string): { fake: FakeGas; gas: Record<string, (...args: unknown[]) => unknown> } {
  const fake = createFakeGas({ files: { Sidebar: sidebar }, locale: 'ko' });
  const context = vm.createContext({ ...fake.globals, console });
  new vm.Script(code, { filename: 'Code.gs' }).runInContext(context);
  return { fake, gas: context as unknown as Record<string, (...args: unknown[]) => unknown> };
}

describe('the paste-ready install set', () => {
  test('holds the three files the Apps Script editor names, byte for byte the clasp bundle', () => {
    for (const [bundle, paste] of PAIRS) expect(read(paste).equals(read(bundle))).toBe(true);
    const sums = read('install/CHECKSUMS.txt').toString('utf8');
    for (const [, paste] of PAIRS) {
      const name = paste.slice('install/'.length);
      expect(sums).toContain(`${createHash('sha256').update(read(paste)).digest('hex')}  ${name}`);
    }
    // Nothing the editor could not take: Code.gs is plain script (no module syntax), the manifest JSON.
    const code = read('install/Code.gs').toString('utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(JSON.parse(read('install/appsscript.json').toString('utf8'))).toEqual(JSON.parse(read('dist/appsscript.json').toString('utf8')));
  });

  test('runs as the same program: same entry points, same menu, same tabs after 초기 설정', () => {
    const bundle = load(read('dist/Code.js').toString('utf8'), read('dist/Sidebar.html').toString('utf8'));
    const paste = load(read('install/Code.gs').toString('utf8'), read('install/Sidebar.html').toString('utf8'));
    const entryPoints = topLevelFunctions(read('install/Code.gs').toString('utf8'));
    expect(entryPoints).toEqual(topLevelFunctions(read('dist/Code.js').toString('utf8')));
    expect(entryPoints).toEqual(expect.arrayContaining(['onOpen', 'onInstall', 'menuReport', 'rpcStatus', 'rpcTally']));
    for (const name of entryPoints) expect(typeof paste.gas[name]).toBe('function');

    for (const run of [bundle, paste]) {
      run.gas.onOpen({ authMode: 'FULL' });
      run.gas.rpcInit();
    }
    const menu = (fake: FakeGas): unknown => fake.ui.menus.map((m) => m.items.map((i) => [i.caption, i.functionName]));
    expect(menu(paste.fake)).toEqual(menu(bundle.fake));
    expect(menu(paste.fake)).not.toEqual([]);
    const tabs = (fake: FakeGas): string[] => fake.spreadsheet.getSheets().map((s) => s.getName());
    expect(tabs(paste.fake)).toEqual(tabs(bundle.fake));
    expect(tabs(paste.fake)).toEqual(expect.arrayContaining(['설정', '의제', '투표', '결과']));
    const status = (gas: Record<string, (...args: unknown[]) => unknown>): unknown => JSON.parse(JSON.stringify(gas.rpcStatus()));
    expect(status(paste.gas)).toEqual(status(bundle.gas));
  });
});
