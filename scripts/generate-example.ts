/**
 * Writes the built-in example into examples/: the four vote exports exactly as generateExample()
 * makes them, plus settings.csv, fields.csv and agendas.csv (UTF-8) for trying an import by hand.
 * The CSVs come out byte-identical on every run; youth_picks.xlsx has the same content but new zip
 * timestamps, so commit a regenerated copy only when its content changed.
 * The files are generated: edit src/node/example/ and run this again instead of editing them.
 *
 *   npx esbuild scripts/generate-example.ts --bundle --platform=node --outfile=/tmp/gen.js && node /tmp/gen.js [seed]
 *
 * Run from the repository root. Prints the per-agenda totals of clean ballots as a tally check.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv } from '../src/node/example/csv';
import { AGENDAS, DEFAULT_EXAMPLE_SEED, expectedVotes, generateExample } from '../src/node/example';

async function main(): Promise<void> {
  const seed = process.argv[2] === undefined ? DEFAULT_EXAMPLE_SEED : Number(process.argv[2]);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer: ${process.argv[2]}`);
  const data = await generateExample(seed);
  const dir = join(process.cwd(), 'examples');
  mkdirSync(dir, { recursive: true });

  for (const file of data.exports) writeFileSync(join(dir, file.fileName), file.bytes);
  writeFileSync(join(dir, 'settings.csv'), toCsv([['항목', '값'], ...data.settings]));
  writeFileSync(join(dir, 'fields.csv'), toCsv([['분야', '예산'], ...data.fields]));
  writeFileSync(join(dir, 'agendas.csv'), toCsv([['번호', '의제명', '분야', '사업비', '담당부서'], ...data.agendas]));

  console.log(`seed ${seed} → ${dir}`);
  for (const file of data.exports) console.log(`${file.fileName} (${file.channel}, ${file.bytes.length} bytes)`, JSON.stringify(file.planted));
  const totals = expectedVotes(data);
  const ranked = AGENDAS.map((a) => ({ ...a, votes: totals[a.id] })).sort((x, y) => y.votes - x.votes);
  let spent = 0;
  for (const [rank, a] of ranked.entries()) {
    const fits = spent + a.cost <= 500_000_000;
    if (fits) spent += a.cost;
    console.log(`${rank + 1}. ${a.id} ${a.title} ${a.votes} votes, ${a.cost / 1e6}백만 ${fits ? 'selected' : 'skipped'}`);
  }
  console.log(`greedy (skip) spends ${spent / 1e6}백만 of 500백만`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
