import { UserError } from '../core/errors';
import { looksLikePhoneNumber, personalKindOf, shapeOf } from '../core/identity';
import { normalizeHeader } from './schema';

/**
 * The shapes a ballot export comes in. The mVoting export format is not public, so every shape
 * seen in districts is accepted and the one found is reported.
 */
export type ExportShape = 'choice-columns' | 'choice-list' | 'pick-rows' | 'totals';

export interface ExportColumns {
  voter?: number;
  time?: number;
  channel?: number;
  dong?: number;
  ageGroup?: number;
  gender?: number;
  /** choice-columns: 선택1..N in number order; choice-list / pick-rows: the one choice column. */
  choices: number[];
  /** totals: agenda and vote-count columns. */
  agenda?: number;
  votes?: number;
}

const ALIASES = {
  voter: ['voter_id', 'voter', 'voter id', '투표자', '투표자id', '투표자 id', '인증키', '휴대폰', '휴대폰번호', '휴대폰 번호', '전화번호', 'phone', '투표자키'],
  /** Other names exports give a phone column: the voter when none of the names above is there. */
  voterPhone: [
    '휴대전화', '휴대전화번호', '휴대전화 번호', '핸드폰', '핸드폰번호', '핸드폰 번호', '휴대폰 연락처', 'hp', 'h.p', 'h.p.', '전화', '연락처', '연락처(휴대폰)',
    'mobile', 'mobile phone', 'mobile number', 'mobile no', 'cell', 'cell phone', 'cellphone', 'phone number', 'phone no', 'tel', 'telephone', 'contact',
  ],
  time: ['voted_at', 'timestamp', '투표일시', '일시', '투표시간', '투표 일시', 'time'],
  choices: ['choices', '선택의제', '선택', 'choice', '투표의제', '선택 의제', 'picks'],
  channel: ['channel', '채널', '투표방법', '투표 방법'],
  dong: ['동', 'dong', '행정동'],
  ageGroup: ['연령대', 'age_group', 'age group', '나이대'],
  gender: ['성별', 'gender', 'sex'],
  agenda: ['의제번호', '의제 번호', '번호', '의제', '의제명', 'agenda', 'agenda_id', 'id', 'project'],
  votes: ['득표수', '득표', '표수', 'votes', 'count', '투표수'],
} as const;

const NUMBERED_CHOICE = /^(?:선택|choice|pick|의제|선택의제)\s*(\d{1,2})$|^(\d{1,2})\s*순위$/;

/**
 * A totals-only channel may also report how many people voted there, as a row whose agenda cell
 * says so. It is kept (as agenda '참여자') so the totals can be checked against it.
 */
export const PARTICIPANTS_AGENDA = '참여자';
const PARTICIPANT_LABELS = ['참여자', '참여자 수', '참여자수', '투표자 수', '투표자수', '투표 인원', 'participants', 'voters'];

export function isParticipantsLabel(text: string): boolean {
  return PARTICIPANT_LABELS.map(normalizeHeader).includes(normalizeHeader(text));
}

/** Choices in one cell are separated by commas, semicolons or bars (titles may contain '·'). */
export const LIST_SEPARATOR = /\s*[,;|]\s*/;

export function findColumns(header: readonly string[]): { shape: ExportShape; columns: ExportColumns } {
  const names = header.map(normalizeHeader);
  refuseDuplicateHeaders(header, names);
  const find = (aliases: readonly string[]): number | undefined => {
    const wanted = aliases.map(normalizeHeader);
    const index = names.findIndex((name) => wanted.includes(name));
    return index >= 0 ? index : undefined;
  };
  const columns: ExportColumns = {
    voter: find(ALIASES.voter) ?? find(ALIASES.voterPhone),
    time: find(ALIASES.time),
    channel: find(ALIASES.channel),
    dong: find(ALIASES.dong),
    ageGroup: find(ALIASES.ageGroup),
    gender: find(ALIASES.gender),
    choices: [],
  };
  const numbered = names
    .map((name, index) => ({ index, match: NUMBERED_CHOICE.exec(name) }))
    .filter((c): c is { index: number; match: RegExpExecArray } => c.match !== null)
    .sort((a, b) => Number(a.match[1] ?? a.match[2]) - Number(b.match[1] ?? b.match[2]));
  const votes = find(ALIASES.votes);
  if (votes !== undefined && columns.voter === undefined) {
    const agenda = find(ALIASES.agenda);
    if (agenda === undefined) throw noShape(header);
    return { shape: 'totals', columns: { ...columns, agenda, votes } };
  }
  if (numbered.length > 0) return { shape: 'choice-columns', columns: { ...columns, choices: numbered.map((c) => c.index) } };
  const list = find(ALIASES.choices);
  if (list !== undefined) return { shape: 'choice-list', columns: { ...columns, choices: [list] } };
  throw noShape(header);
}

