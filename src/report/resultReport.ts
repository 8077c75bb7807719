import { formatWon } from '../core/amount';
import type { StatisticsResult } from '../core/statistics';
import type { TallyJson } from '../workflows/api';
import type { IntegrityJson } from '../workflows/integrity';
import { KIND_LABELS, SEVERITY_LABELS } from '../sheets/integrityText';
import { STATUS_LABELS } from '../sheets/messages';
import { barChart, budgetChart } from './charts';
import { html, type Html } from './html';

export interface ReportInput {
  title: string;
  generatedAt: string;
  tally: TallyJson;
  integrity: IntegrityJson;
  statistics: StatisticsResult;
  ruleText: string;
  tieBreakText: string;
  /** The 결과 tab differed from what its tally wrote (a hand edit) when the report was made. */
  resultsEdited: boolean;
}

const STYLE = `
@page { size: A4; margin: 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", "NanumGothic", sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 190mm; font-size: 10.5pt; line-height: 1.5; }
h1 { font-size: 17pt; margin: 0 0 2mm; } h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1.5pt solid #1a1a1a; }
.meta { color: #444; font-size: 9pt; }
dl.summary { display: grid; grid-template-columns: repeat(4, 1fr); gap: 2mm; margin: 3mm 0; }
dl.summary div { border: 0.75pt solid #999; padding: 2mm; } dl.summary dt { font-size: 8.5pt; color: #444; } dl.summary dd { margin: 0; font-size: 12pt; font-weight: 700; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; page-break-inside: auto; } tr { page-break-inside: avoid; }
th, td { border: 0.75pt solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; } th { background: #eee; white-space: nowrap; }
td[class^="status-"] { white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.selected td:first-child { border-left: 3pt solid #1b5e20; } .status-selected { font-weight: 700; color: #1b5e20; }
.chart { margin: 3mm 0; page-break-inside: avoid; } .chart figcaption { font-weight: 700; font-size: 9.5pt; }
.chart text { font-size: 11px; fill: #1a1a1a; } .bar.selected rect { fill: #1b5e20; } .bar.other rect { fill: #9e9e9e; }
.segment.s0 { fill: #1b5e20; } .segment.s1 { fill: #4c8c4a; } .budget-line { stroke: #b71c1c; stroke-width: 2.5; stroke-dasharray: 5 3; }
.fingerprint { font-family: monospace; font-size: 8pt; word-break: break-all; }
.flag-alert { color: #b71c1c; font-weight: 700; }
.tampered { border: 1.5pt solid #b71c1c; color: #b71c1c; padding: 2mm; font-weight: 700; } .flag-warning { color: #8a4b00; font-weight: 700; }
`;

