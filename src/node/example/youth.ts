/**
 * Export 4: a youth vote (청소년 투표) run by a youth centre in its own spreadsheet, one row per
 * pick, with the time as a real Excel date cell. Voter ids are the centre's own (Y-0001…), so they
 * cannot collide with phone numbers.
 *
 * Written with ExcelJS. The workbook's own dates are fixed, but ExcelJS's zip writer stamps every
 * entry with the current time and has no option to set it, so the .xlsx bytes change from run to
 * run (at zip's two-second resolution) while its content does not.
 */
import ExcelJS from 'exceljs';
import { Random } from './random';
import { votingTime } from './time';
import { countVotes, drawPickCount, drawPicks, emptyVotes } from './voters';

export const YOUTH_FILE = 'youth_picks.xlsx';
export const YOUTH_HEADER = ['투표자ID', '일시', '선택의제'];
export const YOUTH_CHANNEL = '청소년 투표';
export const YOUTH_SHEET = '청소년투표';
const YOUTH_VOTERS = 300;
/** Teenagers care about their space, the festival and the environment more than adults do. */
const YOUTH_TILT = { A09: 1.5, A11: 1.8, A04: 1.6, A06: 1.4, A07: 0.6, A10: 0.7 };
/** The workbook's created/modified/printed date: 2020-07-13, the forum's last day. */
const WORKBOOK_DATE = new Date(Date.UTC(2020, 6, 13));

export async function generateYouth(rng: Random): Promise<{ bytes: Uint8Array; planted: Record<string, number> }> {
  const votes = emptyVotes();
  // Ids are handed out in the order people voted, as a sign-up sheet would.
  const times = Array.from({ length: YOUTH_VOTERS }, () => votingTime(rng, true)).sort((a, b) => a - b);
  const rows: [string, Date, string][] = [];
  times.forEach((time, i) => {
    const id = `Y-${String(i + 1).padStart(4, '0')}`;
    const picks = drawPicks(rng, '10대', drawPickCount(rng, [0.2, 0.3, 0.5]), YOUTH_TILT);
    // ExcelJS writes a Date's UTC fields as Excel's zone-less serial: they hold Seoul wall-clock time.
    for (const pick of picks) rows.push([id, new Date(time * 1000), pick]);
    countVotes(votes, picks);
  });

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Civic Sheets example';
  workbook.lastModifiedBy = 'Civic Sheets example';
  workbook.created = WORKBOOK_DATE;
  workbook.modified = WORKBOOK_DATE;
  workbook.lastPrinted = WORKBOOK_DATE;
  const sheet = workbook.addWorksheet(YOUTH_SHEET);
  sheet.columns = [{ width: 12 }, { width: 20 }, { width: 10 }];
  sheet.addRow(YOUTH_HEADER);
  // The number format is what makes Excel show the serial as a date and time.
  for (const row of rows) sheet.addRow(row).getCell(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  const buffer = await workbook.xlsx.writeBuffer();

  const picks = rows.length;
  return {
    bytes: new Uint8Array(buffer),
    planted: { rows: picks, voters: YOUTH_VOTERS, distinctVoters: YOUTH_VOTERS, cleanBallots: YOUTH_VOTERS, picks, ...votes },
  };
}
