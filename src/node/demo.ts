import { headerNames, TABS } from '../sheets/schema';
import type { ImportReport, PlanReviewJson, TallyJson } from '../workflows/api';
import type { HostContext } from '../workflows/context';
import { checkPlans, importTable, initWorkbook, runTally } from '../workflows';
import { generateExample } from './example';
import { tableFromBytes } from './readExport';
import { XlsxWorkbook } from './xlsxWorkbook';

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
export async function runDemo(out: string, ctx: HostContext): Promise<DemoRun> {
  const demoCtx: HostContext = { ...ctx, randomSecret: () => 'civic-sheets-example-salt' };
  const data = await generateExample();
  const book = XlsxWorkbook.create(out);
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
  book.writeTab(tab('execution'), [headerNames(TABS.execution, ctx.language), ...data.execution], { frozenRows: 1, boldRows: [1] });
  const plans = checkPlans(book, demoCtx);
  await book.save();
  return { imports, tally, plans };
}
