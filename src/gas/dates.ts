/**
 * Date cells → text. `getValues()` returns a Date for a date cell (the instant whose wall-clock time
 * in the spreadsheet's time zone is what the cell shows). A Date must not leave the host: it is not
 * JSON-safe (google.script.run turns it into null) and the workflows read text. We format it as
 * 'YYYY-MM-DD HH:mm:ss' in the spreadsheet's zone with Intl (pure JavaScript, no service call per
 * cell); a date-only cell gives '... 00:00:00' and a time-only cell gives '1899-12-30 HH:mm:ss'.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** True for a Date from any realm (Apps Script objects, or a vm context in tests). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * 'YYYY-MM-DD HH:mm:ss' for `date` as seen in `timeZone` (an IANA name such as 'Asia/Seoul').
 * Uses Intl; should a runtime lack time-zone data, falls back to Utilities.formatDate (a service
 * call per cell, slower but right).
 */
export function formatDateInZone(date: Date, timeZone: string): string {
  const t = date.getTime();
  if (Number.isNaN(t)) return '';
  try {
    return formatWithIntl(t, timeZone);
  } catch {
    return Utilities.formatDate(new Date(t), timeZone, 'yyyy-MM-dd HH:mm:ss');
  }
}

function formatWithIntl(t: number, timeZone: string): string {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(t))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  // Years before 1000 or negative are not produced by spreadsheets in practice; pad to 4 anyway.
  return (
    `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)} ` +
    `${pad(parts.hour, 2)}:${pad(parts.minute, 2)}:${pad(parts.second, 2)}`
  );
}
