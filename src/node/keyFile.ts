import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../core/errors';
import type { OutsideSecret } from './xlsxWorkbook';

/**
 * The voter key's file (열쇠 파일), kept beside the workbook as `<book.xlsx>.key` or wherever
 * `--key FILE` says: readable by its owner only (0600), and never inside the .xlsx, so a workbook
 * sent to the committee or exported cannot be used to reverse its voter keys.
 *
 * The file is text: comment lines starting with '#', then the key on a line of its own, so a
 * colleague handed the key by other means can also type the file themselves.
 */
export function defaultKeyPath(bookPath: string): string {
  return `${bookPath}.key`;
}

const HEADER = [
  '# Civic Sheets 투표자 열쇠 / voter key',
  '# 통합문서와 따로 보관하고 통합문서와 함께 보내지 마세요 / Keep it apart from the workbook; never send the two together.',
];

export class KeyFile implements OutsideSecret {
  private value: string | null | undefined;
  private pending = false;

  constructor(readonly filePath: string) {}

  get(): string | null {
    if (this.value === undefined) this.value = readKeyFile(this.filePath);
    return this.value;
  }

  set(value: string): void {
    this.value = value;
    this.pending = true;
  }

  location(): string {
    return `${path.resolve(this.filePath)} (--key FILE)`;
  }

  async flush(): Promise<void> {
    if (!this.pending || this.value === null || this.value === undefined) return;
    writeKeyFile(this.filePath, this.value);
    this.pending = false;
  }
}

/** The key in a key file; null when there is no such file. */
export function readKeyFile(filePath: string): string | null {
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError('bad_key', `${filePath}: 열쇠 파일을 읽을 수 없습니다 / cannot read the key file`);
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length !== 1) throw new UserError('bad_key', `${filePath}: 열쇠 파일에는 열쇠 한 줄만 있어야 합니다 / a key file holds one line with the key`);
  return lines[0];
}

/** Written beside the target and renamed, readable by its owner only. */
export function writeKeyFile(filePath: string, key: string): void {
  const temp = `${filePath}.${process.pid}.tmp`;
  writeFileSync(temp, `${HEADER.join('\n')}\n${key}\n`, { encoding: 'utf8', mode: 0o600 });
  // The mode above is cut by the umask; the file must end up 0600 whatever it is.
  chmodSync(temp, 0o600);
  renameSync(temp, filePath);
}
