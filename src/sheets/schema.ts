/**
 * The spreadsheet model: every tab Civic Sheets reads or writes, with its Korean and English
 * names and the header aliases it recognises. Headers are found by name, never by position,
 * so staff may reorder columns or add their own.
 */

export interface ColumnSpec {
  key: string;
  ko: string;
  en: string;
  /** Other names seen in real sheets and exports; compared after normalising case and spaces. */
  aliases: string[];
  required?: boolean;
}

export interface TabSpec {
  key: TabKey;
  ko: string;
  en: string;
  columns: ColumnSpec[];
}

export type TabKey =
  | 'settings' | 'fields' | 'agendas' | 'ballots' | 'totals' | 'results' | 'setAside' | 'audit'
  | 'integrity' | 'statistics' | 'population'
  | 'plans' | 'budgetCodes' | 'guidelines' | 'review' | 'execution'
  | 'schedule' | 'reminders'
  | 'overrides' | 'scores' | 'compare';

/** Pure: lets bundlers drop the tab table where only a parser is used (the sidebar). */
const col = /* @__NO_SIDE_EFFECTS__ */ (key: string, ko: string, en: string, aliases: string[] = [], required = false): ColumnSpec => ({ key, ko, en, aliases, required });

export const TABS: Record<TabKey, TabSpec> = {
  settings: {
    key: 'settings',
    ko: '설정',
    en: 'Settings',
    columns: [col('key', '항목', 'key', ['설정', 'setting', 'name'], true), col('value', '값', 'value', ['설정값'], true), col('note', '설명', 'note', ['비고', 'description'])],
  },
  fields: {
    key: 'fields',
    ko: '분야',
    en: 'Fields',
    columns: [col('name', '분야', 'field', ['분야명', 'name', 'category'], true), col('budget', '예산', 'budget', ['분야별 예산', '분야예산', 'field budget'])],
  },
  agendas: {
    key: 'agendas',
    ko: '의제',
    en: 'Agendas',
    columns: [
      col('id', '번호', 'id', ['의제번호', '의제 번호', 'no', 'number', 'agenda id', 'project_id'], true),
      col('title', '의제명', 'title', ['제목', '의제', 'name', '사업명'], true),
      col('field', '분야', 'field', ['category']),
      col('cost', '사업비', 'cost', ['예산', '소요예산', '사업 예산', 'budget', 'amount'], true),
      col('department', '담당부서', 'department', ['부서', 'dept']),
    ],
  },
  ballots: {
    key: 'ballots',
    ko: '투표',
    en: 'Ballots',
    columns: [
      col('voterKey', '투표자키', 'voter_key', ['투표자 키', 'voter key'], true),
      col('votedAt', '투표일시', 'voted_at', ['일시', 'timestamp']),
      col('choices', '선택', 'choices', ['선택의제'], true),
      col('channel', '채널', 'channel', ['투표방법']),
      col('dong', '동', 'dong'),
      col('ageGroup', '연령대', 'age_group'),
      col('gender', '성별', 'gender'),
      col('source', '가져오기', 'import', ['source']),
      col('row', '원본 행', 'source_row', ['row']),
      // A keyed digest of the row's cells (workflows/ballotSeal.ts): a hand edit shows.
      col('seal', '봉인', 'seal'),
    ],
  },
  totals: {
    key: 'totals',
    ko: '집계',
    en: 'Totals',
    columns: [
      col('channel', '채널', 'channel', [], true),
      col('agenda', '의제', 'agenda', ['번호', 'id'], true),
      col('votes', '득표', 'votes', ['득표수', '표수'], true),
      col('source', '가져오기', 'import', ['source']),
      col('row', '원본 행', 'source_row', ['row']),
    ],
  },
  results: { key: 'results', ko: '결과', en: 'Results', columns: [] },
  setAside: {
    key: 'setAside',
    ko: '제외',
    en: 'Set aside',
    columns: [
      col('stage', '단계', 'stage', [], true),
      col('action', '조치', 'action', [], true),
      col('source', '가져오기', 'import', ['source']),
      col('file', '파일', 'file'),
      col('row', '원본 행', 'source_row', ['row']),
      col('voterKey', '투표자키', 'voter_key'),
      col('reason', '사유', 'reason', [], true),
      col('content', '원본 내용', 'original_content', ['content']),
    ],
  },
  audit: {
    key: 'audit',
    ko: '이력',
    en: 'Audit',
    columns: [
      col('when', '일시', 'when', [], true),
      col('who', '실행자', 'who'),
      col('what', '작업', 'what', [], true),
      col('detail', '내용', 'detail'),
      col('input', '입력 지문', 'input_fingerprint', [], true),
      col('settings', '설정', 'settings'),
      col('result', '결과 지문', 'result_fingerprint'),
      col('resultsTab', '결과 탭 지문', 'results_tab_hash'),
      // An import's 투표 rows and the keyed digest of their seals (workflows/ballotSeal.ts).
      col('ballots', '투표 행 수', 'ballot_rows'),
      col('seal', '봉인', 'seal'),
      // A keyed digest over the previous row's and this row's cells (workflows/auditChain.ts).
      col('chain', '연결 지문', 'chain'),
    ],
  },
  integrity: { key: 'integrity', ko: '검증', en: 'Integrity', columns: [] },
  statistics: { key: 'statistics', ko: '통계', en: 'Statistics', columns: [] },
  population: {
    key: 'population',
    ko: '인구',
    en: 'Population',
    columns: [col('dong', '동', 'dong', ['행정동'], true), col('population', '인구', 'population', ['인구수', '주민 수', '주민등록인구'], true)],
  },
  // Budget plans (issue 6): one row per budget line, the code table, the guideline, the review, the execution record.
  plans: {
    key: 'plans',
    ko: '사업계획',
    en: 'Plans',
    columns: [
      col('project', '사업명', 'project', ['사업', '세부사업', '세부사업명', 'project name', 'title']),
      col('agenda', '의제 번호', 'agenda_id', ['의제번호', '번호', 'agenda', 'agenda id']),
      col('field', '분야', 'field'),
      col('code', '통계목', 'budget_code', ['예산과목', '과목', '통계목 코드', 'code', 'budget code'], true),
      col('item', '산출내역', 'item', ['내역', '세부내역', '산출근거', 'description', 'item description']),
      col('amount', '금액', 'amount', ['예산액', '예산', '금액(원)', '금액(천원)', '예산액(천원)', 'amount (krw)', 'amount (1,000 krw)'], true),
      col('year', '연도', 'year', ['회계연도', '년도', '사업연도', 'fiscal year'], true),
      col('source', '재원', 'funding_source', ['재원구분', 'source', 'funding']),
    ],
  },
  budgetCodes: {
    key: 'budgetCodes',
    ko: '예산과목',
    en: 'Budget codes',
    columns: [
      col('code', '통계목', 'code', ['코드', '예산과목', 'budget code'], true),
      col('name', '과목명', 'name', ['통계목명', '명칭']),
      col('group', '편성목', 'group', ['편성목명']),
      col('categories', '분류', 'categories', ['범주', 'category']),
      col('from', '시작 연도', 'from_year', ['적용 시작', '시작연도', 'from']),
      col('until', '종료 연도', 'until_year', ['적용 종료', '종료연도', 'until']),
      col('note', '비고', 'note'),
    ],
  },
  guidelines: {
    key: 'guidelines',
    ko: '지침',
    en: 'Guidelines',
    columns: [
      col('from', '시작 연도', 'from_year', ['연도', 'year', '적용 연도', '시행 연도', 'from']),
      col('until', '종료 연도', 'until_year', ['적용 종료', 'until']),
      col('category', '분류', 'category', ['범주', '대상', 'categories'], true),
      col('limitType', '한도 종류', 'limit_type', ['제한', '제한 종류', 'type'], true),
      col('limit', '한도', 'limit', ['한도값', '비율', 'limit value', 'value']),
      col('base', '기준', 'base', ['기준 금액', '분모']),
      col('severity', '수준', 'severity', ['level']),
      col('note', '근거', 'note', ['출처', '비고', 'source']),
      col('example', '예시', 'example', ['예시 여부']),
    ],
  },
  review: { key: 'review', ko: '검토', en: 'Review', columns: [] },
  execution: {
    key: 'execution',
    ko: '집행',
    en: 'Execution',
    columns: [
      col('project', '사업명', 'project', ['사업', '세부사업명', 'title']),
      col('agenda', '의제 번호', 'agenda_id', ['의제번호', '번호', 'agenda']),
      col('field', '분야', 'field'),
      col('granted', '교부액', 'granted', ['예산액', '배정액', '예산현액', 'granted amount'], true),
      col('executed', '집행액', 'executed', ['지출액', '집행 금액', 'spent'], true),
      col('status', '상태', 'status', ['집행 상태', '진행 상태']),
      col('carriedOver', '이월액', 'carried_over', ['이월 금액', 'carry over']),
      col('unused', '불용액', 'unused', ['불용 금액']),
      col('open', '잔액', 'open', ['미집행액', '미집행 잔액', 'still open']),
      col('reason', '사유', 'reason', ['이월 사유', '변경 사유', '비고']),
      col('councilDate', '의회 의결일', 'council_decision_date', ['의결일', 'council date']),
    ],
  },
  // Milestones (일정) as staff write them; rows above the header may hold the tab's 기준 연도.
  // 읽은 날짜, 상태 and 지연 일수 are (re)written by `reminders`; 상태 = 완료 is kept as typed.
  schedule: {
    key: 'schedule',
    ko: '일정',
    en: 'Schedule',
    columns: [
      col('name', '일정', 'milestone', ['일정명', '추진 일정', '추진일정', '마일스톤', '내용', 'name'], true),
      col('start', '시작', 'start', ['시작일', '일자', '날짜', '일시', '기간', '시기', 'when', 'date']),
      col('end', '기한', 'end', ['종료', '종료일', '마감', '마감일', 'deadline', 'due']),
      col('parsed', '읽은 날짜', 'parsed_dates', ['해석된 날짜', 'parsed']),
      col('owner', '담당자', 'owner', ['담당', '담당부서', '담당 부서']),
      col('email', '담당자 이메일', 'owner_email', ['이메일', '메일', 'email', 'e-mail']),
      col('leadDays', '알림 (며칠 전)', 'lead_days', ['알림', '알림일', '미리 알림', 'lead days', 'remind']),
      col('status', '상태', 'status', ['진행 상황', '진행상황']),
      col('daysLate', '지연 일수', 'days_late', ['지연일수']),
      col('note', '비고', 'note', ['메모', '설명']),
    ],
  },
  // Generated from 일정 by `reminders`; 보냄 (sent) marks survive regeneration, matched by 알림 키.
  reminders: {
    key: 'reminders',
    ko: '알림',
    en: 'Reminders',
    columns: [
      col('date', '알림일', 'date', ['날짜'], true),
      col('milestone', '일정', 'milestone', [], true),
      col('who', '담당자', 'who', ['owner']),
      col('to', '이메일', 'to', ['email', '받는 주소']),
      col('message', '메시지', 'message', ['내용'], true),
      col('sent', '보냄', 'sent', ['보낸 시각', '발송', 'sent_at']),
      col('key', '알림 키', 'key', [], true),
    ],
  },
  // 조정: the committee's decisions after the rule; read by the tally, never written by it.
  overrides: {
    key: 'overrides',
    ko: '조정',
    en: 'Overrides',
    columns: [
      col('agenda', '의제', 'agenda', ['번호', '의제 번호', '의제번호', 'agenda id', 'id'], true),
      col('decision', '결정', 'decision', ['조정', '선정/제외', '조치', 'action'], true),
      col('reason', '사유', 'reason', ['조정 사유', '근거', 'why'], true),
      col('decidedBy', '결정자', 'decided_by', ['결정 주체', '의결 기구', 'decided by', 'by']),
      col('date', '결정일', 'date', ['의결일', '일자', 'decided on', 'when']),
      col('note', '비고', 'note', ['메모']),
    ],
  },
  // 심사: a jury's or committee's score sheet, one row per agenda and scorer (imported like ballots).
  scores: {
    key: 'scores',
    ko: '심사',
    en: 'Scores',
    columns: [
      col('agenda', '의제', 'agenda', ['번호', '의제 번호', '의제번호', 'agenda id', 'id', 'project'], true),
      col('scorer', '심사위원', 'scorer', ['심사자', '위원', '평가자', 'judge', 'juror'], true),
      col('score', '점수', 'score', ['심사 점수', '평가 점수', 'points'], true),
      col('source', '가져오기', 'import', ['source']),
      col('row', '원본 행', 'source_row', ['row']),
    ],
  },
  // 비교: greedy and MES side by side, written by `tally --compare`.
  compare: { key: 'compare', ko: '비교', en: 'Compare', columns: [] },
};