/** The publishable result: one self-contained Korean page (no script, no external resource). */
export function resultReport(input: ReportInput): string {
  const { tally, integrity, statistics } = input;
  const won = (n: number): string => formatWon(n);
  const byDay = statistics.breakdowns.find((b) => b.dimension === 'day');
  const page: Html = html`<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${input.title}</h1>
  <p class="meta">작성 ${input.generatedAt} · Civic Sheets</p>
  ${input.resultsEdited ? html`<p class="tampered" role="alert" data-field="resultsEdited">⚠ 결과 탭이 마지막 개표 뒤에 직접 수정되어 있었습니다. 이 보고서는 투표 탭으로 다시 개표한 결과입니다.</p>` : ''}
  ${input.tally.warnings.length > 0 ? html`<ul class="tampered" role="alert" data-field="warnings">${input.tally.warnings.map((w) => html`<li data-code="${w.code}">⚠ ${w.message}</li>`)}</ul>` : ''}
</header>
<section aria-labelledby="summary">
  <h2 id="summary">개요</h2>
  <dl class="summary">
    <div><dt>참여자</dt><dd data-field="voters">${won(tally.voters)}명</dd></div>
    <div><dt>유효 투표</dt><dd data-field="validBallots">${won(tally.validBallots)}건</dd></div>
    <div><dt>총 선택 수</dt><dd data-field="picks">${won(tally.picks)}개</dd></div>
    <div><dt>제외된 투표</dt><dd data-field="setAside">${won(tally.setAside)}건</dd></div>
    <div><dt>총예산</dt><dd data-field="budget">${won(tally.budget)}원</dd></div>
    <div><dt>선정 합계</dt><dd data-field="spent">${won(tally.spent)}원</dd></div>
    <div><dt>남은 예산</dt><dd data-field="left">${won(tally.budget - tally.spent)}원</dd></div>
    <div><dt>선정 의제</dt><dd data-field="selectedCount">${tally.selected.length}건</dd></div>
  </dl>
  <p>선정 방식: ${input.ruleText}<br>${
    tally.weighted === null
      ? ''
      : html`<span data-field="weightedFormula">점수 산식: ${tally.weighted.formula}</span><br>${tally.weighted.effectiveWeights.map(
          (w) => html`심사위원 1명 = ${w.part} 투표자 약 ${won(Math.round(w.ratio))}명<br>`,
        )}`
  }동점 처리: ${input.tieBreakText}<br>검산: 개별 투표의 선택 ${won(tally.check.ballotPicks)} ${tally.check.exact ? '=' : '≤'} 유효 투표 × 선택 수 ${won(tally.check.maxPicks)} ${tally.check.ok ? '✓' : '✗ 불일치'}</p>
</section>
<section aria-labelledby="agendas">
  <h2 id="agendas">의제별 결과</h2>
  <table>
    <thead><tr><th>순위</th><th>번호</th><th>의제명</th><th>분야</th><th>득표</th><th>득표율</th>${tally.weighted === null ? '' : html`<th>최종 점수</th>`}<th>사업비</th><th>상태</th><th>사유</th></tr></thead>
    <tbody>
      ${tally.agendas.map(
        (a) => html`<tr class="${a.status === 'selected' ? 'selected' : ''}" data-id="${a.id}">
        <td class="num">${a.rank}</td><td>${a.id}</td><td>${a.title}</td><td>${a.field}</td>
        <td class="num" data-field="votes">${won(a.votes)}</td><td class="num">${(a.share * 100).toFixed(1)}%</td>${
          tally.weighted === null ? '' : html`<td class="num" data-field="score">${a.score === null ? '' : a.score.final.toFixed(2)}</td>`
        }
        <td class="num">${won(a.cost)}</td><td class="status-${a.status}">${STATUS_LABELS[a.status].ko}${a.override === null ? '' : ' (조정)'}</td><td>${a.reason}${a.tie?.atBoundary ? ' ⚠ 예산 경계 동점' : ''}</td></tr>`,
      )}
    </tbody>
  </table>
  ${barChart('의제별 득표 (진한 색: 선정)', tally.agendas.map((a) => ({ label: `${a.id} ${a.title}`, value: a.votes, kind: a.status === 'selected' ? 'selected' : 'other' })), { unit: '표', format: won })}
  ${budgetChart(
    '선정 의제 사업비와 예산선 (빨간 점선: 총예산)',
    tally.agendas.filter((a) => a.status === 'selected').map((a) => ({ label: `${a.id} ${a.title}`, cost: a.cost })),
    tally.budget,
    (n) => `${won(n)}원`,
  )}
</section>
<section aria-labelledby="participation">
  <h2 id="participation">참여</h2>
  ${byDay === undefined ? '' : barChart('날짜별 투표자 수', byDay.rows.map((r) => ({ label: r.label, value: r.voters ?? 0, kind: 'other' })), { unit: '명', format: won })}
  <p class="meta">${statistics.minCell}명 미만인 칸은 개인을 알아볼 수 있어 가렸습니다.</p>
</section>
<section aria-labelledby="integrity">
  <h2 id="integrity">투표 검증</h2>
  ${
    integrity.flags.length === 0
      ? html`<p>특이 사항 없음 (투표 ${won(integrity.ballotsChecked)}건 검사).</p>`
      : html`<table><thead><tr><th>종류</th><th>심각도</th><th>의제</th><th>투표 수</th><th>결과 영향</th><th>관찰 내용</th></tr></thead><tbody>
      ${integrity.flags.map(
        (f) => html`<tr><td>${KIND_LABELS[f.kind].ko}</td><td class="flag-${f.severity}">${SEVERITY_LABELS[f.severity].ko}</td><td>${f.agendas.join(', ')}</td><td class="num">${won(f.ballots)}</td><td>${f.changesOutcome ? '제외하면 선정 결과가 바뀜' : '바뀌지 않음'}</td><td>${f.description}</td></tr>`,
      )}</tbody></table>`
  }
  <p class="meta">${integrity.method.join(' ')}</p>
</section>
<section aria-labelledby="fingerprints">
  <h2 id="fingerprints">재현 정보</h2>
  <p>같은 입력과 설정으로 다시 개표하면 같은 결과 지문이 나옵니다.</p>
  <p>입력 지문 <span class="fingerprint" data-field="inputFingerprint">${tally.inputFingerprint}</span><br>
  결과 지문 <span class="fingerprint" data-field="resultFingerprint">${tally.resultFingerprint}</span></p>
</section>
</body>
</html>
`;
  return page.value;
}