/**
 * Other personal data an export may carry beside the voter identifier (a name, a second number,
 * an address, an e-mail, a birth date). Never an identity — two residents share a name — but
 * never written anywhere in clear either: wherever the row's content is kept (제외, the upload's
 * staging) these cells are hashed like voter identifiers.
 */
const PERSONAL = [
  '이름', '성명', '성함', '투표자명', '투표자 이름', 'name', 'full name', 'voter name', '이메일', '전자우편', 'email', 'e-mail', '주소', 'address', '생년월일', 'birthdate', 'date of birth',
  '접속ip', 'ip', 'ip address', 'ip 주소', '주민등록번호', '주민번호', 'resident registration number',
  // A second phone column beside the one used as the voter.
  ...ALIASES.voter, ...ALIASES.voterPhone,
];

/** The sidebar renames a column staff chose not to use by adding this (sidebar/importPanel.ts). */
const NOT_USED_SUFFIX = /\s*\((?:사용 안 함|not used)\)\s*$/;

/**
 * The columns of `header` holding personal data, other than those read as something else (the
 * voter, an agenda), also when staff marked them not to be used.
 */
export function personalColumns(header: readonly string[], columns: ExportColumns): number[] {
  const wanted = PERSONAL.map(normalizeHeader);
  const used = new Set([columns.voter, columns.time, columns.channel, columns.dong, columns.ageGroup, columns.gender, columns.agenda, columns.votes, ...columns.choices]);
  const out: number[] = [];
  header.forEach((name, index) => {
    if (!used.has(index) && wanted.includes(normalizeHeader(name.replace(NOT_USED_SUFFIX, '')))) out.push(index);
  });
  return out;
}

/**
 * Pick columns (선택1..N) beyond the pick limit (선택 수): a ballot that fills them has too many
 * picks, so staff should hear about the columns before the ballots are voided. [] when none.
 */
export function extraPickColumns(shape: ExportShape, columns: ExportColumns, pickLimit: number): number[] {
  if (shape !== 'choice-columns' || !Number.isFinite(pickLimit) || pickLimit <= 0) return [];
  return columns.choices.slice(pickLimit);
}

/** How many data rows the content rule looks at: the first ones, so every host decides alike. */
export const VOTER_SAMPLE_ROWS = 1000;

/** Per column, how many of the sampled rows had something in it and how many a phone number. */
export interface PhoneCounts {
  rows: number;
  filled: number[];
  phones: number[];
}

/** The columns the content rule may pick: those read as nothing else. */
function unusedColumns(header: readonly string[], columns: ExportColumns): number[] {
  const used = new Set([columns.voter, columns.time, columns.channel, columns.dong, columns.ageGroup, columns.gender, columns.agenda, columns.votes, ...columns.choices]);
  return header.map((_, i) => i).filter((i) => !used.has(i));
}

/**
 * Counts one more data row (false, and nothing counted, once the sample is full). A row wider
 * than the header is not counted: its cells have moved (it is set aside as misaligned anyway).
 */
export function countPhones(counts: PhoneCounts, row: readonly string[]): boolean {
  if (counts.rows >= VOTER_SAMPLE_ROWS) return false;
  for (let i = row.length - 1; i >= counts.filled.length; i--) if ((row[i] ?? '').trim() !== '') return true;
  counts.rows++;
  for (let i = 0; i < counts.filled.length; i++) {
    const cell = (row[i] ?? '').trim();
    if (cell === '') continue;
    counts.filled[i]++;
    if (looksLikePhoneNumber(cell)) counts.phones[i]++;
  }
  return true;
}

export function newPhoneCounts(header: readonly string[]): PhoneCounts {
  return { rows: 0, filled: header.map(() => 0), phones: header.map(() => 0) };
}

