/// <reference lib="dom" />
/**
 * Every rule the tally reads, from the sidebar (built dist/Sidebar.html in Chromium, the real server
 * workflows in Node): the settings form offers MES and its completion, 최소 득표, 초과 허용, field
 * budgets and their leftover, weights and their normalisation, and the notice's keys; it refuses
 * exactly what the server's parsers refuse; what it saves is what the tally then reads. The rule
 * comparison shows greedy, greedy-stop and MES with the share of voters who got ≥1 agenda, as
 * src/workflows/compare.ts computes it. Screenshots go to test-output/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBytes } from '../../src/io/decode';
import { parseCsv } from '../../src/io/csv';
import { readSettings, SETTING_PARSERS } from '../../src/sheets/settings';
import { importTable, initWorkbook } from '../../src/workflows';
import { runCompare } from '../../src/workflows/compare';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { readTab } from '../../src/workflows/tabs';
import { hostContext, ROOT, shoot, sidebarPerFile } from './harness';

const EXAMPLES = join(ROOT, 'examples');
const csv = (name: string): string[][] => parseCsv(decodeBytes(readFileSync(join(EXAMPLES, name))).text).rows;

/** Tabs made, the example's settings, agendas and fields pasted, the CP949 export imported (one fixed salt). */
function prepared(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const ctx = { ...hostContext('ko'), randomSecret: () => 'fixed-secret-0123456789abcdef' };
  initWorkbook(wb, ctx);
  wb.writeTab('설정', csv('settings.csv'));
  wb.writeTab('의제', csv('agendas.csv'));
  wb.writeTab('분야', csv('fields.csv'));
  importTable(wb, ctx, { fileName: 'mvoting_2020-07-13.csv', encoding: 'cp949', rows: csv('mvoting_2020-07-13.csv') });
  return wb;
}

const open = sidebarPerFile();

/** Typed values, good and bad, for each text field: the page must agree with the server's parser on each. */
const SAMPLES: Record<string, string[]> = {
  threshold: ['100', '5%', '1,000표', '120%', '백 표', '-3'],
  overshoot: ['80%', '80', '없음', '120%', '많이'],
  picksPerField: ['2', '0', '두 개', '1.5'],
  weights: ['투표 50, 심사 50', '50/50', '온라인 45, 현장 45, 심사 10', '45/45/10', '투표 50, 투표 50', '심사'],
  noticeDate: ['2020-07-20', '2020. 7. 20.', '7월 20일', '20/07/2020'],
};

