import Papa from 'papaparse';

/**
 * The pabulib `.pb` format (pabulib.org/format): UTF-8 text in three sections — META, PROJECTS,
 * VOTES — each a title line, a header line, then `;`-separated rows with CSV quoting. List values
 * (a vote's project ids, a project's categories) are comma-separated without spaces.
 *
 * The reader keeps every column, known or not, in file order, so that `writePabulib` can give
 * back an equivalent file and nothing a city published is lost on the way.
 */
export interface PbProject {
  id: string;
  cost: number;
  /** Every column of the row by its header name (project_id, cost, votes, name, category, …). */
  columns: Record<string, string>;
}

export interface PbVote {
  voterId: string;
  /** Project ids in the order written (the order matters for ordinal ballots). */
  projects: string[];
  /** For cumulative and scoring ballots: the points given to each project, aligned with `projects`. */
  points: number[] | null;
  columns: Record<string, string>;
}

export interface PbInstance {
  /** META keys in file order. */
  meta: [string, string][];
  projectHeader: string[];
  projects: PbProject[];
  voteHeader: string[];
  votes: PbVote[];
}

export class PbFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PbFormatError';
  }
}

/** The cost pabulib uses to mark a withdrawn project. */
export const WITHDRAWN_COST = 999999999;

const SECTIONS = ['META', 'PROJECTS', 'VOTES'] as const;
type Section = (typeof SECTIONS)[number];

export function parsePabulib(text: string): PbInstance {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const parsed = Papa.parse<string[]>(normalized, { delimiter: ';', skipEmptyLines: 'greedy', quoteChar: '"' });
  const bad = parsed.errors.find((e) => e.type === 'Quotes');
  if (bad !== undefined) throw new PbFormatError(`.pb 파일의 따옴표가 맞지 않습니다 (${(bad.row ?? 0) + 1}번째 줄) / unbalanced quotes in the .pb file (row ${(bad.row ?? 0) + 1})`);

  const sections = new Map<Section, { header: string[]; rows: string[][] }>();
  let current: { header: string[]; rows: string[][] } | null = null;
  for (const row of parsed.data) {
    const title = row.length === 1 ? (row[0].trim().toUpperCase() as Section) : null;
    if (title !== null && SECTIONS.includes(title)) {
      current = { header: [], rows: [] };
      sections.set(title, current);
    } else if (current === null) {
      throw new PbFormatError(`.pb 파일은 META로 시작해야 합니다 / a .pb file starts with META (found '${row.join(';').slice(0, 40)}')`);
    } else if (current.header.length === 0) {
      current.header = row.map((h) => h.trim());
    } else {
      current.rows.push(row);
    }
  }
  for (const name of SECTIONS) {
    if (!sections.has(name)) throw new PbFormatError(`.pb 파일에 ${name} 구역이 없습니다 / the .pb file has no ${name} section`);
  }
  const metaSection = sections.get('META') as { header: string[]; rows: string[][] };
  const projectSection = sections.get('PROJECTS') as { header: string[]; rows: string[][] };
  const voteSection = sections.get('VOTES') as { header: string[]; rows: string[][] };

  const meta: [string, string][] = metaSection.rows.map((r) => [r[0].trim(), r.slice(1).join(';')]);
  const projects = projectSection.rows.map((row, i) => readProject(projectSection.header, row, i));
  const ids = new Set<string>();
  for (const p of projects) {
    if (ids.has(p.id)) throw new PbFormatError(`프로젝트 번호 중복 '${p.id}' / duplicate project_id '${p.id}'`);
    ids.add(p.id);
  }
  const votes = voteSection.rows.map((row, i) => readVote(voteSection.header, row, i));
  return { meta, projectHeader: projectSection.header, projects, voteHeader: voteSection.header, votes };
}

function record(header: readonly string[], row: readonly string[], section: string, index: number): Record<string, string> {
  if (row.length !== header.length) {
    throw new PbFormatError(`${section} ${index + 1}번째 행: ${row.length}칸, 머리글 ${header.length}칸 / ${section} row ${index + 1} has ${row.length} cells, header has ${header.length}`);
  }
  const out: Record<string, string> = {};
  header.forEach((h, i) => {
    out[h] = row[i];
  });
  return out;
}

function readProject(header: readonly string[], row: readonly string[], index: number): PbProject {
  const columns = record(header, row, 'PROJECTS', index);
  const id = (columns.project_id ?? '').trim();
  const costText = (columns.cost ?? '').trim();
  if (id === '') throw new PbFormatError(`PROJECTS ${index + 1}번째 행: project_id 없음 / no project_id`);
  if (!/^\d+(\.\d+)?$/.test(costText)) {
    throw new PbFormatError(`PROJECTS '${id}': 사업비 '${costText.slice(0, 40)}'는 0 이상의 정수나 소수여야 합니다 / cost '${costText.slice(0, 40)}' must be a whole number or an exact decimal ≥ 0`);
  }
  return { id, cost: Number(costText), columns };
}

function readVote(header: readonly string[], row: readonly string[], index: number): PbVote {
  const columns = record(header, row, 'VOTES', index);
  const projects = splitList(columns.vote ?? '');
  const pointsText = columns.points;
  let points: number[] | null = null;
  if (pointsText !== undefined) {
    points = splitList(pointsText).map(Number);
    if (points.length !== projects.length || points.some((p) => !Number.isFinite(p))) {
      throw new PbFormatError(`VOTES ${index + 1}번째 행: points와 vote의 개수가 다름 / points do not match vote`);
    }
  }
  return { voterId: (columns.voter_id ?? '').trim(), projects, points, columns };
}

export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function metaValue(instance: PbInstance, key: string): string | undefined {
  return instance.meta.find(([k]) => k === key)?.[1];
}

/** Writes a `.pb` file; `parsePabulib(writePabulib(x))` gives back `x`. */
export function writePabulib(instance: PbInstance): string {
  const section = (title: string, header: string[], rows: string[][]): string =>
    `${title}\n${Papa.unparse([header, ...rows], { delimiter: ';', newline: '\n', quotes: false, escapeFormulae: false })}\n`;
  const projects = instance.projects.map((p) => instance.projectHeader.map((h) => p.columns[h] ?? ''));
  const votes = instance.votes.map((v) => instance.voteHeader.map((h) => v.columns[h] ?? ''));
  return section('META', ['key', 'value'], instance.meta.map(([k, v]) => [k, v])) + section('PROJECTS', instance.projectHeader, projects) + section('VOTES', instance.voteHeader, votes);
}
