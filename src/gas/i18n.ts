/** Texts the server shows itself (menu, alerts, sidebar title). The sidebar has its own dictionary. */
export type Lang = 'ko' | 'en';

export interface ServerTexts {
  menuTally: string;
  menuImport: string;
  menuOpenSidebar: string;
  menuInit: string;
  menuCheckPlans: string;
  sidebarTitle: string;
  busy: string;
  unexpected: string;
  /** A Google service timed out or the execution hit its time limit: nothing half-done is kept. */
  serviceFault: string;
  /** Sheets refused a write past its 10,000,000-cell cap (the count before the import was outrun). */
  cellLimit: string;
  tallyTitle: string;
  tallySummary: (selected: number, spent: string, budget: string) => string;
  initTitle: string;
  initSummary: (created: string[], existing: string[]) => string;
  badInput: string;
  checkPlansTitle: string;
  checkPlansSummary: (pass: number, warning: number, fail: number, projects: number, tab: string) => string;
  remindersTaken: (by: string, since: string) => string;
  /** A step of a large job ended with work left. */
  jobContinues: (kind: 'import' | 'tally', done: number, total: number, scheduled: boolean) => string;
  menuContinueJob: string;
  menuCancelJob: string;
  jobTitle: string;
  noJob: string;
  jobFinished: (kind: 'import' | 'tally') => string;
  jobCancelConfirm: (kind: 'import' | 'tally', done: number, total: number, by: string, since: string, cancelling: boolean) => string;
  jobCancelled: string;
  jobCancelContinues: (left: number, scheduled: boolean) => string;
  menuReminders: string;
  remindersTitle: string;
  menuReport: string;
  menuPrint: string;
  printTitle: string;
  printIntro: string;
  printOrientation: Record<'portrait' | 'landscape', string>;
  printNone: string;
  reportTitle: string;
  reportDownload: string;
  remindersSummary: (milestones: number, overdue: string[], due: number) => string;
}

