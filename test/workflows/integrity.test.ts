import { formatSeoulTimestamp } from '../../src/core/datetime';
import { importTable, initWorkbook, runTally } from '../../src/workflows';
import { runIntegrity } from '../../src/workflows/integrity';
import { MemoryWorkbook } from '../../src/workflows/memoryWorkbook';
import { honestVote, plantBloc } from '../../src/node/example/honestVote';
import { testContext } from '../helpers/context';
import type { Cell } from '../../src/workflows/workbook';

function workbookWith(records: ReturnType<typeof honestVote>): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const ctx = testContext();
  initWorkbook(wb, ctx);
  wb.writeTab('설정', [['항목', '값'], ['총예산', '300'], ['선택 수', '3'], ['동점 처리', '의제 순서']]);
  wb.writeTab('의제', [['번호', '의제명', '사업비'], ...Array.from({ length: 11 }, (_, i) => [`A${String(i + 1).padStart(2, '0')}`, `의제 ${i + 1}`, '100'])]);
  wb.writeTab('투표', [
    ['투표자키', '투표일시', '선택', '채널', '동'],
    ...records.map((r, i) => [`k${i}`, formatSeoulTimestamp(r.votedAt as number), r.picks.join(', '), r.channel, r.dong]),
  ]);
  return wb;
}

describe('the 검증 tab', () => {
  it('says when excluding a flagged bloc would change who is selected', () => {
    const honest = honestVote({ seed: 11, voters: 4_000 });
    const voted = plantBloc(honest, { seed: 11, size: 1_500, agenda: 'A11', at: Date.UTC(2020, 6, 8, 1), hours: 2 });
    const wb = workbookWith(voted);
    const tally = runTally(wb, testContext());
    expect(tally.selected).toContain('A11');
    const report = runIntegrity(wb, testContext());
    const bloc = report.flags.find((f) => f.kind === 'identical_ballots' && f.agendas.join() === 'A11');
    expect(bloc?.changesOutcome).toBe(true);
    const tab = wb.readTab('검증') ?? [];
    expect(tab.some((row) => row[0] === '동일 투표 반복' && row[5] === '예: 선정 결과가 바뀜')).toBe(true);
  });

  it('is refreshed by every tally and reports nothing on an honest vote', () => {
    const wb = workbookWith(honestVote({ seed: 12, voters: 4_000 }));
    runTally(wb, testContext());
    const tab = wb.readTab('검증') ?? [];
    expect(tab[0][0]).toBe('투표 검증 (투표 4000건 검사)');
    expect(tab[tab.length - 1]).toEqual(['특이 사항 없음']);
  });
});

describe('the 통계 tab', () => {
  it('is written by the tally, with small cells hidden and turnout from the 인구 tab', () => {
    const records = honestVote({ seed: 13, voters: 600, dongs: 4 });
    const wb = workbookWith(records);
    wb.writeTab('인구', [['동', '인구'], ['동1', '10,000'], ['동2', '20000'], ['동9', '500']]);
    runTally(wb, testContext());
    const tab = wb.readTab('통계') ?? [];
    expect(tab[0][0]).toBe('참여 통계 (투표자 600명)');
    const dongHeader = tab.findIndex((row) => row[0] === '동별');
    expect(tab[dongHeader + 1]).toEqual(['구분', '투표자 수', '비율', '인구', '투표율']);
    const dong1 = tab.find((row, i) => i > dongHeader && row[0] === '동1') ?? [];
    const expected = records.filter((r) => r.dong === '동1').length;
    expect(dong1.slice(0, 2)).toEqual(['동1', expected]);
    // Turnout is a number shown as a percent (`0.0%`); read back as the percent it holds.
    expect(dong1[4]).toBe(`${Math.round((expected / 10000) * 1e6) / 1e4}%`);
    expect(tab.find((row, i) => i > dongHeader && row[0] === '동9')).toEqual(['동9', 0, '0%', 500, '0%']);
    const dongChart = (wb.charts.get('통계') ?? []).find((c) => c.kind === 'bar');
    expect(dongChart?.ranges[0]).toEqual({ row: dongHeader + 2, col: 1, rows: 6, cols: 2 });
  });
});

describe('the 인구 tab as staff fill it in', () => {
  it('reads a number cell, text with commas and 명, and leaves a 동 with a blank population without one', () => {
    const records = honestVote({ seed: 13, voters: 600, dongs: 4 });
    const wb = workbookWith(records);
    // As Sheets hands them over: a number cell as a number, typed text as text, an empty cell as ''.
    wb.writeTab('인구', [['동', '인구'], ['동1', 10000], ['동2', '20,000명'], ['동3', '']]);
    runTally(wb, testContext());
    const tab = wb.readTab('통계') ?? [];
    const dongHeader = tab.findIndex((row) => row[0] === '동별');
    const dong = (name: string): Cell[] => tab.find((row, i) => i > dongHeader && row[0] === name) ?? [];
    expect(dong('동1')[3]).toBe(10000);
    expect(dong('동2')[3]).toBe(20000);
    expect(dong('동3').slice(3)).toEqual(['', '']);
  });
});

describe('totals-only channels against their participants', () => {
  function withBooth(participants: number): MemoryWorkbook {
    const wb = workbookWith(honestVote({ seed: 14, voters: 500 }));
    const report = importTable(wb, testContext(), {
      fileName: 'booth.csv',
      encoding: 'utf-8',
      channel: '현장투표',
      rows: [['의제번호', '득표수'], ['A01', '120'], ['A02', '90'], ['A03', '140'], ['참여자 수', `${participants}명`]],
    });
    expect(report.totalsVotes).toBe(350);
    expect(report.rowsCounted).toBe(4);
    return wb;
  }

  it('alerts when a booth reports more votes than its voters could cast', () => {
    const wb = withBooth(100);
    runTally(wb, testContext());
    // The 참여자 row is neither a vote nor an unknown agenda set aside.
    expect(JSON.stringify(wb.readTab('제외') ?? [])).not.toContain('참여자');
    const flag = runIntegrity(wb, testContext()).flags.find((f) => f.kind === 'count_sanity');
    expect(flag).toMatchObject({ severity: 'alert', agendas: ['A03'] });
    expect(flag?.description).toContain("집계 채널 '현장투표': 참여자 100명인데 득표 합계 350 (최대 300)");
  });

  it('is quiet when the totals of the booth fit its participants', () => {
    const wb = withBooth(200);
    expect(runIntegrity(wb, testContext()).flags.filter((f) => f.kind === 'count_sanity')).toEqual([]);
  });
});
