import { printLayout } from '../sheets/printLayout';
import { headerNames, TABS } from '../sheets/schema';
import type { ImportReport, PlanReviewJson, TallyJson } from '../workflows/api';
import type { HostContext } from '../workflows/context';
import { checkPlans, importTable, initWorkbook, runReminders, runTally } from '../workflows';
import { SCHEDULE, SCHEDULE_TODAY, SCHEDULE_YEAR } from './example/schedule';
import { generateExample } from './example';
import { tableFromBytes } from './readExport';
import { XlsxWorkbook } from './xlsxWorkbook';
import { defaultKeyPath, KeyFile } from './keyFile';
import { DOCUMENT_KEY } from '../workflows/documentKey';

export interface DemoRun {
  imports: ImportReport[];
  tally: TallyJson;
  /** 예산 검토 of the selected agendas' plans (사업계획, 집행). */
  plans: PlanReviewJson;
}

/**
 * The main job on the built-in example: a fresh workbook, the example's settings and agendas,
 * every example export imported through the same path a real file takes, then the tally, then
 * the selected agendas' budget plans checked (예산 검토).
 * The voter-key salt is fixed here (the voters are invented) so the whole run is reproducible:
 * the same command prints the same fingerprints on any machine.
 */
const DEMO_KEY = 'civic-sheets-example-salt';

export async function runDemo(out: string, ctx: HostContext, keyPath: string = defaultKeyPath(out)): Promise<DemoRun> {
  const demoCtx: HostContext = { ...ctx, randomSecret: () => DEMO_KEY };
  const data = await generateExample();
  const book = XlsxWorkbook.create(out);
  // A fresh example has the example's key, written beside it as any workbook's key is.
  const keyFile = new KeyFile(keyPath);
  keyFile.set(DEMO_KEY);
  book.keepSecretOutside(DOCUMENT_KEY, keyFile);
  initWorkbook(book, demoCtx);
  const name = (key: 'settings' | 'fields' | 'agendas'): string => (ctx.language === 'ko' ? TABS[key].ko : TABS[key].en);
  book.writeTab(name('settings'), [headerNames(TABS.settings, ctx.language).slice(0, 2), ...data.settings], { frozenRows: 1, boldRows: [1] });
  book.writeTab(name('fields'), [headerNames(TABS.fields, ctx.language), ...data.fields], { frozenRows: 1, boldRows: [1] });
  book.writeTab(name('agendas'), [headerNames(TABS.agendas, ctx.language), ...data.agendas], { frozenRows: 1, boldRows: [1] });
  const imports: ImportReport[] = [];
  for (const file of data.exports) {
    const table = await tableFromBytes(file.fileName, file.bytes);
    imports.push(importTable(book, demoCtx, { fileName: table.fileName, rows: table.rows, encoding: table.encoding, channel: file.channel }));
  }
  const tally = runTally(book, demoCtx);
  // The selected agendas become projects: their budget lines and execution so far, then 예산 검토.
  const tab = (key: 'plans' | 'execution'): string => (ctx.language === 'ko' ? TABS[key].ko : TABS[key].en);
  book.writeTab(tab('plans'), [headerNames(TABS.plans, ctx.language), ...data.plans], { frozenRows: 1, boldRows: [1] });
  book.writeTab(tab('execution'), [headerNames(TABS.execution, ctx.language), ...data.execution], { frozenRows: 1, boldRows: [1], pageSetup: printLayout('execution', 1) });
  const plans = checkPlans(book, demoCtx);
  const scheduleName = ctx.language === 'ko' ? TABS.schedule.ko : TABS.schedule.en;
  const yearName = ctx.language === 'ko' ? '기준 연도' : 'year';
  const scheduleHeader = ['name', 'start', 'end', 'owner', 'email', 'leadDays', 'status', 'note'].map((key) => {
    const column = TABS.schedule.columns.find((c) => c.key === key);
    return column === undefined ? key : ctx.language === 'ko' ? column.ko : column.en;
  });
  book.writeTab(scheduleName, [[yearName, SCHEDULE_YEAR], scheduleHeader, ...SCHEDULE.map((row) => [...row])], { frozenRows: 2, boldRows: [2] });
  // Statuses as of the example's own day, not today: the example is a 2020 forum.
  runReminders(book, demoCtx, { today: SCHEDULE_TODAY });
  await book.save();
  return { imports, tally, plans };
}
