import { existsSync } from 'node:fs';
import { UserError } from '../core/errors';
import { DOCUMENT_KEY } from '../workflows/documentKey';
import { defaultKeyPath, KeyFile, writeKeyFile } from './keyFile';
import { LARGE_TAB, XlsxWorkbook } from './xlsxWorkbook';

export interface OpenBookOptions {
  /** The key file (`--key FILE`); `<book.xlsx>.key` when not given. */
  keyPath?: string;
  /** Make a new workbook when there is no file (init, a first .pb import, the demo). */
  create?: boolean;
  /** Large tabs the command never reads, left unparsed (XlsxWorkbook OpenOptions.unread). */
  unread?: readonly string[];
  /** Told once, when a key the workbook still carried inside is moved out. */
  notice?: (text: string) => void;
}

/**
 * A workbook as the CLI opens it: its voter key read from and written to the key file, never the
 * .xlsx. A workbook that still carries its key inside (written by an older version) has it moved
 * out: the key file is written at once, and the hidden tab goes when the workbook is next saved.
 */
export async function openBook(bookPath: string, options: OpenBookOptions = {}): Promise<XlsxWorkbook> {
  const book = options.create === true && !existsSync(bookPath) ? XlsxWorkbook.create(bookPath) : await XlsxWorkbook.open(bookPath, LARGE_TAB, options.unread === undefined ? {} : { unread: options.unread });
  const keyPath = options.keyPath ?? defaultKeyPath(bookPath);
  const keyFile = new KeyFile(keyPath);
  const inside = book.takeInsideSecret(DOCUMENT_KEY);
  if (inside !== null && inside !== '') {
    const outside = keyFile.get();
    if (outside === null) {
      writeKeyFile(keyPath, inside);
      options.notice?.(
        `투표자 열쇠를 통합문서 밖의 ${keyPath}로 옮겼습니다. 통합문서 안의 열쇠는 저장할 때 지워집니다 / Moved the voter key out of the workbook into ${keyPath}; the copy inside is removed when the workbook is saved`,
      );
    } else if (outside !== inside) {
      throw new UserError(
        'key_conflict',
        `${bookPath}: 통합문서 안의 열쇠와 ${keyPath}의 열쇠가 다릅니다. 어느 것도 바꾸지 않았습니다 / the key inside the workbook differs from the one in ${keyPath}; nothing was changed`,
      );
    }
  }
  book.keepSecretOutside(DOCUMENT_KEY, new KeyFile(keyPath));
  return book;
}
