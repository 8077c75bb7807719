/**
 * A temp folder for one test file, removed when the file's tests are done, so repeated runs do
 * not leave workbooks (some of them tens of MB) behind in the system's temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Call at the top level of a test file (it registers an afterAll). */
export function tempFolder(prefix: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), `civic-${prefix}-`));
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });
  return folder;
}
