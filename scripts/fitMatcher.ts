// Fits the matcher's model (src/knowledge/matcher/model.json) on labelled data:
//   npm run fit:matcher            writes the model file
//   npm run fit:matcher -- --check exits 1 when the committed file is not what this script produces
//
// Data, all from beside the project (../shared) or its test fixtures:
// - CheckThat! 2022 Task 2A, train split: 14,231 Snopes fact checks (indexed with the curated base, as
//   `claims import` would) and real posts, each with the fact check that covers it. Each post is asked twice: over
//   the whole base (its candidates are labelled by the gold fact check), and with its own fact check removed, where
//   any answer is wrong (real negatives: the nearest other fact check).
// - Questions about the curated base: ../shared/eval/dev-questions.jsonl and test/fixtures/*-questions.jsonl, judged
//   by ../shared/eval/topics.mjs; unanswerable ones are negatives. Over the curated base alone, the CheckThat train
//   posts are negatives too (posts about everything else).
// The CheckThat dev split is never fitted on: the figures printed for it are the honest ones.
//
// Two logistic regressions are fitted (full-batch gradient descent, fixed iterations, so the file is reproducible):
// `rank` over every candidate, `decide` over the best candidate of each question. The answer threshold is the lowest
// that keeps wrong answers at or under 1.5% of posts, confident answers with the fact check removed at or under 8%,
// and wrong or false answers on the curated questions at or under 1%; the suggestion threshold keeps the right claim
// shown for most posts without offering claims for gibberish.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { readCuratedFile } from '../src/knowledge/curated/index.js';
import { ClaimIndex } from '../src/knowledge/matcher/claimIndex.js';
import { decisionInput, scoreCandidates, type ScoredCandidate } from '../src/knowledge/matcher/decide.js';
import { FEATURES } from '../src/knowledge/matcher/features.js';
import { DECISION_INPUTS, logit, MODEL_FILE, MatcherModel, sigmoid, type Regression } from '../src/knowledge/matcher/model.js';
import { Claim } from '../src/knowledge/schema.js';

const SHARED = new URL('../../shared/eval/', import.meta.url);
const CHECKTHAT = new URL('checkthat/', SHARED);
const CANDIDATES = 30;
const AUTHOR_WEIGHT = 0.5;
const check = process.argv.includes('--check');

const topicsModule: string = new URL('topics.mjs', SHARED).href;
const { judge } = (await import(topicsModule)) as { judge: (expect: string[], text: string | null) => boolean };

// ---- data ------------------------------------------------------------------------------------------------
const NOW = '2026-11-26T00:00:00.000Z';
const asClaim = (c: object) =>
  Claim.parse({
    createdAt: NOW,
    updatedAt: NOW,
    reviewedAt: NOW,
    createdBy: 'curated',
    updatedBy: 'curated',
    status: 'active',
    guildId: null,
    questions: [],
    keywords: [],
    tags: [],
    ...c,
  });
const curated = (readCuratedFile() as object[]).map(asClaim);

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
function isoDate(s: string | undefined): string | undefined {
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(s ?? '');
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) + 1 : 0;
  return m && month ? `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : undefined;
}
const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, s.lastIndexOf(' ', n - 1))}…`);
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 64)
    .replace(/-$/, '');

interface Labelled {
  text: string;
  /** Is this claim an answer to the question? */
  isRight: (claim: Claim) => boolean;
  answerable: boolean;
  /** Claims to leave out (a generated negative: the question asked without the claims it is about). */
  exclude?: Set<string>;
  /** Questions of one group weigh the same in total as those of any other group of the regime. */
  group: 'checkthat' | 'checkthat-absent' | 'curated' | 'curated-unanswerable' | 'foreign';
  split?: 'train' | 'dev';
}

