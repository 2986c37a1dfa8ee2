// What the matcher's model looks at for each candidate claim of a question: how much of the question the claim
// covers (weighted by rarity, actors weighing more), how much of the claim the question covers, its BM25F score
// and its lead over the other candidates, whether the post's date and signature agree with the claim, and what the
// question names that the claim does not (an actor, a figure), what it asks for that the claim does not give (when,
// why, what a word means), how many of its words the statement has as written, and whether it has who gives to whom
// the other way round. Every feature is a plain number.
import type { QueryTerm } from './analyzer.js';
import { fieldTf, type Candidate, type ClaimIndex, type QueryStats } from './claimIndex.js';
import { reversedDirection, reversedFlow, type Direction, type Flow } from './flow.js';
import { QUANTITY } from './lexicon.js';

export const FEATURES = [
  'coverage',
  'sentenceCoverage',
  'sentenceLead',
  'focus',
  'bm25',
  'statementCoverage',
  'headCoverage',
  'statementShare',
  'exampleMatch',
  'exampleLead',
  'coverageLead',
  'bm25Lead',
  'dated',
  'dateNear',
  'claimOlder',
  'authorMatch',
  'knownCoverage',
  'unseenNames',
  'unseenWords',
  'actorMissing',
  'actorAbsent',
  'roleMismatch',
  'questionLength',
  'figureMissing',
  'undated',
  'flowReversed',
  'literalShare',
  'asksMeaning',
  'unreasoned',
  'actorsUnasked',
  'commonCoverage',
  'actorsOnly',
  'agentReversed',
  'giverReversed',
  'rank',
] as const;
export type FeatureName = (typeof FEATURES)[number];

const ACTOR_ABSENT = FEATURES.indexOf('actorAbsent');
const ACTORS_ONLY = FEATURES.indexOf('actorsOnly');
const AGENT_REVERSED = FEATURES.indexOf('agentReversed');
const GIVER_REVERSED = FEATURES.indexOf('giverReversed');

/**
 * A claim that does not name an actor the question names (Iran instead of North Korea) is never the confident
 * answer, however well it covers the rest: it may still be offered among the closest claims. (One that names the
 * actor only as who reports it — South Korea's adviser, asked about South Korea sending weapons — weighs against
 * an answer through the roleMismatch feature: telling who acts from who reports is less sure than telling who is
 * named at all.) Nor is a question that names only who ("does North Korea have the internet?", the rest filler):
 * it says nothing of what happened, unless it asks what someone says. Nor one that has who acts and who is acted
 * on the other way round ("did South Korea accuse the North…" of the North's accusation), nor who gives and who
 * receives, where the claim tells of a giving one way only and the question of no exchange.
 */
export function blocksAnswer(features: readonly number[]): boolean {
  return features[ACTOR_ABSENT]! > 0 || features[ACTORS_ONLY]! > 0 || features[AGENT_REVERSED]! > 0 || features[GIVER_REVERSED]! > 0;
}

/** The document frequency an unseen word is weighed with: rarer than any word the base has. */
const UNSEEN_DF = 0.25;
/** Actors, and words the base has never seen, weigh this much more than other terms of a question. */
const ACTOR_WEIGHT = 1.5;
/** An actor named only in the answer or the attribution ("South Korean officials claim…") is who reports it. */
const ATTRIBUTION_STRENGTH = 0.5;
/** A claim lacking a term the question requires (a figure for "how many") keeps this share of its coverage. */
const REQUIRED_MISS_FACTOR = 0.7;
const NUMBER = /^\d{2,}$/;
/** How many of a statement's first terms say what it is about. */
const HEAD_TERMS = 4;

/** A question, analyzed once, as the features see it. */
export interface Question {
  terms: QueryTerm[];
  /** For a post of several sentences, each sentence's terms, as indexes into `terms`. */
  sentences: number[][];
  /** The post's signature (author and handle), analyzed; they count apart from the question's own words. */
  authorTerms: QueryTerm[];
  /** The post's date as days since 1970, when it gives one. */
  day: number | null;
  /** What kind of answer the question asks for ("why", "how many", yes or no…), from its first words. */
  intent: Intent;
  /** The question's terms that are names (countries, their people, capitalized words). */
  names: ReadonlySet<string>;
  /** Who gives and who receives in the question ("does North Korea sell fuel to Russia"), when it says. */
  flow: Flow | null;
  /** Whether the question tells of an exchange ("…in return for…", "…as compensation for…"): each side gives. */
  exchange: boolean;
  /** Who does what to whom in the question ("did South Korea accuse the North…"), when it names two actors apart. */
  direction: Direction | null;
  /** The stems of the question's words as written (stop words and filler left out), before the lexicon folds them. */
  literal: ReadonlySet<string>;
  /** Actor terms the question names as who reports something ("who says…", "according to…"), not as who acts. */
  reporters: ReadonlySet<string>;
  /** The stems of the question's words that are among the most common of English ("teacher", "sorry", "little"). */
  common: ReadonlySet<string>;
}

