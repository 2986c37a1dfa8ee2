// Start-up to ready with 10,000 claims: `npm start` without a token (the offline console over the same knowledge
// base), as a newcomer runs it, timed from spawning the process to the console's first line (the base is open and
// every claim searchable) and to its exit at the end of its (empty) input. A start reads the search index saved
// beside the database by the last one (src/knowledge/searchSnapshot.ts); the first start, or one after the file is
// gone, builds it from every claim: both are timed. Beside them, the same through tsx.
//
//   npm run bench:startup
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { KnowledgeBase, snapshotPathOf } from '../src/knowledge/index.js';
import { makeClaim } from './synthetic.js';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 10_000);
const RUNS = 5;
const TARGET_MS = 1_500;

const folder = mkdtempSync(join(tmpdir(), 'factcheck-startup-'));
const databasePath = join(folder, 'factcheck.db');
const kb = await KnowledgeBase.open({ databasePath });
await kb.scope(null).import(
  Array.from({ length: CLAIMS }, (_, i) => {
    const { id, statement, answer, confidence, claimant, sources, questions, keywords, tags } = makeClaim(i);
    return { id, statement, answer, confidence, claimant, sources, questions, keywords, tags };
  }),
  { by: 'curated' },
);
await kb.close();

/** Milliseconds from spawning to the first line on stderr, and to exit. */
function start(command: string[]): Promise<{ readyMs: number; exitMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let readyMs = NaN;
    const child = spawn(command[0]!, command.slice(1), {
      cwd: new URL('..', import.meta.url),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: databasePath, DISCORD_TOKEN: '' },
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    child.stderr.on('data', (d: Buffer) => {
      if (Number.isNaN(readyMs) && String(d).includes('offline console')) readyMs = performance.now() - started;
    });
    child.stdin.end();
    child.on('error', reject);
    child.on('exit', () => resolve({ readyMs, exitMs: performance.now() - started }));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: Array<[string, number[], number[]]> = [];
const compiled = ['node', 'scripts/start.mjs'];
for (const [label, command, saved] of [
  ['npm start (compiled)', compiled, true],
  ['  no saved index', compiled, false],
  ['tsx src/index.ts', ['node', '--import', 'tsx', 'src/index.ts'], true],
] as const) {
  await start([...command]); // a first run builds dist/ when src/ changed, saves the index, and warms the file cache
  const runs: Array<{ readyMs: number; exitMs: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    if (!saved) rmSync(snapshotPathOf(databasePath), { force: true });
    runs.push(await start([...command]));
  }
  rows.push([label, runs.map((r) => r.readyMs), runs.map((r) => r.exitMs)]);
}
rmSync(folder, { recursive: true, force: true });

console.log(`\nStart-up with ${CLAIMS.toLocaleString('en')} claims (median of ${RUNS} runs; Node ${process.version})\n`);
for (const [label, ready, exit] of rows)
  console.log(`${label.padEnd(24)} ready ${median(ready).toFixed(0).padStart(5)} ms   exit ${median(exit).toFixed(0).padStart(5)} ms`);
const ready = median(rows[0]![1]);
console.log(
  `\n  ${ready <= TARGET_MS ? 'met    ' : 'MISSED '} start-up to ready with ${CLAIMS.toLocaleString('en')} claims: ${ready.toFixed(0)} ms (target ≤ ${TARGET_MS} ms; ${median(rows[1]![1]).toFixed(0)} ms building the index)`,
);
