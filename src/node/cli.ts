#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { isUserError, UserError } from '../core/errors';
import type { EncodingChoice } from '../io/decode';
import { checkPlans, initWorkbook, runTally } from '../workflows';
import { importRows } from '../workflows/importBallots';
import { writeFileAtomically } from './atomicFile';
import { terminalJson, terminalText } from './terminalText';
import { runDemo } from './demo';
import { nodeContext } from './nodeContext';
import { limitHeapGrowth } from './heapGrowth';
import { comparePbFile, describeCompare, describePbImport, describePbTally, exportBookToPb, importPbIntoBook, isPbFile, tallyPbFile } from './pabulibCommands';
import { readExportRows } from './readExport';
import { describeImport, describeIntegrity, describeStatistics, describeTally } from './reports';
import { runIntegrity } from '../workflows/integrity';
import { runCompare } from '../workflows/compare';
import { runStatistics } from '../workflows/statistics';
import { buildReport } from '../workflows/report';
import { describePlanReview } from './planReport';
import { describeReminders, runRemindersCommand } from './remindersCommand';
import { openBook, type OpenBookOptions } from './openBook';
import { BALLOT_TAB_NAMES } from './xlsxWorkbook';

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

  --lang ko|en   language of messages and of new tabs (default ko)
  --key FILE     the workbook's voter key (default <book.xlsx>.key beside it; never inside the .xlsx)`;

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
  key: { type: 'string' },
} as const;

export async function main(argv: string[]): Promise<number> {
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
  // Text from files reaches these lines: no control character gets to the terminal (terminalText.ts).
  const print = (text: string): void => {
    process.stdout.write((values.json ? terminalJson(text) : terminalText(text)) + '\n');
  };
  const bookOptions: OpenBookOptions = {
    ...(values.key === undefined ? {} : { keyPath: values.key }),
    notice: (text) => process.stderr.write(`civic-sheets: ${text}\n`),
  };
  const need = (count: number): void => {
    if (args.length !== count) throw new UserError('usage', `${command}: ${count === 1 ? '<book.xlsx>' : '<book.xlsx> <export>'}\n${USAGE}`);
  };

  switch (command) {
    case 'init': {
      need(1);
      const book = await openBook(args[0], { ...bookOptions, create: true });
      const report = initWorkbook(book, ctx);
      await book.save();
      if (values.json) print(JSON.stringify(report, null, 2));
      else print(language === 'ko' ? `만든 탭: ${report.created.join(', ') || '없음'} / 이미 있는 탭: ${report.existing.join(', ') || '없음'}` : `created: ${report.created.join(', ') || 'none'}; existing: ${report.existing.join(', ') || 'none'}`);
      return 0;
    }
    case 'import': {
      need(2);
      if (isPbFile(args[1])) {
        const report = await importPbIntoBook(args[0], args[1], ctx, bookOptions);
        print(values.json ? JSON.stringify(report, null, 2) : describePbImport(report, language));
        return 0;
      }
      const encoding = parseEncoding(values.encoding);
      const book = await openBook(args[0], bookOptions);
      const file = await readExportRows(args[1], { encoding, ...(values.sheet === undefined ? {} : { sheet: values.sheet }) });
      const report = importRows(book, ctx, { fileName: file.fileName, encoding: file.encoding, channel: values.channel, formulaCells: file.formulaCells }, file.source);
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
      const book = await openBook(args[0], bookOptions);
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
      const book = await openBook(args[0], bookOptions);
      const report = runIntegrity(book, ctx);
      await book.save();
      print(values.json ? JSON.stringify(report, null, 2) : describeIntegrity(report, language));
      return 0;
    }
    case 'stats': {
      need(1);
      const book = await openBook(args[0], bookOptions);
      const stats = runStatistics(book, ctx);
      await book.save();
      print(values.json ? JSON.stringify(stats, null, 2) : describeStatistics(stats, language));
      return 0;
    }
    case 'report': {
      need(1);
      if (values.out === undefined) throw new UserError('usage', 'report: --out <result.html>');
      // Tallied on the in-memory copy only: a report never changes the workbook.
      const book = await openBook(args[0], bookOptions);
      await writeFileAtomically(values.out, buildReport(book, ctx));
      print(language === 'ko' ? `보고서: ${values.out}` : `report: ${values.out}`);
      return 0;
    }
    case 'export': {
      need(2);
      if (!isPbFile(args[1])) throw new UserError('usage', `export: <book.xlsx> <out.pb>\n${USAGE}`);
      const report = await exportBookToPb(args[0], args[1], ctx, bookOptions);
      print(values.json ? JSON.stringify(report, null, 2) : language === 'ko' ? `${report.out}: 의제 ${report.projects}개, 투표 ${report.votes}건, 선정 ${report.selected.length}개` : `${report.out}: ${report.projects} projects, ${report.votes} votes, ${report.selected.length} selected`);
      return 0;
    }
    case 'check-plans': {
      need(1);
      const book = await openBook(args[0], { ...bookOptions, unread: BALLOT_TAB_NAMES });
      const review = checkPlans(book, ctx);
      await book.save();
      // Broken rules are the result, not an error: exit 0 either way.
      print(values.json ? JSON.stringify(review, null, 2) : describePlanReview(review, language));
      return 0;
    }
    case 'demo': {
      if (args.length > 0) throw new UserError('usage', USAGE);
      const out = values.out ?? 'civic-sheets-example.xlsx';
      const demo = await runDemo(out, ctx, values.key);
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
      const run = await runRemindersCommand(args[0], { today: values.today, ics: values.ics }, ctx, bookOptions);
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

const NAMED_USER_ERRORS = ['DecodeError', 'CsvError', 'ExportReadError'];

/**
 * Every failure is one line on stderr, never a stack trace. A problem of the input or of the disk
 * (a full disk, no permission: the system's error codes) exits 2; anything else is a bug, exits 1
 * and says how to report it (with CIVIC_SHEETS_DEBUG=1 its stack follows, for the report).
 */
export function reportError(error: unknown, env: NodeJS.ProcessEnv = process.env): number {
  const line = (text: string): string => terminalText(text.split('\n')[0]);
  if (isUserError(error) || (error instanceof Error && NAMED_USER_ERRORS.includes(error.name))) {
    process.stderr.write(`civic-sheets: ${line(error.message)}\n`);
    return 2;
  }
  const system = error as NodeJS.ErrnoException | undefined;
  if (error instanceof Error && typeof system?.code === 'string' && /^E[A-Z]+$/.test(system.code)) {
    const where = system.path === undefined ? '' : `${system.path}: `;
    process.stderr.write(`civic-sheets: ${line(`${where}파일을 다루지 못했습니다 (${system.code}) / file operation failed (${system.code})`)}\n`);
    return 2;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(
    `civic-sheets: 내부 오류입니다. 명령과 이 줄을 관리자에게 알려 주세요 (자세히: CIVIC_SHEETS_DEBUG=1) / internal error, a bug: please report the command and this line (details: CIVIC_SHEETS_DEBUG=1): ${line(message)}\n`,
  );
  if (env.CIVIC_SHEETS_DEBUG === '1' && error instanceof Error && error.stack !== undefined) process.stderr.write(`${error.stack}\n`);
  return 1;
}

if (require.main === module) {
  // Before any large table is read (src/node/heapGrowth.ts).
  limitHeapGrowth();
  // An error outside main's promise (a stream's late failure) is told the same way.
  const fail = (error: unknown): void => {
    process.exitCode = reportError(error);
    process.exit();
  };
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportError(error);
    },
  );
}
