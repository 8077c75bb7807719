/**
 * Preloaded into a CLI process (`node --require reportUsage.cjs cli.js …`): when it ends, writes
 * its peak memory (resident set, bytes) and how long it ran (ms) as JSON to CIVIC_USAGE_FILE.
 */
const fs = require('node:fs');

const started = Date.now();
process.on('exit', () => {
  const file = process.env.CIVIC_USAGE_FILE;
  if (file) fs.writeFileSync(file, JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024, ms: Date.now() - started }));
});
