// Benchmark of the question matcher at 1k, 10k and 50k claims, beside plain fuse.js over the same claims.
//
//   npm run bench        (about 2 minutes on 2 cores)
//
// Claim bases are synthetic and deterministic (a seeded PRNG). Words are drawn Zipf-distributed: function words
// most often, then the curated claims' own words (a base about one news area names its entities everywhere), then
// made-up words; each claim leans on a topic's words so that terms co-occur as in real text. Every base holds the
// 15 curated claims, and its claims are spread over the curated scope and four servers. Questions are a third the
// curated claims' example questions, half made from a claim's words, a tenth off-topic; a third carry a typo.
//
// For each size, in this one process: our matcher, through ClaimSearch (build, question and autocomplete latency, one-claim update,
// memory), then plain fuse.js over the same claims (build, search), and whether the 10k targets are met.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Fuse from 'fuse.js';
import { Claim, ClaimSearch, readCuratedFile } from '../src/knowledge/index.js';

/** Claim-base sizes; BENCH_SIZES=10000 (comma-separated) measures fewer. */
const SIZES = process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map(Number) : [1_000, 10_000, 50_000];
const GUILDS = ['100000000000000001', '100000000000000002', '100000000000000003', '100000000000000004'];
const QUERIES = 300;
const WARM_UP = 100;
const UPDATES = 50;
/** fuse.js scans every claim per search (seconds at 50k): it gets this much time per size, and at least 3 queries. */
const FUSE_BUDGET_MS = 10_000;
const FUSE_MIN_QUERIES = 3;
const TARGETS = { questionMs: 5, autocompleteMs: 5, buildMs: 1_000, updateMs: 50 };

// ---- deterministic randomness -------------------------------------------------------------------------------
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261126);
const int = (n: number) => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

// ---- vocabulary -------------------------------------------------------------------------------------------
// Like English text: function words are the most frequent; content words follow a Zipf tail, the curated claims'
// words first (a base about one news area names its entities everywhere); each claim leans on a topic's words.
const curatedRecords = readCuratedFile() as Array<{ statement: string; answer: string; questions?: string[]; keywords?: string[] }>;
const curatedWords = [
  ...new Set(curatedRecords.flatMap((c) => ClaimSearch.words([c.statement, c.answer, ...(c.questions ?? []), ...(c.keywords ?? [])].join(' ')))),
].filter((w) => w.length > 1);
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'dre',
  'sto',
  'van',
  'pel',
  'ru',
  'tis',
  'gor',
  'ne',
  'bal',
  'qu',
  'fen',
  'sha',
  'tor',
  'li',
  'mar',
  'zo',
  'che',
  'vik',
  'dan',
  'po',
  'ser',
];
const syntheticWords = new Set<string>();
while (syntheticWords.size < 12_000) {
  const n = 2 + int(2);
  let word = '';
  for (let i = 0; i < n; i++) word += pick(SYLLABLES);
  if (!curatedWords.includes(word) && !ClaimSearch.isStopWord(word)) syntheticWords.add(word);
}
const functionWords = curatedWords.filter((w) => ClaimSearch.isStopWord(w));
// The base is about one news area, so its own words (north, korea, russia, oil...) are the most common content.
const contentWords = [...shuffle(curatedWords.filter((w) => !ClaimSearch.isStopWord(w))), ...syntheticWords];
const vocabulary = [...functionWords, ...contentWords];

/** Zipf(s = 1) over the vocabulary's ranks. */
const cumulative: number[] = [];
{
  let sum = 0;
  for (let r = 1; r <= vocabulary.length; r++) cumulative.push((sum += 1 / r));
}
function zipfWord(): string {
  const x = random() * cumulative.at(-1)!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary[lo]!;
}
/** A topic: 30 mid-frequency content words and 2 rare ones. */
const TOPICS = Array.from({ length: 400 }, () => [
  ...Array.from({ length: 30 }, () => contentWords[int(4_000)]!),
  ...Array.from({ length: 2 }, () => pick(contentWords)),
]);
const words = (topic: string[], n: number) => Array.from({ length: n }, () => (random() < 0.45 ? pick(topic) : zipfWord()));
const sentence = (topic: string[], min: number, max: number) => {
  const text = words(topic, min + int(max - min + 1)).join(' ');
  return text[0]!.toUpperCase() + text.slice(1) + '.';
};

// ---- claims, questions, partial inputs -------------------------------------------------------------------
const NOW = '2026-11-26T00:00:00.000Z';
function makeClaim(i: number): Claim {
  const topic = pick(TOPICS);
  const alleged = random() < 0.5;
  return {
    id: `synthetic-${i}`,
    statement: sentence(topic, 8, 16).slice(0, 300),
    answer: [sentence(topic, 12, 20), sentence(topic, 10, 18)].join(' ').slice(0, 1500),
    confidence: alleged ? 'alleged' : 'confirmed',
    ...(alleged ? { claimant: `${pick(contentWords)} ${pick(contentWords)}` } : {}),
    sources: [{ name: `${pick(contentWords)} report` }],
    questions: [sentence(topic, 5, 9), sentence(topic, 5, 9)],
    keywords: [pick(topic), `${pick(topic)} ${pick(topic)}`, pick(topic)],
    tags: [pick(topic)],
    reviewedAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    createdBy: 'curated',
    updatedBy: 'curated',
    status: 'active',
    guildId: random() < 0.7 ? null : pick(GUILDS),
  };
}

