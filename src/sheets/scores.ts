import { AgendaLookup } from '../core/agendaLookup';
import { UserError } from '../core/errors';
import type { Agenda, CommitteeScore } from '../core/types';
import { normalizeHeader, TABS } from './schema';
import { field, matchColumn, type Table } from './table';

/** A score as written: `85`, `85.5`, `85점`, `85,5` is refused (ambiguous); never negative. */
export function parseScore(text: string): number | undefined {
  const t = text.trim().replace(/\s*점$/, '');
  return /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : undefined;
}

export type ScoreProblem = { code: 'unknown_agenda'; detail: { choice: string } } | { code: 'bad_score'; detail: { score: string } } | { code: 'no_scorer'; detail: Record<string, never> } | { code: 'duplicate_score'; detail: { agenda: string; scorer: string; first: number | 'earlier import' } };

export interface ScoreRowCheck {
  accepted: (CommitteeScore & { row: number })[];
  rejected: { row: number; problem: ScoreProblem }[];
}

/**
 * Checks score rows: a known agenda, a scorer, a readable score, and one score per scorer and
 * agenda (the first counts; `taken` holds pairs already in 심사 from earlier imports).
 */
export function checkScoreRows(rows: readonly { agenda: string; scorer: string; score: string; row: number }[], agendas: readonly Agenda[], taken: ReadonlySet<string> = new Set()): ScoreRowCheck {
  const lookup = new AgendaLookup(agendas);
  const seen = new Map<string, number | 'earlier import'>([...taken].map((key) => [key, 'earlier import']));
  const result: ScoreRowCheck = { accepted: [], rejected: [] };
  for (const r of rows) {
    const agenda = lookup.find(r.agenda);
    const score = parseScore(r.score);
    const key = agenda === undefined ? '' : pairKey(agenda.id, r.scorer);
    if (agenda === undefined) result.rejected.push({ row: r.row, problem: { code: 'unknown_agenda', detail: { choice: r.agenda } } });
    else if (r.scorer.trim() === '') result.rejected.push({ row: r.row, problem: { code: 'no_scorer', detail: {} } });
    else if (score === undefined) result.rejected.push({ row: r.row, problem: { code: 'bad_score', detail: { score: r.score } } });
    else if (seen.has(key)) result.rejected.push({ row: r.row, problem: { code: 'duplicate_score', detail: { agenda: agenda.id, scorer: r.scorer, first: seen.get(key) as number | 'earlier import' } } });
    else {
      seen.set(key, r.row);
      result.accepted.push({ agendaId: agenda.id, scorer: r.scorer.trim(), score, row: r.row });
    }
  }
  return result;
}

export function pairKey(agendaId: string, scorer: string): string {
  return `${agendaId}\u0000${normalizeHeader(scorer)}`;
}

export function describeScoreProblem(p: ScoreProblem, language: 'ko' | 'en'): string {
  const ko = language === 'ko';
  switch (p.code) {
    case 'unknown_agenda':
      return ko ? `없는 의제: '${p.detail.choice}'` : `unknown agenda: '${p.detail.choice}'`;
    case 'bad_score':
      return ko ? `점수를 읽을 수 없음: '${p.detail.score}'` : `unreadable score: '${p.detail.score}'`;
    case 'no_scorer':
      return ko ? '심사위원 없음' : 'no scorer';
    case 'duplicate_score':
      return ko
        ? `같은 심사위원의 같은 의제 점수 중복 (${p.detail.agenda}, ${p.detail.scorer}; 인정: ${p.detail.first === 'earlier import' ? '이전 가져오기' : `${p.detail.first}행`})`
        : `second score by the same scorer for ${p.detail.agenda} (${p.detail.scorer}; counted: ${p.detail.first === 'earlier import' ? 'an earlier import' : `row ${p.detail.first}`})`;
  }
}

/** Whether an export's header is a score sheet (agenda, scorer and score columns) rather than ballots. */
export function isScoreSheet(header: readonly string[]): boolean {
  const has = (key: string): boolean => header.some((h) => matchColumn(h, TABS.scores.columns.find((c) => c.key === key) as (typeof TABS.scores.columns)[number]));
  return has('agenda') && has('scorer') && has('score');
}

/**
 * Reads the 심사 tab for the tally. Scores decide ranks when weights are set, so a row that
 * cannot be read (staff may edit the tab) stops the tally with the rows named.
 */
export function readScores(table: Table | null, agendas: readonly Agenda[]): CommitteeScore[] {
  if (table === null) return [];
  const rows = table.rows.map((row, i) => ({ agenda: field(table, row, 'agenda'), scorer: field(table, row, 'scorer'), score: field(table, row, 'score'), row: table.rowNumbers[i] }));
  const check = checkScoreRows(rows, agendas);
  if (check.rejected.length > 0) {
    const list = check.rejected.slice(0, 10).map((r) => `${r.row}행: ${describeScoreProblem(r.problem, 'ko')}`).join('; ');
    throw new UserError('bad_scores', `'${table.tabName}' 탭의 점수를 읽을 수 없습니다 / Cannot read the scores: ${list}`);
  }
  return check.accepted.map(({ agendaId, scorer, score }) => ({ agendaId, scorer, score }));
}