const ko: ServerTexts = {
  menuTally: '개표',
  menuImport: '투표 가져오기',
  menuOpenSidebar: '사이드바 열기',
  menuInit: '탭 만들기',
  menuCheckPlans: '예산 검토',
  sidebarTitle: 'Civic Sheets',
  busy: '다른 개표나 가져오기가 진행 중입니다. 잠시 후 다시 시도해 주세요.',
  unexpected: '예상하지 못한 오류가 발생했습니다',
  cellLimit: '스프레드시트의 셀 한도(1,000만 칸)에 닿아 더 쓸 수 없습니다. 진행 중인 작업이 있으면 취소하고, 쓰지 않는 탭을 지우거나 새 스프레드시트에서 하세요',
  serviceFault: 'Google 시트가 제때 응답하지 않아 멈췄습니다. 반쯤 된 기록은 남지 않습니다: 다시 시도하거나, 진행 중인 작업이 있으면 이어서 하세요',
  tallyTitle: '개표 결과',
  tallySummary: (n, spent, budget) => `선정 ${n}건, 사용 예산 ${spent}원 / 총예산 ${budget}원`,
  initTitle: '탭 만들기',
  initSummary: (created, existing) =>
    `새로 만든 탭: ${created.length ? created.join(', ') : '없음'}\n이미 있던 탭: ${existing.length ? existing.join(', ') : '없음'}`,
  badInput: '가져올 표의 형식이 올바르지 않습니다.',
  checkPlansTitle: '예산 검토',
  checkPlansSummary: (pass, warning, fail, projects, tab) => `사업 ${projects}개 검토: 통과 ${pass}, 경고 ${warning}, 실패 ${fail}\n자세한 내용은 '${tab}' 탭에 있습니다.`,
  jobContinues: (kind, done, total, scheduled) =>
    `${kind === 'tally' ? '개표' : '가져오기'}가 커서 나누어 진행합니다: ${done}/${total} 단계 완료.\n` +
    (scheduled ? '1분 뒤 자동으로 이어서 진행합니다. ' : '') +
    '사이드바의 개표 탭에서 이어서 진행하고 진행 상황을 볼 수 있습니다. 다시 개표를 눌러도 이어서 진행합니다.',
  remindersTaken: (by, since) => `이 문서의 이메일 알림은 이미 켜져 있습니다 (${by}, ${since}). 한 문서에 하나만 둘 수 있습니다: 먼저 끄고 다시 켜세요.`,
  menuContinueJob: '진행 중인 작업 이어서 하기',
  menuCancelJob: '진행 중인 작업 취소',
  jobTitle: '진행 중인 작업',
  noJob: '진행 중인 가져오기나 개표가 없습니다.',
  jobFinished: (kind) => `${kind === 'tally' ? '개표' : '가져오기'}를 마쳤습니다. 결과는 탭에 있습니다.`,
  jobCancelConfirm: (kind, done, total, by, since, cancelling) =>
    cancelling
      ? `${kind === 'tally' ? '개표' : '가져오기'} 작업을 취소하는 중입니다 (되돌릴 단계 ${done}개, ${by}, ${since} 시작). 취소를 이어서 진행할까요?`
      : `${kind === 'tally' ? '개표' : '가져오기'} 작업 (${by}, ${since} 시작, ${total}단계 중 ${done}단계 기록됨)을 취소할까요?\n` +
        (kind === 'import' ? '이미 기록된 투표·제외 행은 지워지고, 파일은 처음부터 다시 가져와야 합니다.' : '결과 탭이 일부만 바뀌었을 수 있으니 취소한 뒤 다시 개표하세요.'),
  jobCancelled: '작업을 취소했습니다. 이력 탭에 기록했습니다.',
  jobCancelContinues: (left, scheduled) => `취소를 나누어 진행합니다: 되돌릴 단계 ${left}개 남음.\n` + (scheduled ? '1분 뒤 자동으로 이어서 진행합니다.' : "메뉴의 '진행 중인 작업 이어서 하기'로 이어서 진행하세요."),
  menuReminders: '일정·알림 새로고침',
  remindersTitle: '일정·알림',
  menuReport: '결과 보고서',
  menuPrint: '탭 인쇄용 PDF (A4)',
  printTitle: '탭 인쇄용 PDF',
  printIntro: 'A4 용지 폭에 맞추고 머리글 행을 쪽마다 반복한 PDF를 새 창에서 엽니다 (Google 시트의 PDF 내보내기). 시트의 인쇄 메뉴를 쓸 때는 용지 A4, 크기 조정 ‘너비에 맞춤’, ‘고정된 행 반복’을 고르세요.',
  printOrientation: { portrait: '세로', landscape: '가로' },
  printNone: '인쇄할 탭(결과, 검증, 통계, 검토, 집행)이 아직 없습니다.',
  reportTitle: '결과 보고서',
  reportDownload: 'HTML 파일로 내려받기 (브라우저에서 열어 A4로 인쇄)',
  remindersSummary: (n, overdue, due) => `일정 ${n}건, 지연 ${overdue.length}건${overdue.length ? `: ${overdue.join(', ')}` : ''}\n오늘 보낼 알림 ${due}건`,
};

