// Speed and memory of the question matcher, beside MiniSearch (BM25, defaults) and plain fuse.js over the same
// claims, in this one process:
//
//   npm run bench        (a few minutes on 2 cores)        BENCH_SIZES=10000,100000 to choose the synthetic sizes
//
// 1. A real archive: the 14,231 CheckThat! fact checks (from ../shared, as checkthat.mjs imports them) with the
//    curated base: short questions (the curated question sets) and posts of up to 280 characters (the CheckThat
//    tweets).
// 2. Synthetic bases of 10k, 50k and 100k claims (bench/synthetic.ts): how cost grows with the base.
// Our search is measured as the bot runs it: the index keeps only what matching reads and the claims it returns are
// read back from their store (here a map, built before measuring), so "index heap" is what the search itself holds.
// Medians of many questions after a warm-up; the machine is shared, so compare columns of one run.
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { ClaimSearch, type Claim } from '../src/knowledge/index.js';
import { curatedClaims, editedClaim, makeClaim, makePartials, makeQuestions, type Query } from './synthetic.js';

const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [10_000, 50_000, 100_000];
const QUESTIONS = 300;
const WARM_UP = 100;
const UPDATES = 50;
/** fuse.js scans every claim per search (seconds at 50k): it gets this much time per base, and at least 3 questions. */
const FUSE_BUDGET_MS = 8_000;
const TARGETS = { shortMs: 5, postMs: 15, buildMs: 1_000, heapKb: 2, growth: 3 };

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}
function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? NaN;
}
const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const heapNow = () => {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

/**
 * Our search over `claims`, read back from a map as the store would; build time (the median of three builds, for a
 * base small enough to build thrice) and the heap it holds.
 */
function buildOurs(claims: Claim[]): { search: ClaimSearch; buildMs: number; heapPerClaimKb: number } {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const build = () => {
    const search = new ClaimSearch((ids) => ids.flatMap((id) => byId.get(id) ?? []));
    const ms = time(() => {
      for (const claim of claims) search.upsert(claim);
    });
    return { search, ms };
  };
  const before = heapNow();
  const first = build();
  const heapPerClaimKb = (heapNow() - before) / claims.length / 1024;
  const times = [first.ms];
  if (claims.length <= 20_000) for (let run = 0; run < 2; run++) times.push(build().ms);
  return { search: first.search, buildMs: median(times), heapPerClaimKb };
}

interface Row {
  name: string;
  claims: number;
  buildMs: number;
  heapKb: number;
  cells: Record<string, string>;
  medians: Record<string, number>;
}
const rows: Row[] = [];

/** Medians of `questions` through ours, MiniSearch and fuse.js, in that order, over the same claims. */
function race(
  label: string,
  claims: Claim[],
  sets: Record<string, Query[]>,
  extra: (search: ClaimSearch) => Record<string, string> = () => ({}),
): void {
  process.stderr.write(`benchmarking ${label}…\n`);
  const ours = buildOurs(claims);
  const row: Row = { name: label, claims: claims.length, buildMs: ours.buildMs, heapKb: ours.heapPerClaimKb, cells: {}, medians: {} };
  for (const [name, questions] of Object.entries(sets)) {
    for (const q of questions.slice(0, WARM_UP)) ours.search.match(q.text, q.guildId);
    const times = questions.map((q) => time(() => ours.search.match(q.text, q.guildId)));
    row.medians[name] = median(times);
    row.cells[`ours: ${name}, median / p95 (ms)`] = `${f(median(times))} / ${f(p95(times))}`;
  }
  Object.assign(row.cells, extra(ours.search));

  let mini: MiniSearch | null = new MiniSearch({ fields: ['statement', 'answer'], idField: 'id' });
  const miniBuild = time(() => mini!.addAll(claims));
  row.cells['MiniSearch: build (ms)'] = f(miniBuild);
  for (const [name, questions] of Object.entries(sets)) {
    const times = questions.map((q) => time(() => mini!.search(q.text)));
    row.cells[`MiniSearch: ${name}, median (ms)`] = f(median(times));
  }
  mini = null;
  let fuse: Fuse<Claim> | null = null;
  const fuseBuild = time(() => (fuse = new Fuse(claims, { keys: ['statement', 'answer', 'questions', 'keywords'] })));
  row.cells['fuse.js: build (ms)'] = f(fuseBuild);
  for (const [name, questions] of Object.entries(sets)) {
    const times: number[] = [];
    const start = performance.now();
    for (const q of questions) {
      if (performance.now() - start > FUSE_BUDGET_MS && times.length >= 3) break;
      times.push(time(() => fuse!.search(q.text)));
    }
    row.cells[`fuse.js: ${name}, median (ms)`] = `${f(median(times))} (n=${times.length})`;
  }
  fuse = null;
  rows.push(row);
}

// ---- 1. the real archive ----------------------------------------------------------------------------------------
const checkthatFolder = new URL('../../shared/eval/checkthat/', import.meta.url);
if (existsSync(checkthatFolder)) {
  const { checkThat, curatedFiles } = await import('../scripts/fit/data.js');
  const { claims, questions } = checkThat();
  const shortQuestions = curatedFiles().flatMap((file) =>
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => ({ text: (JSON.parse(l) as { q: string }).q, guildId: null })),
  );
  const posts = [...new Set(questions.map((q) => q.text))]
    .filter((t) => t.length >= 200)
    .map((t) => ({ text: t.length <= 280 ? t : t.slice(0, t.lastIndexOf(' ', 280)), guildId: null }));
  race('CheckThat archive', [...curatedClaims, ...claims], {
    'short question': shortQuestions.filter((q) => q.text.length <= 120).slice(0, QUESTIONS + WARM_UP),
    '280-character post': posts.slice(0, QUESTIONS + WARM_UP),
  });
} else {
  process.stderr.write('the CheckThat archive (../shared/eval/checkthat) is not here: its column is left out\n');
}

