#!/usr/bin/env node
import { useNativeSha256 } from './nativeHash';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isUserError, UserError } from '../core/errors';
import type { EncodingChoice } from '../io/decode';
import { checkPlans, initWorkbook, runTally } from '../workflows';
import { importRows } from '../workflows/importBallots';
import { runDemo } from './demo';
import { nodeContext } from './nodeContext';
import { comparePbFile, describeCompare, describePbImport, describePbTally, exportBookToPb, importPbIntoBook, isPbFile, tallyPbFile } from './pabulibCommands';
import { readExportRows } from './readExport';
import { describeImport, describeIntegrity, describeStatistics, describeTally } from './reports';
import { runIntegrity } from '../workflows/integrity';
import { runCompare } from '../workflows/compare';
import { runStatistics } from '../workflows/statistics';
import { buildReport } from '../workflows/report';
import { describePlanReview } from './planReport';
import { describeReminders, runRemindersCommand } from './remindersCommand';
import { XlsxWorkbook } from './xlsxWorkbook';

const USAGE = `civic-sheets — 주민 의제 투표 개표 / resident agenda vote tally

  civic-sheets init   <book.xlsx>
  civic-sheets import <book.xlsx> <export.csv|.xlsx> [--encoding auto|utf-8|cp949] [--channel NAME] [--sheet NAME] [--json]
  civic-sheets tally  <book.xlsx> [--json]
  civic-sheets tally  <book.xlsx> --compare [--json]       greedy, greedy-stop and MES side by side → 비교 tab
  civic-sheets check  <book.xlsx> [--json]
  civic-sheets stats  <book.xlsx> [--json]
  civic-sheets report <book.xlsx> --out <result.html>
  civic-sheets check-plans <book.xlsx> [--json]
  civic-sheets demo   [--out <book.xlsx>] [--json]
  civic-sheets import <book.xlsx> <scores.csv|.xlsx> [--json]   심사 (agenda, scorer, score headers) → 심사 tab
  civic-sheets import <book.xlsx> <file.pb> [--json]      pabulib: 설정, 분야, 의제, 투표
  civic-sheets tally  <file.pb> [--rule greedy|greedy-stop|mes] [--tie-break cost-asc,…] [--threshold N|N%|none]
                      [--per-field pool|none|off] [--overshoot 80] [--mes-completion add1|add1-exhaustive|none] [--seed S] [--json]
  civic-sheets tally  <file.pb> --compare [--json]          greedy, greedy-stop and MES side by side
  civic-sheets export <book.xlsx> <out.pb> [--json]         a pabulib file with the tally's outcome in 'selected'
  civic-sheets reminders <book.xlsx> [--today YYYY-MM-DD] [--ics out.ics] [--json]

  --lang ko|en   language of messages and of new tabs (default ko)`;

const OPTIONS = {
  encoding: { type: 'string' },
  channel: { type: 'string' },
  sheet: { type: 'string' },
  json: { type: 'boolean', default: false },
  out: { type: 'string' },
  today: { type: 'string' },
  ics: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
  rule: { type: 'string' },
  'tie-break': { type: 'string' },
  threshold: { type: 'string' },
  'per-field': { type: 'string' },
  overshoot: { type: 'string' },
  'mes-completion': { type: 'string' },
  seed: { type: 'string' },
  compare: { type: 'boolean', default: false },
} as const;

