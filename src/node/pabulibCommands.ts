import { readFileSync, existsSync } from 'node:fs';
import { writeFileAtomically } from './atomicFile';
import * as path from 'node:path';
import { formatUnits, formatWon, minorToUnits } from '../core/amount';
import { UserError } from '../core/errors';
import { parsePabulib, PbFormatError, writePabulib, type PbInstance } from '../io/pabulib';
import { parseOvershoot, parseThreshold, parseTieBreak, pickOne, MES_COMPLETION_NAMES, RULE_NAMES } from '../sheets/settings';
import { initWorkbook } from '../workflows';
import { compareJson, type CompareJson } from '../workflows/compare';
import type { HostContext } from '../workflows/context';
import { pbTallyInput, tallyPabulib, type PbOptions, type PbTallyJson, type PerFieldChoice } from '../workflows/pabulib';
import { exportPabulib, importPabulib, type PbImportReport } from '../workflows/pabulibBook';
import { renderTable } from './terminalTable';
import { openBook, type OpenBookOptions } from './openBook';

export function isPbFile(file: string): boolean {
  return path.extname(file).toLowerCase() === '.pb';
}

export function readPbFile(file: string): PbInstance {
  if (!existsSync(file)) throw new UserError('no_file', `파일이 없습니다 / No such file: ${file}`);
  try {
    return parsePabulib(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof PbFormatError) throw new UserError('bad_pb', `${path.basename(file)}: ${error.message}`);
    throw error;
  }
}

export interface PbFlags {
  rule?: string;
  'tie-break'?: string;
  threshold?: string;
  'per-field'?: string;
  overshoot?: string;
  'mes-completion'?: string;
  seed?: string;
}

/** CLI flags over the file's META defaults; a flag that cannot be read stops with its name. */
export function pbOptions(flags: PbFlags): PbOptions {
  const options: PbOptions = {};
  const bad = (flag: string, value: string, expected: string): never => {
    throw new UserError('usage', `--${flag} '${value}': ${expected}`);
  };
  if (flags.rule !== undefined) options.rule = pickOne(flags.rule, RULE_NAMES) ?? bad('rule', flags.rule, 'greedy|greedy-stop|mes');
  if (flags['tie-break'] !== undefined) options.tieBreak = parseTieBreak(flags['tie-break'].replace(/-/g, '_')) ?? bad('tie-break', flags['tie-break'], 'cost-asc,cost-desc,order,lottery');
  if (flags.threshold !== undefined) {
    const t = flags.threshold.trim().toLowerCase();
    options.threshold = t === 'none' || t === '0' ? null : (parseThreshold(t) ?? bad('threshold', flags.threshold, 'N, N% or none'));
  }
  if (flags['per-field'] !== undefined) {
    const v = flags['per-field'];
    options.perField = v === 'pool' || v === 'none' || v === 'off' ? (v as PerFieldChoice) : bad('per-field', v, 'pool|none|off');
  }
  if (flags.overshoot !== undefined) {
    const parsed = parseOvershoot(flags.overshoot);
    options.overshoot = parsed === undefined ? bad('overshoot', flags.overshoot, '0..100 (% of the cost), or none') : parsed;
  }
  if (flags['mes-completion'] !== undefined) options.mesCompletion = pickOne(flags['mes-completion'], MES_COMPLETION_NAMES) ?? bad('mes-completion', flags['mes-completion'], 'add1|add1-exhaustive|none');
  if (flags.seed !== undefined) options.seed = flags.seed;
  return options;
}

export function tallyPbFile(file: string, flags: PbFlags, ctx: HostContext): PbTallyJson {
  return tallyPabulib(readPbFile(file), pbOptions(flags), ctx).json;
}

/** `tally --compare`: greedy, greedy-stop and MES on the same votes, side by side. */
export function comparePbFile(file: string, flags: PbFlags): CompareJson {
  const { input, official } = pbTallyInput(readPbFile(file), pbOptions(flags));
  const json = compareJson(input, official);
  const scale = input.settings.moneyScale ?? 0;
  return scale === 0 ? json : { ...json, rules: json.rules.map((r) => ({ ...r, spent: minorToUnits(r.spent, scale) })) };
}

export function describeCompare(json: CompareJson, language: 'ko' | 'en'): string {
  const ko = language === 'ko';
  const withOfficial = json.rules.some((r) => r.official !== null);
  const header = ko ? ['규칙', '선정 수', '선정 합계', '한 개 이상 선정된 투표자', ...(withOfficial ? ['공식 결과와 같음'] : [])] : ['rule', 'selected', 'spent', 'voters with ≥1 pick funded', ...(withOfficial ? ['matches official'] : [])];
  const rows = json.rules.map((r) => [r.rule, String(r.selected.length), formatUnits(r.spent), `${formatWon(r.satisfiedVoters)} (${(r.satisfiedShare * 100).toFixed(1)}%)`, ...(withOfficial ? [r.official === null ? '-' : r.official ? '✓' : '✗'] : [])]);
  const diff = json.differences.map((d) => `${d.id}: ${d.selectedBy.join(', ')}`);
  return [renderTable(header, rows, new Set([1, 2, 3])), '', (ko ? '규칙마다 다른 의제: ' : 'agendas that differ: ') + (diff.join('; ') || '-')].join('\n');
}

