/**
 * A small vote for workflow tests: three agendas under a 1억 budget, 2 picks at most, greedy, and
 * an export of voters with phone numbers 010-1000-1000 + i.
 */
import { initWorkbook } from '../../src/workflows';
import type { HostContext } from '../../src/workflows/context';
import type { Workbook } from '../../src/workflows/workbook';

export function smallExport(voters: number, first = 0): string[][] {
  const rows = [['투표자', '투표일시', '선택1', '선택2']];
  for (let i = first; i < first + voters; i++) rows.push([`010-1000-${String(1000 + i)}`, '2020-07-07 10:00', i % 3 === 0 ? 'A01' : 'A02', i % 2 === 0 ? 'A03' : '']);
  return rows;
}

/** init, then 설정 and 의제 of the small vote. */
export function prepareSmallVote(wb: Workbook, ctx: HostContext): void {
  initWorkbook(wb, ctx);
  wb.writeTab('설정', [['항목', '값'], ['총예산', '100,000,000'], ['선택 수', '2'], ['선택 방식', '최대'], ['선정 방식', 'greedy']]);
  wb.writeTab('의제', [
    ['번호', '의제명', '분야', '사업비'],
    ['A01', '마을축제', '문화', '60,000,000'],
    ['A02', '방역 봉사단', '안전', '50,000,000'],
    ['A03', '마을장터', '경제', '30,000,000'],
  ]);
}
