import { formatWon } from '../core/amount';
import { formatSeoulTimestamp } from '../core/datetime';
import type { BallotFilter, Flag, FlagKind, IntegrityThresholds, Severity } from '../core/integrity';
import type { Language } from './messages';

export const KIND_LABELS: Record<FlagKind, Record<Language, string>> = {
  burst: { ko: '시간대 급증', en: 'burst' },
  identical_ballots: { ko: '동일 투표 반복', en: 'identical ballots' },
  concentration: { ko: '득표 쏠림', en: 'concentration' },
  count_sanity: { ko: '집계 검산', en: 'count check' },
  duplicate_voter: { ko: '중복 투표자', en: 'duplicate voter' },
  outside_window: { ko: '투표 기간 밖', en: 'outside window' },
};

export const SEVERITY_LABELS: Record<Severity, Record<Language, string>> = {
  info: { ko: '참고', en: 'info' },
  warning: { ko: '주의', en: 'warning' },
  alert: { ko: '경보', en: 'alert' },
};

const time = (ms: number | undefined): string => (ms === undefined ? '' : formatSeoulTimestamp(ms).slice(0, 16));

/** What was seen, in a sentence a committee member can read without statistics. */
export function describeFlag(flag: Flag, language: Language): string {
  const d = flag.detail;
  const ko = language === 'ko';
  const n = (v: string | number | undefined): string => formatWon(Math.round(Number(v ?? 0)));
  const pct = (v: string | number | undefined): string => `${Math.round(Number(v ?? 0) * 100)}%`;
  switch (flag.kind) {
    case 'burst':
      return ko
        ? `${flag.agendas[0]}: ${time(flag.filter.from)}~${time(flag.filter.to).slice(11)} ${d.hours}시간 동안 ${n(d.observed)}표 (예상 ${n(d.expected)}표)`
        : `${flag.agendas[0]}: ${n(d.observed)} votes in ${d.hours} h from ${time(flag.filter.from)} (expected ${n(d.expected)})`;
    case 'identical_ballots':
      return ko
        ? `같은 조합 [${flag.agendas.join(', ')}] 투표가 ${d.windowHours}시간 안에 ${n(d.observed)}건 (예상 ${n(d.expected)}건)`
        : `the same picks [${flag.agendas.join(', ')}] cast ${n(d.observed)} times within ${d.windowHours} h (expected ${n(d.expected)})`;
    case 'concentration': {
      const where = d.dimension === 'dong' ? (ko ? '동' : 'dong') : ko ? '채널' : 'channel';
      return ko
        ? `${flag.agendas[0]} 득표의 ${pct(d.share)}가 ${where} '${d.place}'에서 나옴 (전체 선택 중 그곳 비중 ${pct(d.baseline)})`
        : `${pct(d.share)} of ${flag.agendas[0]}'s votes come from ${where} '${d.place}' (which casts ${pct(d.baseline)} of all picks)`;
    }
    case 'count_sanity':
      if (d.channel !== undefined) {
        return ko
          ? `집계 채널 '${d.channel}': 참여자 ${n(d.participants)}명인데 득표 합계 ${n(d.votes)} (최대 ${n(d.maxPicks)}), 한 의제 최다 ${n(d.agendaVotes)}표`
          : `totals channel '${d.channel}': ${n(d.participants)} participants but ${n(d.votes)} votes (at most ${n(d.maxPicks)}), one agenda ${n(d.agendaVotes)}`;
      }
      return ko
        ? `선택 수 ${n(d.ballotPicks)}개가 유효 투표 × 선택 수 ${n(d.maxPicks)}와 맞지 않음`
        : `${n(d.ballotPicks)} picks do not match valid ballots × picks ${n(d.maxPicks)}`;
    case 'duplicate_voter':
      return ko ? `투표 탭에 같은 투표자 키가 ${n(d.count)}건 더 있음 (먼저 낸 투표만 인정)` : `${n(d.count)} more ballots share a voter key (only the first counts)`;
    case 'outside_window':
      return ko ? `투표 기간 밖의 투표 ${n(d.count)}건 (개표에서 제외)` : `${n(d.count)} ballots outside the voting window (set aside)`;
  }
}

/** The filter to apply to the 투표 tab to see exactly the ballots a flag is about. */
export function describeFilter(filter: BallotFilter, language: Language): string {
  const ko = language === 'ko';
  const parts: string[] = [];
  if (filter.from !== undefined) parts.push(`${ko ? '투표일시' : 'voted_at'} ${time(filter.from)} ~ ${time(filter.to)}`);
  if (filter.agenda !== undefined) parts.push(`${ko ? '선택에' : 'choices include'} ${filter.agenda}`);
  if (filter.combination !== undefined) parts.push(`${ko ? '선택 =' : 'choices ='} ${filter.combination.join(', ')}`);
  if (filter.dong !== undefined) parts.push(`${ko ? '동 =' : 'dong ='} ${filter.dong}`);
  if (filter.channel !== undefined) parts.push(`${ko ? '채널 =' : 'channel ='} ${filter.channel}`);
  return parts.join('; ');
}

export function describeMethod(thresholds: IntegrityThresholds, language: Language): string[] {
  return language === 'ko'
    ? [
        '시간대 급증: 의제별 시간당 득표를 그 시간의 전체 투표 수 × 의제의 전체 득표 비율과 비교 (포아송 꼬리확률)',
        `동일 투표 반복: 같은 선택 조합이 ${thresholds.windowHours}시간 안에 나온 횟수를 그 조합의 전체 비율로 예상한 값과 비교`,
        `득표 쏠림: 의제 득표의 ${Math.round(thresholds.concentrationShare * 100)}% 이상이 한 동/채널에서 나오고 그곳의 전체 비중보다 훨씬 클 때 (이항 꼬리확률)`,
        `점수 = −log10(꼬리확률 × 검정 횟수) (본페로니 보정). 주의 ≥ ${thresholds.warning}, 경보 ≥ ${thresholds.alert}. 도구는 표를 지우지 않습니다: 제외는 위원회가 결정하고 기록합니다.`,
      ]
    : [
        "Bursts: each agenda's votes per hour against the hour's ballots × the agenda's overall share (Poisson tail)",
        `Identical ballots: one combination of picks within ${thresholds.windowHours} h against its overall share`,
        `Concentration: ${Math.round(thresholds.concentrationShare * 100)}% or more of an agenda's votes from one dong/channel far above its share (binomial tail)`,
        `Score = −log10(tail probability × number of tests) (Bonferroni). Warning ≥ ${thresholds.warning}, alert ≥ ${thresholds.alert}. The tool never removes votes: exclusions are the committee's recorded decision.`,
      ];
}