/** Tabs `init` creates, in the order a person meets them. */
export const TAB_ORDER: TabKey[] = [
  'settings', 'fields', 'agendas', 'ballots', 'totals', 'population', 'results', 'setAside', 'audit',
  'plans', 'budgetCodes', 'guidelines', 'review', 'execution',
  'schedule', 'reminders',
  'overrides', 'scores',
];

export function normalizeHeader(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/**
 * The tab's existing name in this workbook, or null: the tab named exactly as the tool names it in
 * Korean, else the first (in tab order) whose name, trimmed and case-folded, is the Korean or
 * English name. The exact name comes first so that a host can find it with one lookup by name
 * (Sheets' getSheetByName) instead of listing every tab; the two rules differ only in a workbook
 * holding both `투표` and a variant such as `Ballots` or ` 투표 `, where the tool's own name wins.
 */
export function findTabName(tabNames: readonly string[], spec: TabSpec): string | null {
  if (tabNames.includes(spec.ko)) return spec.ko;
  const wanted = [spec.ko, spec.en].map(normalizeHeader);
  return tabNames.find((name) => wanted.includes(normalizeHeader(name))) ?? null;
}

export function headerNames(spec: TabSpec, language: 'ko' | 'en'): string[] {
  return spec.columns.map((c) => (language === 'ko' ? c.ko : c.en));
}
