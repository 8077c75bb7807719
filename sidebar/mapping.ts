/**
 * The column mapping shown in the import preview. The server recognises columns by their header
 * (src/sheets/exportTable.ts); when a header is not recognised, the person picks its role and we
 * rename that header to a name the server knows. A file nobody remapped is sent unchanged.
 */
import { extraPickColumns, findColumns, refineShape, voterColumnByContent, type ExportShape } from '../src/sheets/exportTable';
import type { MappingRole } from './i18n';

export const ROLES: MappingRole[] = ['ignore', 'voter', 'time', 'choice', 'channel', 'dong', 'ageGroup', 'gender', 'agenda', 'votes'];

/** Header names the server recognises for each role. */
const CANONICAL: Record<Exclude<MappingRole, 'ignore' | 'choice'>, string> = {
  voter: '투표자', time: '투표일시', channel: '채널', dong: '동', ageGroup: '연령대', gender: '성별', agenda: '의제번호', votes: '득표수',
};

/**
 * The role of each column as the server would see it; all 'ignore' when no shape is found. With
 * the data rows, a column of phone numbers without a voter header is the voter, as the server's
 * content rule decides (voterByContent says which).
 */
export function detectRoles(header: readonly string[], data: readonly (readonly string[])[] = []): MappingRole[] {
  const roles: MappingRole[] = header.map(() => 'ignore');
  let columns;
  try {
    columns = findColumns(header.map((h) => h.trim())).columns;
  } catch {
    return roles;
  }
  columns.voter ??= voterByContent(header, data);
  const single: [keyof typeof CANONICAL, number | undefined][] = [
    ['voter', columns.voter], ['time', columns.time], ['channel', columns.channel], ['dong', columns.dong],
    ['ageGroup', columns.ageGroup], ['gender', columns.gender], ['agenda', columns.agenda], ['votes', columns.votes],
  ];
  for (const [role, index] of single) if (index !== undefined) roles[index] = role;
  for (const index of columns.choices) roles[index] = 'choice';
  return roles;
}

/** The column the server's content rule takes as the voter (no voter header, mostly phone numbers). */
export function voterByContent(header: readonly string[], data: readonly (readonly string[])[]): number | undefined {
  try {
    const trimmed = header.map((h) => h.trim());
    const found = findColumns(trimmed);
    if (found.columns.voter !== undefined || found.shape === 'totals') return undefined;
    return voterColumnByContent(trimmed, found.columns, nonBlank(data));
  } catch {
    return undefined;
  }
}

/** The rows with something in them, lazily: the content rule stops after its sample. */
function* nonBlank(data: readonly (readonly string[])[]): Generator<readonly string[]> {
  for (const row of data) if (row.some((c) => c.trim() !== '')) yield row;
}

/** The header to send: mapped columns get a recognised name, unmapped ones a name that matches nothing. */
export function mappedHeader(header: readonly string[], roles: readonly MappingRole[], ignoredSuffix: string): string[] {
  const choices = roles.filter((r) => r === 'choice').length;
  let choiceNumber = 0;
  return header.map((name, i) => {
    const role = roles[i];
    if (role === 'ignore') return `${name.trim()} ${ignoredSuffix}`;
    if (role === 'choice') return choices === 1 ? '선택' : `선택${++choiceNumber}`;
    return CANONICAL[role];
  });
}

/** The shape the server will find for this header, or null when it will find none. */
export function shapeOf(header: readonly string[], data: readonly string[][]): ExportShape | null {
  try {
    const found = findColumns(header.map((h) => h.trim()));
    return refineShape(found.shape, found.columns, data);
  } catch {
    return null;
  }
}

/** The pick columns beyond the pick limit the server will warn about (extra_pick_columns), by header. */
export function extraPicksOf(header: readonly string[], data: readonly string[][], pickLimit: number | null): string[] {
  if (pickLimit === null) return [];
  try {
    const found = findColumns(header.map((h) => h.trim()));
    return extraPickColumns(refineShape(found.shape, found.columns, data), found.columns, pickLimit).map((i) => header[i].trim());
  } catch {
    return [];
  }
}