// ---- 2. synthetic bases -----------------------------------------------------------------------------------------
for (const size of SIZES) {
  const claims = [...curatedClaims, ...Array.from({ length: size - curatedClaims.length }, (_, i) => makeClaim(i))];
  const questions = makeQuestions(claims, QUESTIONS + WARM_UP);
  const partials = makePartials(claims, QUESTIONS);
  race(`synthetic ${size.toLocaleString('en')}`, claims, { question: questions }, (search) => {
    for (const p of partials.slice(0, 50)) search.autocomplete(p.text, p.guildId, 25);
    const autocomplete = partials.map((p) => time(() => search.autocomplete(p.text, p.guildId, 25)));
    const updates = Array.from({ length: UPDATES }, (_, i) => editedClaim(claims, i)).map((c) => time(() => search.upsert(c)));
    return {
      'ours: autocomplete, median / p95 (ms)': `${f(median(autocomplete))} / ${f(p95(autocomplete))}`,
      'ours: update one claim, median (ms)': f(median(updates)),
    };
  });
}

// ---- report -----------------------------------------------------------------------------------------------------
const labels = ['claims', 'ours: build (ms)', 'ours: index heap (KB per claim)', ...new Set(rows.flatMap((r) => Object.keys(r.cells)))];
const cell = (r: Row, label: string) =>
  label === 'claims'
    ? r.claims.toLocaleString('en')
    : label === 'ours: build (ms)'
      ? f(r.buildMs)
      : label === 'ours: index heap (KB per claim)'
        ? r.heapKb.toFixed(2)
        : (r.cells[label] ?? '');
const width = Math.max(...labels.map((l) => l.length));
console.log(`\nMatcher benchmark (Node ${process.version}; medians of ${QUESTIONS} questions after ${WARM_UP} to warm up)\n`);
console.log(`${''.padEnd(width)}  ${rows.map((r) => r.name.padStart(22)).join('')}`);
for (const label of labels) console.log(`${label.padEnd(width)}  ${rows.map((r) => cell(r, label).padStart(22)).join('')}`);

console.log('\nTargets:');
const check = (name: string, value: number, target: number, unit = 'ms') =>
  console.log(
    `  ${value <= target ? 'met    ' : 'MISSED '} ${name}: ${unit === 'ms' ? f(value) : value.toFixed(2)} ${unit} (target ≤ ${target} ${unit})`,
  );
const archive = rows.find((r) => r.name === 'CheckThat archive');
if (archive) {
  check('short question at 14k claims, median', archive.medians['short question']!, TARGETS.shortMs);
  check('280-character post at 14k claims, median', archive.medians['280-character post']!, TARGETS.postMs);
}
const at = (n: number) => rows.find((r) => r.name === `synthetic ${n.toLocaleString('en')}`);
const small = at(10_000);
const large = at(100_000);
if (small) check('index build at 10k claims', small.buildMs, TARGETS.buildMs);
for (const r of rows) check(`index heap, ${r.name}`, r.heapKb, TARGETS.heapKb, 'KB per claim');
if (small && large) check('question median at 100k / at 10k', large.medians.question! / small.medians.question!, TARGETS.growth, '×');