const en: ServerTexts = {
  menuTally: 'Tally',
  menuImport: 'Import votes',
  menuOpenSidebar: 'Open sidebar',
  menuInit: 'Create tabs',
  menuCheckPlans: 'Check plans',
  sidebarTitle: 'Civic Sheets',
  busy: 'Another tally or import is running. Please try again in a moment.',
  unexpected: 'Unexpected error',
  cellLimit: "The spreadsheet reached its 10,000,000-cell limit, so nothing more can be written. Cancel the open job if there is one, then delete unused tabs or use a new spreadsheet",
  serviceFault: 'Google Sheets did not respond in time, so this stopped. Nothing half-done is kept: try again, or continue the open job if there is one',
  tallyTitle: 'Tally result',
  tallySummary: (n, spent, budget) => `${n} selected, spent ${spent} of ${budget} KRW`,
  initTitle: 'Create tabs',
  initSummary: (created, existing) =>
    `Created: ${created.length ? created.join(', ') : 'none'}\nAlready there: ${existing.length ? existing.join(', ') : 'none'}`,
  badInput: 'The table to import is not in the expected shape.',
  checkPlansTitle: 'Check plans',
  checkPlansSummary: (pass, warning, fail, projects, tab) => `${projects} projects checked: pass ${pass}, warning ${warning}, fail ${fail}\nDetails are in the '${tab}' tab.`,
  jobContinues: (kind, done, total, scheduled) =>
    `The ${kind} is large and runs in steps: ${done} of ${total} done.\n` +
    (scheduled ? 'It continues by itself in a minute. ' : '') +
    'The sidebar (Tally tab) continues it and shows progress; clicking Tally again continues it too.',
  remindersTaken: (by, since) => `E-mail reminders are already on for this document (${by}, ${since}). Only one is allowed: turn it off first.`,
  menuContinueJob: 'Continue the open job',
  menuCancelJob: 'Cancel the open job',
  jobTitle: 'Open job',
  noJob: 'No import or tally is in progress.',
  jobFinished: (kind) => `The ${kind} is finished; the results are in the tabs.`,
  jobCancelConfirm: (kind, done, total, by, since, cancelling) =>
    cancelling
      ? `The ${kind} is being cancelled (${done} steps left to undo; started by ${by} at ${since}). Go on cancelling?`
      : `Cancel the ${kind} started by ${by} at ${since} (${done} of ${total} steps written)?\n` +
        (kind === 'import' ? 'The ballot and set-aside rows it wrote are removed; the file must be imported again from the start.' : 'The Results tab may be partly rewritten: tally again after cancelling.'),
  jobCancelled: 'The job is cancelled; the Audit tab records it.',
  jobCancelContinues: (left, scheduled) => `Cancelling runs in steps: ${left} left to undo.\n` + (scheduled ? 'It continues by itself in a minute.' : "Continue it with 'Continue the open job' in the menu."),
  menuReminders: 'Refresh schedule',
  remindersTitle: 'Schedule',
  menuReport: 'Result report',
  menuPrint: 'Print tabs as PDF (A4)',
  printTitle: 'Print tabs as PDF',
  printIntro: 'Opens each tab as a PDF on A4, fitted to the page width, header rows repeated on every page (Google Sheets’ PDF export). From Sheets’ own Print, choose A4, scale “Fit to width” and “Repeat frozen rows”.',
  printOrientation: { portrait: 'portrait', landscape: 'landscape' },
  printNone: 'None of the printed tabs (Results, Checks, Statistics, Review, Execution) exists yet.',
  reportTitle: 'Result report',
  reportDownload: 'Download as HTML (open it in a browser to print on A4)',
  remindersSummary: (n, overdue, due) => `${n} milestones, ${overdue.length} overdue${overdue.length ? `: ${overdue.join(', ')}` : ''}\n${due} reminders due today`,
};

export function texts(lang: Lang): ServerTexts {
  return lang === 'en' ? en : ko;
}

/** 'ko', 'ko_KR', 'ko-KR' → 'ko'; anything else that is known → 'en'; unknown → 'ko'. */
export function langFromLocale(locale: string | null | undefined): Lang {
  if (!locale) return 'ko';
  return /^ko(?:$|[_-])/i.test(locale) ? 'ko' : 'en';
}

/** 500000000 → '500,000,000' (no Intl dependency, same result on every host). */
export function groupDigits(n: number): string {
  const [int, frac] = String(Math.round(n * 100) / 100).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}
