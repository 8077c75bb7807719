import type { Warning } from '../core/warnings';
import type { ImportInput, ImportReport } from './api';

/** The report of an import before any row is looked at: nothing counted, nothing set aside. */
export function newImportReport(input: Pick<ImportInput, 'fileName' | 'encoding'>, shape: ImportReport['shape'], fingerprint: string, rowsRead: number): ImportReport {
  return {
    fileName: input.fileName,
    encoding: input.encoding,
    shape,
    rowsRead,
    rowsCounted: 0,
    ballotsCounted: 0,
    totalsVotes: 0,
    setAside: { total: 0, reasons: {} },
    trimmed: 0,
    alreadyImported: false,
    fingerprint,
    warnings: [],
    warningCodes: [],
  };
}

/** Adds a warning to an import report: its message to `warnings`, its code to `warningCodes`. */
export function addImportWarning(report: ImportReport, w: Warning): void {
  report.warnings.push(w.message);
  report.warningCodes.push(w.code);
}