function checkThat(): { claims: Claim[]; questions: Labelled[] } {
  const records = readFileSync(new URL('vclaims.jsonl', CHECKTHAT), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string | undefined>);
  const idOf = new Map<string, string>();
  const seen = new Set<string>();
  const claims = records.map((v) => {
    let id = slug(v.vclaim_id!.replace(/^vclaim-/, ''));
    while (seen.has(id)) id = `${id.slice(0, 60)}-${seen.size}`;
    seen.add(id);
    idOf.set(v.vclaim_id!, id);
    const url = /^https?:\/\//.test(v.page_url ?? '') ? v.page_url : undefined;
    const date = isoDate(v.date);
    return asClaim({
      id,
      statement: cut((v.vclaim ?? '').trim() || v.title!, 300),
      answer: cut(`${v.title}. ${v.subtitle ?? ''}`.trim(), 1500),
      confidence: 'confirmed',
      sources: [{ name: 'Snopes', ...(url ? { url } : {}), ...(date ? { date } : {}) }],
    });
  });
  const posts = new Map(
    readFileSync(new URL('traindev-queries.tsv', CHECKTHAT), 'utf8')
      .trim()
      .split('\n')
      .map((l) => {
        const [id, ...text] = l.split('\t');
        return [id!, text.join(' ').replace(/\s+/g, ' ').trim()] as const;
      }),
  );
  const questions: Labelled[] = [];
  for (const split of ['train', 'dev'] as const) {
    const gold = new Map<string, Set<string>>();
    for (const line of readFileSync(new URL(`${split}-qrels.tsv`, CHECKTHAT), 'utf8')
      .trim()
      .split('\n')) {
      const [q, , v] = line.split('\t');
      if (!gold.has(q!)) gold.set(q!, new Set());
      gold.get(q!)!.add(idOf.get(v!)!);
    }
    for (const [q, ids] of gold) {
      const text = posts.get(q);
      if (!text) continue;
      questions.push({ text, isRight: (c) => ids.has(c.id), answerable: true, group: 'checkthat', split });
      questions.push({ text, isRight: () => false, answerable: false, exclude: ids, group: 'checkthat-absent', split });
    }
  }
  return { claims, questions };
}

function curatedQuestions(): Labelled[] {
  const files = [
    new URL('dev-questions.jsonl', SHARED).pathname,
    ...readdirSync('test/fixtures')
      .filter((f) => f.endsWith('-questions.jsonl'))
      .map((f) => `test/fixtures/${f}`),
  ].filter((f) => existsSync(f));
  const out: Labelled[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').trim().split('\n')) {
      const { q, expect } = JSON.parse(line) as { q: string; expect: string[] };
      const isRight = (c: Claim) => expect.length > 0 && judge(expect, `${c.statement} ${c.answer}`);
      out.push({ text: q, isRight, answerable: expect.length > 0, group: expect.length ? 'curated' : 'curated-unanswerable' });
    }
  }
  return out;
}

// ---- fitting ---------------------------------------------------------------------------------------------
/**
 * L2-regularised logistic regression on standardised features, fitted by Newton's method (iteratively reweighted
 * least squares): exact, and the same result on every run.
 */
function fit(names: readonly string[], rows: number[][], labels: number[], weights: number[], l2 = 1e-2, iterations = 30): Regression {
  const d = names.length;
  const total = weights.reduce((a, b) => a + b, 0);
  const mean = names.map((_, j) => rows.reduce((a, x, i) => a + weights[i]! * x[j]!, 0) / total);
  const scale = names.map((_, j) => Math.sqrt(rows.reduce((a, x, i) => a + weights[i]! * (x[j]! - mean[j]!) ** 2, 0) / total) || 1);
  // Standardised rows with a leading 1 for the bias.
  const z = rows.map((x) => [1, ...x.map((v, j) => (v - mean[j]!) / scale[j]!)]);
  const beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(d + 1).fill(0);
    const hessian = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    z.forEach((x, i) => {
      let s = 0;
      for (let j = 0; j <= d; j++) s += beta[j]! * x[j]!;
      const p = 1 / (1 + Math.exp(-s));
      const w = weights[i]! / total;
      const e = (p - labels[i]!) * w;
      const h = p * (1 - p) * w;
      for (let j = 0; j <= d; j++) {
        gradient[j] = gradient[j]! + e * x[j]!;
        const row = hessian[j]!;
        const hx = h * x[j]!;
        for (let k = j; k <= d; k++) row[k] = row[k]! + hx * x[k]!;
      }
    });
    for (let j = 1; j <= d; j++) {
      gradient[j] = gradient[j]! + l2 * beta[j]!;
      hessian[j]![j] = hessian[j]![j]! + l2;
    }
    for (let j = 0; j <= d; j++) for (let k = 0; k < j; k++) hessian[j]![k] = hessian[k]![j]!;
    const step = solve(hessian, gradient);
    let moved = 0;
    for (let j = 0; j <= d; j++) {
      beta[j] = beta[j]! - step[j]!;
      moved = Math.max(moved, Math.abs(step[j]!));
    }
    if (moved < 1e-9) break;
  }
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { features: [...names], mean: mean.map(round), scale: scale.map(round), weights: beta.slice(1).map(round), bias: round(beta[0]!) };
}

