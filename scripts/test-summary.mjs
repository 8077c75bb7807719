// Prints jest's result as one plain closing line ("tests: N passed, N failed") for CI readers.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
try {
  const result = JSON.parse(readFileSync(file, 'utf8'));
  console.log(`tests: ${result.numPassedTests} passed, ${result.numFailedTests} failed`);
} catch {
  console.log('tests: 0 passed, 1 failed');
  process.exitCode = 1;
}