describe('every rule from the sidebar', () => {
  test('the settings form offers each rule, checks it with the server parsers, and saves what the tally reads', async () => {
    const wb = prepared();
    const s = await open({ wb, start: 'settings' });
    const { page } = s;
    try {
      await page.locator('#setting-budget').waitFor();
      for (const id of ['rule', 'mesCompletion', 'threshold', 'overshoot', 'leftover', 'weights', 'normalization', 'picksPerField', 'organization', 'title', 'noticeDate', 'department', 'publishChecks']) {
        expect(await page.locator(`#setting-${id}`).count()).toBe(1);
        expect(await page.locator(`label[for="setting-${id}"]`).count()).toBe(1);
      }
      expect(await page.locator('#setting-rule option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toEqual(['greedy', 'greedy-stop', 'mes']);
      expect(await page.locator('input[id^="field-budget-"]').count()).toBe(csv('fields.csv').length - 1);

      for (const [field, values] of Object.entries(SAMPLES)) {
        for (const value of values) {
          await page.fill(`#setting-${field}`, value);
          const refused = (SETTING_PARSERS as Record<string, (t: string) => unknown>)[field](value) === undefined;
          expect([field, value, await page.getAttribute(`#setting-${field}`, 'aria-invalid')]).toEqual([field, value, String(refused)]);
        }
      }
      await page.fill('#setting-weights', '투표 60, 심사 40');
      await page.getByText('= 투표 60% · 심사 40%').waitFor();
      await page.fill('#setting-weights', '');

      // MES: its completion appears, the overshoot (which MES does not use) goes away.
      expect(await page.isVisible('#setting-mesCompletion')).toBe(false);
      await page.selectOption('#setting-rule', 'mes');
      expect(await page.isVisible('#setting-mesCompletion')).toBe(true);
      expect(await page.isVisible('#setting-overshoot')).toBe(false);
      await page.selectOption('#setting-mesCompletion', 'add1-exhaustive');
      await page.fill('#setting-threshold', '500');
      await page.fill('#setting-picksPerField', '');
      await page.fill('#setting-noticeDate', '2020-07-20');
      await page.fill('#field-budget-0', '1억');
      await page.selectOption('#setting-leftover', 'none');
      await page.fill('#setting-organization', '서울특별시 영등포구');
      await page.fill('#setting-title', '2020년 주민참여예산 주민투표');
      await page.selectOption('#setting-publishChecks', 'false');
      await shoot(page, 'ko-15-settings-rules');
      await page.click('#settings-save');
      await page.getByText('설정 탭에 저장했습니다').waitFor();

      const tab = readTab(wb, 'settings');
      if (tab === null) throw new Error('no 설정');
      const settings = readSettings(tab.grid, tab.name);
      expect(settings).toMatchObject({ rule: 'mes', mesCompletion: 'add1-exhaustive', threshold: { kind: 'votes', value: 500 }, leftover: 'none' });
      const rows = new Map(tab.grid.slice(1).map((r) => [String(r[0]), String(r[1] ?? '')]));
      expect(Object.fromEntries(rows)).toMatchObject({ 기관명: '서울특별시 영등포구', 투표명: '2020년 주민참여예산 주민투표', 공고일: '2020-07-20', '검증 공개': '아니오', '선정 방식': 'mes' });
      expect(readTab(wb, 'fields')?.grid[1]).toEqual(['마을공동체', '1억']);
      // 초과 허용 was hidden under MES with a value it cannot read: neither checked nor written.
      expect(rows.get('초과 허용') ?? '').toBe('');
      expect(settings.overshoot).toBeNull();
      // Menus left at their default on an empty row stay empty: no 점수 환산 key, so no fingerprint change.
      expect(rows.has('점수 환산')).toBe(false);
      expect(settings.normalization).toBeUndefined();
      expect(s.pageErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  test('the rule comparison shows greedy, stop and MES with the share of voters who got one agenda or more', async () => {
    const wb = prepared();
    const expected = runCompare(prepared(), hostContext('ko'));
    const s = await open({ wb, start: 'tally' });
    const { page } = s;
    try {
      await page.click('#compare-run');
      await page.locator('#compare-result tbody tr').first().waitFor();
      const rows = await page.locator('#compare-result tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ rule: tr.querySelector('[data-rule]')?.getAttribute('data-rule'), share: tr.querySelector('[data-field="satisfiedShare"]')?.firstChild?.textContent, selected: tr.querySelector('[data-field="selected"]')?.firstChild?.textContent })),
      );
      expect(rows).toEqual(expected.rules.map((r) => ({ rule: r.rule, share: `${(r.satisfiedShare * 100).toFixed(1)}%`, selected: String(r.selected.length) })));
      expect(rows.map((r) => r.rule)).toEqual(['greedy', 'greedy-stop', 'mes']);
      expect(await page.textContent('#compare-result caption')).toContain('공식 결과는 설정의 선정 방식');
      const differences = (await page.textContent('#compare-differences')) ?? '';
      if (expected.differences.length === 0) expect(differences).toBe('세 규칙이 같은 의제를 선정합니다.');
      else for (const d of expected.differences) expect(differences).toContain(d.id);
      expect(wb.tabNames()).toContain('비교');
      expect(s.calls).toContain('rpcCompare');
      await page.locator('#compare-result').scrollIntoViewIfNeeded();
      await shoot(page, 'ko-16-compare');
      expect(s.pageErrors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