/**
 * The content rule: with no voter column by its header, a column read as nothing else whose cells
 * mostly (4 in 5 of those filled, in at least half the sampled rows) look like phone numbers is
 * the voter column; of two, the one with more. Undefined when none is.
 */
export function chooseVoterColumn(header: readonly string[], columns: ExportColumns, counts: PhoneCounts): number | undefined {
  let best: number | undefined;
  for (const i of unusedColumns(header, columns)) {
    const phones = counts.phones[i] ?? 0;
    const filled = counts.filled[i] ?? 0;
    if (phones === 0 || phones < 0.8 * filled || filled < 0.5 * counts.rows) continue;
    if (best === undefined || phones > (counts.phones[best] ?? 0)) best = i;
  }
  return best;
}

/** chooseVoterColumn over the first VOTER_SAMPLE_ROWS of `rows` (data rows, header excluded). */
export function voterColumnByContent(header: readonly string[], columns: ExportColumns, rows: Iterable<readonly string[]>): number | undefined {
  const counts = newPhoneCounts(header);
  for (const row of rows) if (!countPhones(counts, row)) break;
  return chooseVoterColumn(header, columns, counts);
}

/** How a message names a column: its header, unless the header itself looks personal. */
export function columnLabel(header: readonly string[], index: number): string {
  const name = (header[index] ?? '').trim();
  return `${index + 1}번째 열/column ${index + 1} '${looksPersonal(name) ? shapeOf(name) : name}'`;
}

/**
 * One choice per row with a voter column that repeats is the pick-per-row shape; without a
 * repeat, each row is a one-pick ballot, which the list shape counts identically.
 */
export function refineShape(shape: ExportShape, columns: ExportColumns, rows: Iterable<readonly string[]>): ExportShape {
  if (shape !== 'choice-list' || columns.voter === undefined) return shape;
  const voter = columns.voter;
  const choice = columns.choices[0];
  const seen = new Set<string>();
  let repeats = false;
  for (const row of rows) {
    if (LIST_SEPARATOR.test(row[choice] ?? '')) return 'choice-list';
    const id = (row[voter] ?? '').trim();
    if (id !== '' && seen.has(id)) repeats = true;
    seen.add(id);
  }
  return repeats ? 'pick-rows' : 'choice-list';
}

/** Two columns both called 투표자 (or 선택1): which one is the vote? Never guess. */
function refuseDuplicateHeaders(header: readonly string[], names: readonly string[]): void {
  const known = new Set(Object.values(ALIASES).flatMap((aliases) => aliases.map(normalizeHeader)));
  const seen = new Map<string, number>();
  names.forEach((name) => {
    if (name !== '' && (known.has(name) || NUMBERED_CHOICE.test(name))) seen.set(name, (seen.get(name) ?? 0) + 1);
  });
  const duplicated = [...seen].filter(([, n]) => n > 1).map(([name]) => header[names.indexOf(name)]);
  if (duplicated.length > 0) {
    throw new UserError(
      'duplicate_header',
      `같은 이름의 열이 두 번 이상 있습니다: ${duplicated.join(', ')}. 하나만 남기고 다시 가져오세요 / Duplicate column headers: ${duplicated.join(', ')}`,
    );
  }
}

function noShape(header: readonly string[]): UserError {
  return new UserError(
    'unknown_shape',
    `투표 열을 찾을 수 없습니다 (선택1..N, 선택, 또는 의제+득표수 열이 필요) / No choice columns found (need choice1..N, choices, or agenda+votes). 첫 행/first row: ${describeHeader(header)}`,
  );
}

/**
 * A first row as an error message may show it: a column name the tool knows as it is, any other
 * cell by its position and shape only. An export without a header has a voter's phone number,
 * name and birth date there, and a message is copied into logs, screenshots and e-mails.
 */
export function describeHeader(header: readonly string[]): string {
  const known = new Set([...Object.values(ALIASES).flat(), ...PERSONAL, ...PARTICIPANT_LABELS].map(normalizeHeader));
  return header
    .map((cell, i) => {
      const name = normalizeHeader(cell);
      const shown = known.has(name) || NUMBERED_CHOICE.test(name) ? cell.trim() : shapeOf(cell);
      return `${i + 1}=${shown}`;
    })
    .join(', ');
}

/** True when a cell looks like personal data (a phone number, e-mail, 주민등록번호, IP address), whatever its column. */
export function looksPersonal(cell: string): boolean {
  return personalKindOf(cell) !== null;
}
