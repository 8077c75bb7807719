/**
 * The built-in example: a district's 2020 online open forum (열린공론장) modelled on the seed
 * minutes — 11 agendas, a 5억 budget, about 13,000 voters over four channels, each export a real
 * file's bytes with planted problems. Deterministic: the same seed gives byte-identical CSV files
 * and an .xlsx with identical content (ExcelJS stamps its zip entries with the current time).
 *
 * Vote counts in `planted` (`votes.A01` …) count only the clean ballots, which is what a tally must
 * give under 규칙 위반 투표 = 무효 once every planted problem is set aside.
 */
import { AGENDAS, DEFAULT_EXAMPLE_SEED, FIELDS, SETTINGS } from './content';
import { generateMVoting, MVOTING_FILE } from './mvoting';
import { BOOTH_CHANNEL, BOOTH_FILE, generateOfflineBooth } from './offlineBooth';
import { generateOnlineForm, ONLINE_CHANNEL, ONLINE_FILE } from './onlineForm';
import { EXECUTION, PLAN_LINES, PLAN_YEAR } from './plans';
import { Random } from './random';
import { PhoneBook } from './voters';
import { generateYouth, YOUTH_CHANNEL, YOUTH_FILE } from './youth';

export { AGENDAS, DEFAULT_EXAMPLE_SEED } from './content';
export { EXECUTION, PLAN_LINES, PLAN_YEAR } from './plans';

export interface ExampleExport {
  fileName: string;
  bytes: Uint8Array;
  channel: string;
  description: string;
  /** What the generator planted, for tests. */
  planted: Record<string, number>;
}

export interface ExampleData {
  /** Rows for the 설정 tab: [항목, 값]. */
  settings: [string, string][];
  /** 분야 tab rows: [분야, 예산]; '' = no field budget. */
  fields: [string, string][];
  /** 의제 tab rows: [번호, 의제명, 분야, 사업비, 담당부서]. */
  agendas: [string, string, string, string, string][];
  exports: ExampleExport[];
  /** 사업계획 rows: [사업명, 의제 번호, 분야, 통계목, 산출내역, 금액, 연도, 재원]. */
  plans: string[][];
  /** 집행 rows: [사업명, 의제 번호, 분야, 교부액, 집행액, 상태, 이월액, 불용액, 잔액, 사유, 의회 의결일]. */
  execution: string[][];
}

export async function generateExample(seed: number = DEFAULT_EXAMPLE_SEED): Promise<ExampleData> {
  // One stream per export: tuning one file's generator does not reshuffle the others.
  const phones = new PhoneBook();
  const mvoting = generateMVoting(Random.derive(seed, 'mvoting'), phones);
  const online = generateOnlineForm(Random.derive(seed, 'online'), phones, mvoting.clean);
  const booth = generateOfflineBooth(Random.derive(seed, 'booth'));
  const youth = await generateYouth(Random.derive(seed, 'youth'));

  return {
    settings: SETTINGS.map(([key, value]) => [key, value]),
    // Field budgets stay empty in this example: selection is over the whole 5억.
    fields: FIELDS.map((field) => [field, '']),
    agendas: AGENDAS.map((a) => [a.id, a.title, a.field, a.costText, a.department]),
    ...planRows(),
    exports: [
      {
        fileName: MVOTING_FILE,
        bytes: mvoting.bytes,
        channel: '엠보팅',
        description: '엠보팅 투표 내보내기 (CP949, 1인 1행, 선택1~3 열, 동·연령대·성별 포함)',
        planted: mvoting.planted,
      },
      {
        fileName: ONLINE_FILE,
        bytes: online.bytes,
        channel: ONLINE_CHANNEL,
        description: '온라인 설문 응답 (UTF-8 BOM, 선택 의제를 한 칸에 쉼표·세미콜론으로 나열)',
        planted: online.planted,
      },
      {
        fileName: BOOTH_FILE,
        bytes: booth.bytes,
        channel: BOOTH_CHANNEL,
        description: '동 주민센터 현장투표 집계 (UTF-8, 의제별 득표수만)',
        planted: booth.planted,
      },
      {
        fileName: YOUTH_FILE,
        bytes: youth.bytes,
        channel: YOUTH_CHANNEL,
        description: '청소년 투표 (.xlsx, 선택 1건당 1행, 일시는 날짜 셀)',
        planted: youth.planted,
      },
    ],
  };
}

/** Votes per agenda summed over all channels' clean ballots (the 무효-rule tally), in agenda order. */
export function expectedVotes(data: ExampleData): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const [id] of data.agendas) {
    totals[id] = data.exports.reduce((n, e) => n + (e.planted[`votes.${id}`] ?? 0), 0);
  }
  return totals;
}

/** The plan and execution rows, with each project's name and field taken from its agenda. */
function planRows(): Pick<ExampleData, 'plans' | 'execution'> {
  const agenda = (id: string) => {
    const found = AGENDAS.find((a) => a.id === id);
    if (found === undefined) throw new Error(`example plan for unknown agenda ${id}`);
    return found;
  };
  const won = (n: number): string => (n === 0 ? '' : n.toLocaleString('en-US'));
  return {
    plans: PLAN_LINES.map((l) => [agenda(l.agenda).title, l.agenda, agenda(l.agenda).field, l.code, l.item, l.amountText, String(PLAN_YEAR), l.source]),
    execution: EXECUTION.map((e) => [agenda(e.agenda).title, e.agenda, '', won(e.granted), won(e.executed), e.status, won(e.carriedOver), won(e.unused), '', e.reason, e.councilDate]),
  };
}