/** What a question asks for, from its first words: a reason, a figure, a person, a time, a place, what a word means, yes or no. */
export type Intent = 'why' | 'how-many' | 'how' | 'who' | 'when' | 'where' | 'meaning' | 'what' | 'yes-no' | 'none';
const INTENTS: Array<[Intent, RegExp]> = [
  ['why', /^\s*(?:why|how come|what(?:'s|’s| is)? in it for|what for)\b/i],
  ['how-many', /^\s*how\s+(?:many|much)\b/i],
  ['how', /^\s*how\b/i],
  ['who', /^\s*(?:who|whom|whose)\b/i],
  ['when', /^\s*when\b/i],
  ['where', /^\s*where\b/i],
  // What a word means ("what does quid pro quo mean?"): a fact check says what happened, it defines nothing.
  ['meaning', /^\s*(?:what\s+(?:does|do|is|are)\b.*\bmeans?\s*[?!.]*\s*$|what\s+is\s+the\s+(?:meaning|definition)\s+of\b|define\b)/i],
  ['what', /^\s*(?:what|which)\b/i],
  ['yes-no', /^\s*(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would|should|isn't|aren't|didn't|doesn't)\b/i],
];
export function intentOf(text: string): Intent {
  return INTENTS.find(([, re]) => re.test(text))?.[0] ?? 'none';
}

/** How strongly a claim carries a term, from the fields it appears in. */
function strength(packed: number, actor: boolean): number {
  if (fieldTf(packed, 'statement') || fieldTf(packed, 'aliases')) return 1;
  const attribution = fieldTf(packed, 'attribution') ? 0.9 : 0;
  const answer = fieldTf(packed, 'answer') ? 0.8 : 0;
  const source = fieldTf(packed, 'sources') ? 0.3 : 0;
  const s = Math.max(attribution, answer, source);
  return actor && s > 0 ? Math.min(s, ATTRIBUTION_STRENGTH) : s;
}

/** How often a term occurs in the claim, over the fields that count. */
function totalTf(packed: number): number {
  return fieldTf(packed, 'statement') + fieldTf(packed, 'aliases') + fieldTf(packed, 'answer') + fieldTf(packed, 'attribution');
}

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

/** The feature vector of each candidate, in the candidates' order. */
export function featuresOf(index: ClaimIndex, guildId: string | null, question: Question, candidates: Candidate[]): number[][] {
  const { terms, authorTerms } = question;
  const stats: QueryStats = index.stats(terms, guildId);
  const n = stats.size;
  const weights = terms.map((qt, i) => {
    const df = stats.df[i]!;
    return Math.log(1 + n / (df > 0 ? df + 0.5 : UNSEEN_DF)) * (qt.actor || df === 0 ? ACTOR_WEIGHT : 1);
  });
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  // The same weights with the base's unseen words that are common English ("my teacher mentioned…") weighed as an
  // ordinary word: the chatter around a pasted claim, more than a subject the base does not have.
  const ordinary = Math.log(1 + n / (n / 2 + 0.5));
  const plain = terms.map((qt, i) =>
    stats.df[i] === 0 && !qt.actor && question.common.has(qt.term) ? Math.min(weights[i]!, ordinary) : weights[i]!,
  );
  const plainTotal = plain.reduce((a, b) => a + b, 0) || 1;
  const actorsOnly = terms.length > 0 && terms.every((qt) => qt.actor) && question.reporters.size === 0 ? 1 : 0;
  const unseenNames = weights.reduce((a, w, i) => a + (stats.df[i] === 0 && question.names.has(terms[i]!.term) ? w : 0), 0) / total;
  const unseenWords = weights.reduce((a, w, i) => a + (stats.df[i] === 0 && !question.names.has(terms[i]!.term) ? w : 0), 0) / total;
  const knownTotal = weights.reduce((a, w, i) => a + (stats.df[i]! > 0 ? w : 0), 0);
  const actorTotal = weights.reduce((a, w, i) => a + (terms[i]!.actor ? w : 0), 0);
  // What BM25F could give at most: each term's rarest alternative, fully matched.
  const bm25Max = terms.reduce((a, _qt, i) => a + (stats.rarest[i]! > 0 ? idf(n, stats.rarest[i]!) : 0), 0) || 1;
  const questionTerms = new Set(terms.flatMap((qt) => qt.alternatives.map((a) => a.term)));

  const sentenceTotals = question.sentences.map((idx) => idx.reduce((a, i) => a + weights[i]!, 0) || 1);

  const questionMass = terms.reduce((a, _qt, i) => a + idf(n, stats.df[i]!), 0);
  /** The rarity weight of these terms, how much of it the question has, and how many of them (each term once). */
  const share = (list: readonly string[]) => {
    const dfs = index.termDfs(list, guildId);
    let weight = 0;
    let covered = 0;
    let hits = 0;
    for (let i = 0; i < list.length; i++) {
      const w = idf(n, dfs[i]!);
      weight += w;
      if (questionTerms.has(list[i]!)) {
        covered += w;
        hits++;
      }
    }
    return { weight, covered, hits, count: list.length };
  };

  const rows = candidates.map((c) => {
    let covered = 0;
    let focused = 0;
    let actorMissing = 0;
    let actorAbsent = 0;
    let missesRequired = false;
    const strengths = terms.map((qt, i) => {
      const s = c.credits[i]! * strength(c.fields[i]!, qt.actor === true);
      covered += weights[i]! * s;
      if (s > 0) {
        const tf = totalTf(c.fields[i]!);
        focused += weights[i]! * weights[i]! * (tf / (tf + 1.5));
      }
      if (qt.actor && s < 0.6) actorMissing += weights[i]!;
      if (qt.actor && c.credits[i] === 0 && (index.analyzer.isActor(qt.term) || stats.df[i] === 0)) actorAbsent = 1;
      if (qt.required && s === 0) missesRequired = true;
      return s;
    });
    const coverage = (covered / total) * (missesRequired ? REQUIRED_MISS_FACTOR : 1);
    const commonCoverage = (covered / plainTotal) * (missesRequired ? REQUIRED_MISS_FACTOR : 1);
    // The same over the words the base knows: a paraphrase brings new words; what it says in known ones still counts.
    const knownCoverage = knownTotal > 0 ? (covered / knownTotal) * (missesRequired ? REQUIRED_MISS_FACTOR : 1) : 0;
    // The best-covered sentence: one sentence of a long post often carries its claim.
    let sentenceCoverage = coverage;
    question.sentences.forEach((idx, k) => {
      let sc = 0;
      let miss = false;
      for (const i of idx) {
        sc += weights[i]! * strengths[i]!;
        if (terms[i]!.required && strengths[i] === 0) miss = true;
      }
      sentenceCoverage = Math.max(sentenceCoverage, (sc / sentenceTotals[k]!) * (miss ? REQUIRED_MISS_FACTOR : 1));
    });
    // Who acts in the claim (its statement, the attribution clause left out) and who only reports it.
    const traits = index.claimTraits(c.claim);
    const roles = traits;
    const flowReversed = reversedFlow(question.flow, traits.flow);
    let roleMismatch = 0;
    terms.forEach((qt, i) => {
      if (!qt.actor || question.reporters.has(qt.term)) return;
      const actors = qt.alternatives.map((a) => a.term);
      if (!actors.some((a) => roles.acting.has(a)) && actors.some((a) => roles.reporting.has(a))) roleMismatch += weights[i]!;
    });
    let authorHits = 0;
    authorTerms.forEach((_qt, j) => {
      if (c.credits[terms.length + j]! > 0) authorHits++;
    });
    const statement = traits.terms;
    const figures = statement.filter((t) => NUMBER.test(t));
    const figuresMissing = figures.filter((t) => !questionTerms.has(t)).length;
    // What the claim says happened: its figures are figureMissing's, who reports it is not what it says.
    const reportingOnly = traits.attribution;
    const said = share(statement.filter((t) => !NUMBER.test(t) && t !== QUANTITY && !reportingOnly.has(t)));
    // The claim's own example questions: how closely the nearest one reads like this question (rarity-weighted Dice),
    // counting less when it asks for another kind of answer ("why…?" against "is…?").
    let exampleMatch = 0;
    for (let k = 0; k < c.claim.questions.length; k++) {
      const sameIntent = question.intent === 'none' || intentOf(c.claim.questions[k]!) === question.intent ? 1 : 0.75;
      const asked = share(traits.examples[k]!);
      if (asked.count) exampleMatch = Math.max(exampleMatch, (sameIntent * 2 * asked.covered) / (asked.weight + questionMass || 1));
    }
    // What the claim is about: the first words of what its statement says happened (its subject, usually).
    const head = share(traits.head.slice(0, HEAD_TERMS));
    const diff = c.day !== null && question.day !== null ? c.day - question.day : null;
    return {
      coverage,
      sentenceCoverage,
      focus: focused / (total * total),
      bm25: c.bm25 / bm25Max,
      statementCoverage: said.weight > 0 ? said.covered / said.weight : 0,
      exampleMatch,
      headCoverage: head.weight > 0 ? head.covered / head.weight : 0,
      // The same share counted in terms, each alike: a claim with fewer things besides what was asked is more about it.
      statementShare: said.count > 0 ? said.hits / said.count : 0,
      dated: diff === null ? 0 : 1,
      dateNear: diff === null ? 0 : Math.exp(-Math.max(0, Math.abs(diff) - 1) / 30),
      claimOlder: diff !== null && diff < -3 ? 1 : 0,
      authorMatch: authorTerms.length ? authorHits / authorTerms.length : 0,
      knownCoverage,
      unseenNames,
      unseenWords,
      actorMissing: actorTotal > 0 ? actorMissing / actorTotal : 0,
      actorAbsent,
      roleMismatch: actorTotal > 0 ? roleMismatch / actorTotal : 0,
      questionLength: Math.log(1 + terms.length),
      figureMissing: figures.length ? figuresMissing / figures.length : 0,
      // What the question asks for that the claim does not give: "when…?" of a claim that does not say when, "why…?"
      // of one that gives no reason.
      undated: question.intent === 'when' && !traits.dated ? 1 : 0,
      unreasoned: question.intent === 'why' && !traits.givesReason ? 1 : 0,
      // Who acts in the claim that the question does not name: Russia's help, asked whether North Korea has a satellite.
      actorsUnasked: roles.acting.size ? [...roles.acting].filter((a) => !questionTerms.has(a)).length / roles.acting.size : 0,
      // The question's own words in the statement, as written: two siblings the lexicon folds alike ("quid pro quo"
      // and "payment" are both an exchange) differ in what each says in so many words.
      literalShare: question.literal.size ? [...question.literal].filter((w) => traits.literal.has(w)).length / question.literal.size : 0,
      asksMeaning: question.intent === 'meaning' ? 1 : 0,
      // The question has who gives and who receives the other way round ("does North Korea sell oil to Russia?").
      flowReversed: flowReversed ? 1 : 0,
      // The same where the claim's giving goes one way only: "is Pyongyang helping Moscow build satellites?" of
      // Russia's help to North Korea. (Where the claim or the question tells of an exchange, each side gives: that
      // stays a doubt, not a block.)
      giverReversed: flowReversed && !traits.exchange && !question.exchange ? 1 : 0,
      commonCoverage,
      actorsOnly,
      // The same for any action: "did South Korea accuse the North…" of a claim that the North accuses the South.
      agentReversed: reversedDirection(question.direction, traits.direction) ? 1 : 0,
      rank: Math.log(1 + c.rank),
    };
  });
  const otherCoverage = bestOfOthers(rows.map((r) => r.coverage));
  const otherBm25 = bestOfOthers(rows.map((r) => r.bm25));
  const otherSentence = bestOfOthers(rows.map((r) => r.sentenceCoverage));
  const otherExample = bestOfOthers(rows.map((r) => r.exampleMatch));
  return rows.map((row, i) => {
    const features: Record<FeatureName, number> = {
      ...row,
      coverageLead: row.coverage - otherCoverage(i),
      sentenceLead: row.sentenceCoverage - otherSentence(i),
      exampleLead: row.exampleMatch - otherExample(i),
      bm25Lead: row.bm25 > 0 ? (row.bm25 - otherBm25(i)) / Math.max(row.bm25, otherBm25(i)) : 0,
    };
    return FEATURES.map((f) => features[f]);
  });
}

/** For each position, the largest of the other values (at least 0): the best and the runner-up, found once. */
function bestOfOthers(values: readonly number[]): (i: number) => number {
  let best = 0;
  let at = -1;
  let second = 0;
  values.forEach((v, i) => {
    if (v > best || at < 0) {
      if (at >= 0) second = Math.max(second, best);
      best = v;
      at = i;
    } else second = Math.max(second, v);
  });
  return (i) => Math.max(0, i === at ? second : best);
}