/** Solves A x = b for a symmetric positive definite A (Cholesky). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i]![k]! * l[j]![k]!;
      l[i]![j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j]![j]!;
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i]![k]! * y[k]!;
    y[i] = sum / l[i]![i]!;
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k]![i]! * x[k]!;
    x[i] = sum / l[i]![i]!;
  }
  return x;
}

/** A regime's data: the index its questions are asked over, and the limits its answer threshold keeps. */
interface RegimeData {
  name: 'small' | 'large';
  index: ClaimIndex;
  questions: Labelled[];
  /** How much each group weighs in the fit (1 when not given). */
  groupWeights?: Partial<Record<Labelled['group'], number>>;
  /** May this threshold be used? (from the figures of the fitted questions) */
  acceptable: (figures: (group: Labelled['group'], split?: 'train' | 'dev') => Figures) => boolean;
}
interface Figures {
  n: number;
  right: number;
  wrong: number;
  confident: number;
  shown: number;
  suggested: number;
}
interface Outcome {
  q: Labelled;
  ranked: ScoredCandidate[];
  confidence: number;
}

const started = Date.now();
const { claims: ctClaims, questions: ctQuestions } = checkThat();
const curatedIndex = new ClaimIndex();
for (const c of curated) curatedIndex.upsert(c);
const bigIndex = new ClaimIndex();
for (const c of [...curated, ...ctClaims]) bigIndex.upsert(c);
const curatedSet = curatedQuestions();
const foreign: Labelled[] = ctQuestions
  .filter((q) => q.group === 'checkthat' && q.split === 'train')
  .map((q) => ({ text: q.text, isRight: () => false, answerable: false, group: 'foreign' }));

const regimes: RegimeData[] = [
  {
    name: 'small',
    index: curatedIndex,
    questions: [...curatedSet, ...foreign],
    acceptable: (f) =>
      f('curated').wrong <= 0.01 * f('curated').n &&
      f('curated-unanswerable').confident <= 0.01 * f('curated-unanswerable').n &&
      f('foreign').confident <= 0.002 * f('foreign').n,
  },
  {
    name: 'large',
    index: bigIndex,
    questions: [...ctQuestions, ...curatedSet],
    // Questions about the curated base over a large archive keep the curated claims findable there, but posts are
    // what a large archive is asked: they weigh most.
    groupWeights: { curated: 0.1, 'curated-unanswerable': 0.1 },
    acceptable: (f) =>
      f('checkthat', 'train').wrong <= 0.015 * f('checkthat', 'train').n &&
      f('checkthat-absent', 'train').confident <= 0.08 * f('checkthat-absent', 'train').n &&
      f('curated').wrong <= 0.03 * f('curated').n &&
      f('curated-unanswerable').confident <= 0.08 * f('curated-unanswerable').n,
  },
];