export async function main(argv: string[]): Promise<number> {
  useNativeSha256();
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UserError('usage', `${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  const [command, ...args] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE + '\n');
    return command === undefined && !values.help ? 2 : 0;
  }
  const language = values.lang === 'en' ? 'en' : 'ko';
  if (values.lang !== undefined && values.lang !== 'en' && values.lang !== 'ko') throw new UserError('usage', `--lang ko|en`);
  const ctx = nodeContext(language);
  const print = (text: string): void => {
    process.stdout.write(text + '\n');
  };
  const need = (count: number): void => {
    if (args.length !== count) throw new UserError('usage', `${command}: ${count === 1 ? '<book.xlsx>' : '<book.xlsx> <export>'}\n${USAGE}`);
  };

  switch (command) {
    case 'init': {
      need(1);
      const book = existsSync(args[0]) ? await XlsxWorkbook.open(args[0]) : XlsxWorkbook.create(args[0]);
      const report = initWorkbook(book, ctx);
      await book.save();
      if (values.json) print(JSON.stringify(report, null, 2));
      else print(language === 'ko' ? `만든 탭: ${report.created.join(', ') || '없음'} / 이미 있는 탭: ${report.existing.join(', ') || '없음'}` : `created: ${report.created.join(', ') || 'none'}; existing: ${report.existing.join(', ') || 'none'}`);
      return 0;
    }
    case 'import': {
      need(2);
      if (isPbFile(args[1])) {
        const report = await importPbIntoBook(args[0], args[1], ctx);
        print(values.json ? JSON.stringify(report, null, 2) : describePbImport(report, language));
        return 0;
      }
      const encoding = parseEncoding(values.encoding);
      const book = await XlsxWorkbook.open(args[0]);
      const file = await readExportRows(args[1], { encoding, ...(values.sheet === undefined ? {} : { sheet: values.sheet }) });
      const report = importRows(book, ctx, { fileName: file.fileName, encoding: file.encoding, channel: values.channel }, file.source);
      if (!report.alreadyImported) await book.save();
      print(values.json ? JSON.stringify(report, null, 2) : describeImport(report, language));
      return 0;
    }
    case 'tally': {
      need(1);
      if (isPbFile(args[0])) {
        if (values.compare) {
          const comparison = comparePbFile(args[0], values);
          print(values.json ? JSON.stringify(comparison, null, 2) : describeCompare(comparison, language));
          return 0;
        }
        const json = tallyPbFile(args[0], values, ctx);
        print(values.json ? JSON.stringify(json, null, 2) : `${describeTally(json, language)}\n${describePbTally(json, language)}`);
        return 0;
      }
      const book = await XlsxWorkbook.open(args[0]);
      if (values.compare) {
        // Writes the 비교 tab only; 결과 and 이력 stay the official tally's.
        const comparison = runCompare(book, ctx);
        await book.save();
        print(values.json ? JSON.stringify(comparison, null, 2) : describeCompare(comparison, language));
        return 0;
      }
      const result = runTally(book, ctx);
      await book.save();
      print(values.json ? JSON.stringify(result, null, 2) : describeTally(result, language));
      return 0;
    }
    case 'check': {
      need(1);
      const book = await XlsxWorkbook.open(args[0]);
      const report = runIntegrity(book, ctx);
      await book.save();
      print(values.json ? JSON.stringify(report, null, 2) : describeIntegrity(report, language));
      return 0;
    }
    case 'stats': {
      need(1);
      const book = await XlsxWorkbook.open(args[0]);
      const stats = runStatistics(book, ctx);
      await book.save();
      print(values.json ? JSON.stringify(stats, null, 2) : describeStatistics(stats, language));
      return 0;
    }
    case 'report': {
      need(1);
      if (values.out === undefined) throw new UserError('usage', 'report: --out <result.html>');
      // Tallied on the in-memory copy only: a report never changes the workbook.
      const book = await XlsxWorkbook.open(args[0]);
      await writeFile(values.out, buildReport(book, ctx), 'utf8');
      print(language === 'ko' ? `보고서: ${values.out}` : `report: ${values.out}`);
      return 0;
    }
    case 'export': {
      need(2);
      if (!isPbFile(args[1])) throw new UserError('usage', `export: <book.xlsx> <out.pb>\n${USAGE}`);
      const report = await exportBookToPb(args[0], args[1], ctx);
      print(values.json ? JSON.stringify(report, null, 2) : language === 'ko' ? `${report.out}: 의제 ${report.projects}개, 투표 ${report.votes}건, 선정 ${report.selected.length}개` : `${report.out}: ${report.projects} projects, ${report.votes} votes, ${report.selected.length} selected`);
      return 0;
    }
    case 'check-plans': {
      need(1);
      const book = await XlsxWorkbook.open(args[0]);
      const review = checkPlans(book, ctx);
      await book.save();
      // Broken rules are the result, not an error: exit 0 either way.
      print(values.json ? JSON.stringify(review, null, 2) : describePlanReview(review, language));
      return 0;
    }
    case 'demo': {
      if (args.length > 0) throw new UserError('usage', USAGE);
      const out = values.out ?? 'civic-sheets-example.xlsx';
      const demo = await runDemo(out, ctx);
      if (values.json) print(JSON.stringify({ out, imports: demo.imports, tally: demo.tally, plans: demo.plans }, null, 2));
      else {
        for (const report of demo.imports) print(describeImport(report, language));
        print('');
        print(describeTally(demo.tally, language));
        print('');
        print(describePlanReview(demo.plans, language));
        print('');
        print(language === 'ko' ? `개표한 통합문서: ${out}` : `tallied workbook: ${out}`);
      }
      return 0;
    }
    case 'reminders': {
      need(1);
      const run = await runRemindersCommand(args[0], { today: values.today, ics: values.ics }, ctx);
      print(values.json ? JSON.stringify(run.report, null, 2) : describeReminders(run, values.ics, language));
      return 0;
    }
    default:
      throw new UserError('usage', `unknown command '${command}'\n${USAGE}`);
  }
}

function parseEncoding(value: string | undefined): EncodingChoice {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'utf-8' || value === 'utf8') return 'utf-8';
  if (value === 'cp949' || value === 'euc-kr') return 'cp949';
  throw new UserError('usage', `--encoding auto|utf-8|cp949 (got '${value}')`);
}

/** User errors are one line on stderr and exit 2; anything else is a bug and keeps its stack. */
export function reportError(error: unknown): number {
  if (isUserError(error) || (error instanceof Error && ['DecodeError', 'CsvError', 'ExportReadError'].includes(error.name))) {
    process.stderr.write(`civic-sheets: ${error.message.split('\n')[0]}\n`);
    return 2;
  }
  process.stderr.write(`civic-sheets: internal error / 내부 오류\n${error instanceof Error ? error.stack : String(error)}\n`);
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(error);
    },
  );
}