function typo(word: string): string {
  if (word.length < 5) return word;
  const i = 1 + int(word.length - 2);
  return random() < 0.5 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

interface Query {
  text: string;
  guildId: string | null;
  /** Whether a word was mistyped (its correction is the expensive part of a question). */
  typo?: boolean;
}

/** The curated claims, as the store holds them: every synthetic base contains them. */
const curatedClaims: Claim[] = curatedRecords.map((record) =>
  Claim.parse({
    questions: [],
    keywords: [],
    tags: [],
    ...record,
    reviewedAt: NOW,
    createdAt: NOW,
    updatedAt: NOW,
    createdBy: 'curated',
    updatedBy: 'curated',
    status: 'active',
    guildId: null,
  }),
);
const curatedQuestions = curatedClaims.flatMap((c) => c.questions);

/** Mistypes one word of five letters or more in about a third of the questions. */
function maybeTypo(text: string, guildId: string | null): Query {
  const parts = text.split(' ');
  const long = parts.map((w, i) => [w, i] as const).filter(([w]) => /^[a-z]{5,}$/.test(w));
  if (!long.length || random() >= 0.33) return { text, guildId, typo: false };
  const [word, i] = pick(long);
  parts[i] = typo(word);
  return { text: parts.join(' '), guildId, typo: true };
}

/**
 * Questions: a third are the curated claims' own example questions (real wording, about the entities every claim
 * of this domain names), half are made from a claim's words, a tenth are off-topic; a third of all carry a typo.
 */
function makeQuestions(claims: Claim[], n: number): Query[] {
  return Array.from({ length: n }, () => {
    const claim = pick(claims);
    const guildId = claim.guildId ?? (random() < 0.3 ? pick(GUILDS) : null);
    const roll = random();
    if (roll < 0.33) return maybeTypo(pick(curatedQuestions).toLowerCase(), guildId);
    if (roll < 0.43) return { text: `is it true that ${words(pick(TOPICS), 6).join(' ')}?`, guildId, typo: false };
    const source = ClaimSearch.words(random() < 0.5 ? claim.statement : pick(claim.questions));
    const chosen = source.filter(() => random() < 0.7).slice(0, 8);
    return maybeTypo(`did ${chosen.join(' ')}?`, guildId);
  });
}

/** Text still being typed: one to three words of a statement (a third of them curated), the last cut short. */
function makePartials(claims: Claim[], n: number): Query[] {
  return Array.from({ length: n }, () => {
    const claim = random() < 0.33 ? pick(curatedClaims) : pick(claims);
    const source = ClaimSearch.words(claim.statement);
    const start = int(Math.max(1, source.length - 3));
    const taken = source.slice(start, start + 1 + int(3));
    const last = taken.pop() ?? '';
    taken.push(last.slice(0, Math.min(last.length, 2 + int(4))));
    return { text: taken.join(' '), guildId: claim.guildId ?? (random() < 0.3 ? pick(GUILDS) : null) };
  });
}

// ---- measuring ----------------------------------------------------------------------------------------------
function time(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** A full garbage collection, so that heap figures count live data only. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

interface Row {
  size: number;
  buildMs: number;
  questionMedian: number;
  questionP95: number;
  cleanMedian: number;
  typoMedian: number;
  autocompleteMedian: number;
  autocompleteP95: number;
  updateMedian: number;
  updateP95: number;
  afterUpdateMs: number;
  rssMb: number;
  heapMb: number;
  fuseBuildMs: number;
  fuseMedian: number;
  fuseP95: number;
  fuseQueries: number;
}

function benchSize(size: number): Row {
  const claims = [...curatedClaims, ...Array.from({ length: size - curatedClaims.length }, (_, i) => makeClaim(i))];
  // Every generated claim must be one the store would accept.
  for (const claim of claims.slice(0, 200)) Claim.parse(claim);
  const questions = makeQuestions(claims, QUERIES);
  const partials = makePartials(claims, QUERIES);
  const warmUp = { questions: makeQuestions(claims, WARM_UP), partials: makePartials(claims, WARM_UP) };

  collectGarbage();
  const heapBefore = process.memoryUsage().heapUsed;
  let index = new ClaimSearch();
  const buildMs = time(() => {
    for (const claim of claims) index.upsert(claim);
  });
  collectGarbage();
  const heapMb = mb(process.memoryUsage().heapUsed - heapBefore);
  const rssMb = mb(process.memoryUsage().rss);

  // The bot is a long-running process: measure with the code warmed up (JIT, the typo corrector's lazily built
  // fuse.js index), on other questions than the measured ones, so their typo corrections are not cached yet.
  for (const q of warmUp.questions) index.match(q.text, q.guildId);
  for (const q of warmUp.partials) index.autocomplete(q.text, q.guildId, 25);
  const questionTimes = questions.map((q) => time(() => index.match(q.text, q.guildId)));
  const autocompleteTimes = partials.map((q) => time(() => index.autocomplete(q.text, q.guildId, 25)));

  // One-claim updates: a moderator edits a claim's answer (a new word, as edits usually bring).
  const updateTimes: number[] = [];
  for (let i = 0; i < UPDATES; i++) {
    const claim = pick(claims);
    const edited = { ...claim, answer: `${claim.answer} Updated ${pick(vocabulary)}zz${i}.`, updatedAt: NOW };
    updateTimes.push(time(() => index.upsert(edited)));
  }
  // What the first question after such an update costs (the typo corrector's vocabulary is rebuilt lazily).
  const afterUpdateMs = time(() => index.match(`did ${typo('satellite')} launch ${typo('exploded')}`, null));

  index = new ClaimSearch(); // let the big one go before fuse.js builds its own
  let fuse: Fuse<Claim> | undefined;
  const fuseBuildMs = time(() => {
    fuse = new Fuse(claims, { keys: ['statement', 'answer', 'questions', 'keywords'] });
  });
  const fuseTimes: number[] = [];
  const fuseStart = performance.now();
  for (const q of questions) {
    if (performance.now() - fuseStart > FUSE_BUDGET_MS && fuseTimes.length >= FUSE_MIN_QUERIES) break;
    fuseTimes.push(time(() => fuse!.search(q.text)));
  }

  return {
    size,
    buildMs,
    questionMedian: percentile(questionTimes, 50),
    questionP95: percentile(questionTimes, 95),
    cleanMedian: percentile(
      questionTimes.filter((_, i) => !questions[i]!.typo),
      50,
    ),
    typoMedian: percentile(
      questionTimes.filter((_, i) => questions[i]!.typo),
      50,
    ),
    autocompleteMedian: percentile(autocompleteTimes, 50),
    autocompleteP95: percentile(autocompleteTimes, 95),
    updateMedian: percentile(updateTimes, 50),
    updateP95: percentile(updateTimes, 95),
    afterUpdateMs,
    rssMb,
    heapMb,
    fuseBuildMs,
    fuseMedian: percentile(fuseTimes, 50),
    fuseP95: percentile(fuseTimes, 95),
    fuseQueries: fuseTimes.length,
  };
}

// ---- report -------------------------------------------------------------------------------------------------
const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const rows: Row[] = [];
const started = performance.now();
for (const size of SIZES) {
  process.stderr.write(`benchmarking ${size} claims…\n`);
  rows.push(benchSize(size));
}

const table: Array<[string, (r: Row) => string]> = [
  ['ours: build (ms)', (r) => f(r.buildMs)],
  ['ours: question median / p95 (ms)', (r) => `${f(r.questionMedian)} / ${f(r.questionP95)}`],
  ['ours: question median, no typo / with typo (ms)', (r) => `${f(r.cleanMedian)} / ${f(r.typoMedian)}`],
  ['ours: autocomplete median / p95 (ms)', (r) => `${f(r.autocompleteMedian)} / ${f(r.autocompleteP95)}`],
  ['ours: update one claim median / p95 (ms)', (r) => `${f(r.updateMedian)} / ${f(r.updateP95)}`],
  ['ours: first typo question after an update (ms)', (r) => f(r.afterUpdateMs)],
  ['ours: index heap / process RSS after build (MB)', (r) => `${r.heapMb} / ${r.rssMb}`],
  ['fuse.js: build (ms)', (r) => f(r.fuseBuildMs)],
  ['fuse.js: search median / p95 (ms)', (r) => `${f(r.fuseMedian)} / ${f(r.fuseP95)} (n=${r.fuseQueries})`],
  [
    'question median, ours / fuse.js',
    (r) => `${(r.questionMedian / r.fuseMedian).toPrecision(2)} (1/${Math.round(r.fuseMedian / r.questionMedian).toLocaleString('en')})`,
  ],
];
const labelWidth = Math.max(...table.map(([label]) => label.length));
const columnWidth = 26;
const line = (label: string, cells: string[]) => `${label.padEnd(labelWidth)}  ${cells.map((c) => c.padStart(columnWidth)).join('')}`;
console.log(`\nMatcher benchmark (${QUERIES} questions and ${QUERIES} partial inputs per size; Node ${process.version})\n`);
console.log(
  line(
    'claims',
    rows.map((r) => r.size.toLocaleString('en')),
  ),
);
for (const [label, cell] of table) console.log(line(label, rows.map(cell)));

const at10k = rows.find((r) => r.size === 10_000);
if (at10k) {
  console.log('\nTargets at 10k claims:');
  const check = (name: string, value: number, target: number) =>
    console.log(`  ${value <= target ? 'met    ' : 'MISSED '} ${name}: ${f(value)} ms (target ≤ ${target} ms)`);
  check('question median', at10k.questionMedian, TARGETS.questionMs);
  check('autocomplete median', at10k.autocompleteMedian, TARGETS.autocompleteMs);
  check('build', at10k.buildMs, TARGETS.buildMs);
  check('update median', at10k.updateMedian, TARGETS.updateMs);
}
console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s`);
