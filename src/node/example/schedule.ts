/**
 * The example's 일정 tab: the seed minutes' schedule (item 5 향후일정, and the meeting and vote
 * dates of items 1–2) with the date text exactly as the document writes it. Owners and e-mail
 * addresses are invented; every address is at example.org, which no one can receive mail for.
 */

/** Dates without a year (`8. 10. 限`, `7~8월`) are read in this year. */
export const SCHEDULE_YEAR = 2020;

/** The day the example's statuses are computed for: the day after the vote closed, when it is tallied. */
export const SCHEDULE_TODAY = '2020-07-14';

/** [일정, 시작, 기한, 담당자, 담당자 이메일, 알림 (며칠 전), 상태, 비고] */
export const SCHEDULE: readonly (readonly [string, string, string, string, string, string, string, string])[] = [
  ['운영협의회 회의', '2020. 7. 3.(금). 11:00~12:00', '', '김하늘 (협치지원관)', 'haneul.kim@example.org', '1', '완료', '구청 기획상황실'],
  ['2020 온라인 열린공론장 개최', '7월', '', '이서준 (자치행정과)', 'seojun.lee@example.org', '7,3,1', '', '의제 공유 및 주민투표로 우선순위 선정'],
  ['열린공론장 주민투표 (엠보팅)', '2020. 7. 6.(월) ~ 7. 13.(월)', '', '이서준 (자치행정과)', 'seojun.lee@example.org, vote-team@example.org', '7,3,1', '완료', '1인 3개 의제 선택'],
  ['2021 지역사회혁신계획 수립', '7~8월', '', '박지민 (협치분과)', 'jimin.park@example.org', '7', '', ''],
  ['영등포구협치회의 「2021 지역사회혁신계획(구단위계획형)」 승인', '8월 초', '', '최유나 (운영협의회)', 'yuna.choi@example.org', '7,3,1', '', ''],
  ['2021 지역사회혁신계획(구단위계획형) 초안 제출(서울시)', '', '8. 10. 限', '정민호 (자치행정과)', 'minho.jung@example.org', '7,3,1,0', '', '서울시 제출'],
  ['2021 지역사회혁신계획 영등포구협치회의 최종승인', '9월', '', '최유나 (운영협의회)', 'yuna.choi@example.org', '14,7', '', ''],
];