export async function importPbIntoBook(bookPath: string, pbPath: string, ctx: HostContext, options: OpenBookOptions = {}): Promise<PbImportReport> {
  const instance = readPbFile(pbPath);
  const book = await openBook(bookPath, { ...options, create: true });
  initWorkbook(book, ctx);
  const report = importPabulib(book, ctx, instance, path.basename(pbPath));
  await book.save();
  return report;
}

export async function exportBookToPb(bookPath: string, outPath: string, ctx: HostContext, options: OpenBookOptions = {}): Promise<{ out: string; projects: number; votes: number; selected: string[] }> {
  const book = await openBook(bookPath, options);
  const instance = exportPabulib(book, ctx, path.basename(bookPath, path.extname(bookPath)));
  await writeFileAtomically(outPath, writePabulib(instance));
  return { out: outPath, projects: instance.projects.length, votes: instance.votes.length, selected: instance.projects.filter((p) => p.columns.selected === '1').map((p) => p.id) };
}

export function describePbTally(json: PbTallyJson, language: 'ko' | 'en'): string {
  const ko = language === 'ko';
  const lines: string[] = [];
  if (json.official !== null) {
    lines.push(
      json.official.matches
        ? ko
          ? '공식 결과(selected)와 일치 ✓'
          : 'matches the official outcome (selected) ✓'
        : ko
          ? `공식 결과와 다름 ✗ — 공식에만: ${json.official.missing.join(', ') || '-'}; 이 개표에만: ${json.official.extra.join(', ') || '-'}`
          : `differs from the official outcome ✗ — official only: ${json.official.missing.join(', ') || '-'}; this tally only: ${json.official.extra.join(', ') || '-'}`,
    );
  }
  if (json.official !== null && !json.official.matches && json.official.matchingSettings !== undefined) {
    const found = json.official.matchingSettings;
    lines.push(
      found.length > 0
        ? ko
          ? `공식 결과를 재현하는 설정: ${found.slice(0, 5).join(' | ')}`
          : `settings that reproduce the official outcome: ${found.slice(0, 5).join(' | ')}`
        : ko
          ? '이 도구의 다른 설정(중단, 최소 득표, 동점 처리)으로도 공식 결과가 재현되지 않습니다: 지역 규칙일 수 있습니다'
          : "no other setting of the tool (stop, threshold, tie-break) reproduces the official outcome: the city may use a local rule",
    );
  }
  if (json.voteType !== 'approval') lines.push(ko ? `투표 방식 ${json.voteType}: ${json.voteType === 'ordinal' ? 'Borda 점수(max_length − 순서)' : json.voteType === 'choose-1' ? '1개 선택' : '투표의 점수 합'}` : `vote type ${json.voteType}: ${json.voteType === 'ordinal' ? 'Borda points (max_length − position)' : json.voteType === 'choose-1' ? 'one pick' : 'points given, summed'}`);
  const notCounted = json.setAsideBallots.filter((s) => !s.counted);
  const inPart = json.setAsideBallots.filter((s) => s.counted);
  const shown = (list: typeof json.setAsideBallots): string => list.slice(0, 10).map((s) => `VOTES ${s.row}: ${s.reason}`).join('; ') + (list.length > 10 ? ' …' : '');
  if (notCounted.length > 0) lines.push((ko ? `제외된 투표 ${formatWon(notCounted.length)}건 — ` : `${formatWon(notCounted.length)} ballots set aside — `) + shown(notCounted));
  if (inPart.length > 0) lines.push((ko ? `일부만 반영된 투표 ${formatWon(inPart.length)}건 — ` : `${formatWon(inPart.length)} ballots counted in part — `) + shown(inPart));
  if (json.mes !== null) lines.push(ko ? `MES 보완 ${json.mes.completion}: 1인당 몫 ${json.mes.perVoterBudget}, ${json.mes.runs}회 실행` : `MES completion ${json.mes.completion}: per-voter share ${json.mes.perVoterBudget}, ${json.mes.runs} runs`);
  if (json.overspend > 0) lines.push(ko ? `예산 초과액(초과 허용): ${formatUnits(json.overspend)}` : `overspend (overshoot rule): ${formatUnits(json.overspend)}`);
  return lines.join('\n');
}


export function describePbImport(report: PbImportReport, language: 'ko' | 'en'): string {
  const b = report.ballots;
  return language === 'ko'
    ? `의제 ${report.projects}개 (철회 제외 ${report.withdrawn.length}개: ${report.withdrawn.join(', ') || '-'}), 분야 ${report.fields}개, 투표 ${b.ballotsCounted}건 (제외 ${b.setAside.total}건), 설정: ${Object.entries(report.settings).map(([k, v]) => `${k}=${v}`).join(', ')}`
    : `${report.projects} agendas (${report.withdrawn.length} withdrawn left out: ${report.withdrawn.join(', ') || '-'}), ${report.fields} fields, ${b.ballotsCounted} ballots (${b.setAside.total} set aside), settings: ${Object.entries(report.settings).map(([k, v]) => `${k}=${v}`).join(', ')}`;
}