const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
const fittedRegimes = regimes.map((regime) => {
  const retrieved = regime.questions.map((q) => scoreCandidates(regime.index, q.text, null, null, q.exclude).ranked);
  const fitted = regime.questions.map((q, i) => ({ q, cands: retrieved[i]! })).filter(({ q }) => q.split !== 'dev');
  const groupSize = new Map<string, number>();
  for (const { q } of fitted) groupSize.set(q.group, (groupSize.get(q.group) ?? 0) + 1);
  const questionWeight = (q: Labelled) => (regime.groupWeights?.[q.group] ?? 1) / groupSize.get(q.group)!;

  const rankRows: number[][] = [];
  const rankLabels: number[] = [];
  const rankWeights: number[] = [];
  for (const { q, cands } of fitted) {
    for (const c of cands) {
      rankRows.push(c.features);
      rankLabels.push(q.isRight(c.candidate.claim) ? 1 : 0);
      rankWeights.push(questionWeight(q) / cands.length);
    }
  }
  const rank = fit(FEATURES, rankRows, rankLabels, rankWeights);
  const rescored = retrieved.map((cands) =>
    cands
      .map((c) => ({ ...c, rankLogits: [logit(rank, c.features), logit(rank, c.features)], rankScore: sigmoid(logit(rank, c.features)) }))
      .sort((a, b) => b.rankScore - a.rankScore || a.candidate.rank - b.candidate.rank),
  );

  const decideRows: number[][] = [];
  const decideLabels: number[] = [];
  const decideWeights: number[] = [];
  regime.questions.forEach((q, i) => {
    if (q.split === 'dev') return;
    const input = decisionInput(rescored[i]!, 0);
    if (!input) return;
    decideRows.push(input);
    decideLabels.push(q.isRight(rescored[i]![0]!.candidate.claim) ? 1 : 0);
    decideWeights.push(questionWeight(q));
  });
  const decide = fit([...DECISION_INPUTS, ...FEATURES], decideRows, decideLabels, decideWeights, Number(process.env.FIT_L2 ?? 1e-2));

  const outcomes: Outcome[] = regime.questions.map((q, i) => {
    const input = decisionInput(rescored[i]!, 0);
    return { q, ranked: rescored[i]!, confidence: input ? sigmoid(logit(decide, input)) : 0 };
  });
  const figuresAt =
    (answerAt: number, suggestAt: number) =>
    (group: Labelled['group'], split: 'train' | 'dev' = 'train') => {
      const set = outcomes.filter((o) => o.q.group === group && (o.q.group.startsWith('checkthat') ? o.q.split === split : true));
      const answered = set.filter((o) => o.confidence >= answerAt);
      return {
        n: set.length,
        right: answered.filter((o) => o.q.isRight(o.ranked[0]!.candidate.claim)).length,
        wrong: answered.filter((o) => !o.q.isRight(o.ranked[0]!.candidate.claim)).length,
        confident: answered.length,
        shown: set.filter((o) =>
          o.ranked
            .filter((c, k) => k === 0 || c.rankScore >= suggestAt)
            .slice(0, 3)
            .some((c) => o.q.isRight(c.candidate.claim)),
        ).length,
        suggested: set.filter((o) => o.ranked.some((c) => c.rankScore >= suggestAt)).length,
      };
    };
  let answerAt = 0.99;
  for (let t = 0.99; t >= 0.2; t = Math.round((t - 0.01) * 100) / 100) if (regime.acceptable(figuresAt(t, 0))) answerAt = t;
  // Suggestions: as low as keeps claims off at least 90% of the posts about other things (small base) or as
  // low as shows the right claim for nearly every post (large base).
  let suggestAt = 0.5;
  for (let s = 0.5; s >= 0.01; s = Math.round((s - 0.01) * 100) / 100) {
    const f = figuresAt(answerAt, s);
    if (regime.name === 'small' ? f('foreign').suggested <= 0.1 * f('foreign').n : true) suggestAt = s;
  }
  if (process.argv.includes('--curves')) {
    for (let t = 0.3; t < 0.99; t += 0.05) {
      const f = figuresAt(t, suggestAt);
      const groups = [...new Set(regime.questions.map((q) => q.group))];
      console.log(
        `${regime.name} t=${t.toFixed(2)} ` +
          groups
            .flatMap((g) =>
              (g.startsWith('checkthat') ? (['train', 'dev'] as const) : (['train'] as const)).map((sp) => {
                const x = f(g, sp);
                return `${g}${g.startsWith('checkthat') ? `/${sp}` : ''}: ${x.n && (g === 'checkthat' || g === 'curated') ? `right ${pct(x.right, x.n)} wrong ${x.wrong}` : `confident ${x.confident}/${x.n}`}`;
              }),
            )
            .join(' | '),
      );
    }
  }
  if (process.env.FIT_SHOW && regime.name === process.env.FIT_SHOW) {
    for (const o of outcomes) {
      if (o.confidence < Number(process.env.FIT_AT ?? answerAt) || (o.q.answerable && o.q.isRight(o.ranked[0]!.candidate.claim))) continue;
      const [a, b] = o.ranked;
      console.log(
        `${o.q.group} ${o.confidence.toFixed(2)} ${o.q.text.slice(0, 160)}\n   -> ${a!.candidate.claim.statement.slice(0, 120)}\n   ${FEATURES.map((f, j) => `${f}=${a!.features[j]!.toFixed(2)}`).join(' ')}\n   2nd ${b?.rankScore.toFixed(2)} ${b?.candidate.claim.statement.slice(0, 100)}`,
      );
    }
  }
  const f = figuresAt(answerAt, suggestAt);
  console.log(`${regime.name} base (${regime.index.size} claims): answer at ${answerAt}, suggest at ${suggestAt}`);
  for (const g of [...new Set(regime.questions.map((q) => q.group))]) {
    for (const split of g.startsWith('checkthat') ? (['train', 'dev'] as const) : (['train'] as const)) {
      const x = f(g, split);
      const label = `  ${g}${g.startsWith('checkthat') ? ` ${split}${split === 'dev' ? ' (not fitted on)' : ''}` : ''}`;
      console.log(
        x.n && (g === 'checkthat' || g === 'curated')
          ? `${label}: answered right ${x.right}/${x.n} (${pct(x.right, x.n)}) · right claim shown ${pct(x.shown, x.n)} · wrong ${x.wrong} (${pct(x.wrong, x.n)})`
          : `${label}: confident answers ${x.confident}/${x.n} (${pct(x.confident, x.n)}) · any suggestion ${pct(x.suggested, x.n)}`,
      );
    }
  }
  // The threshold folds into the bias: even odds is the answer.
  const shifted = { ...decide, bias: Math.round((decide.bias - Math.log(answerAt / (1 - answerAt))) * 1e6) / 1e6 };
  return { name: regime.name, claims: regime.index.size, rank, decide: shifted, suggestAt, rows: rankRows.length };
});

const model = MatcherModel.parse({
  about: 'Written by `npm run fit:matcher` (scripts/fitMatcher.ts); do not edit by hand.',
  version: 2,
  candidates: CANDIDATES,
  authorWeight: AUTHOR_WEIGHT,
  regimes: fittedRegimes.map(({ rows: _rows, ...r }) => r),
  fittedOn: {
    checkthatTrainPosts: ctQuestions.filter((q) => q.group === 'checkthat' && q.split === 'train').length,
    curatedQuestions: curatedSet.length,
    candidateRows: fittedRegimes.map((r) => r.rows),
  },
});
const text = `${JSON.stringify(model, null, 2)}\n`;
console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);

if (check) {
  const committed = existsSync(MODEL_FILE) ? readFileSync(MODEL_FILE, 'utf8') : '';
  if (committed !== text) {
    console.log(`${MODEL_FILE.pathname} is not what the fit produces: run npm run fit:matcher`);
    process.exit(1);
  }
  console.log('model file matches the fit');
} else {
  writeFileSync(MODEL_FILE, text);
  console.log(`wrote ${MODEL_FILE.pathname}`);
}
