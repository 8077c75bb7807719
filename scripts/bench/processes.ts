/**
 * Child processes with their peak memory: each is started with a tiny preload that writes its own
 * maxRSS to a file on exit, because Node offers no rusage for a child it spawned.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export interface ChildRun {
  stdout: string;
  ms: number;
  peakRssMb: number;
}

export class ProcessRunner {
  private readonly preload: string;

  constructor(private readonly workDir: string) {
    this.preload = path.join(workDir, 'peak-rss.cjs');
    writeFileSync(
      this.preload,
      "process.on('exit', () => require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
    );
  }

  /** Runs `node <args>`; throws with its stderr when it fails. */
  node(args: string[]): ChildRun {
    const rssFile = path.join(this.workDir, `rss-${process.pid}-${Date.now()}.txt`);
    const start = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--require', this.preload, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, BENCH_RSS_FILE: rssFile },
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.status !== 0) {
      throw new Error(`node ${args.join(' ')} failed (${child.status ?? child.signal}): ${child.stderr.trim().slice(-2000)}`);
    }
    const peakRssMb = Math.round(Number(readFileSync(rssFile, 'utf8')) / 1024);
    rmSync(rssFile, { force: true });
    return { stdout: child.stdout, ms, peakRssMb };
  }
}
