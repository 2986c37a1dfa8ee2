// Synthetic claim bases and questions for the benchmarks, deterministic (a seeded PRNG). Words are drawn
// Zipf-distributed: function words most often, then the curated claims' own words (a base about one news area
// names its entities everywhere), then made-up words; each claim leans on a topic's words so that terms co-occur as
// in real text. Every base holds the 15 curated claims, and its claims are spread over the curated scope and four
// servers. Questions are a third the curated claims' example questions, half made from a claim's words, a tenth
// off-topic; a third carry a typo.
import { Claim, ClaimSearch, readCuratedFile } from '../src/knowledge/index.js';

export const GUILDS = ['100000000000000001', '100000000000000002', '100000000000000003', '100000000000000004'];

// ---- deterministic randomness -------------------------------------------------------------------------------
export function mulberry32(seed: number): () => number {
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
export function makeClaim(i: number): Claim {
  const topic = pick(TOPICS);
  const alleged = random() < 0.5;
  return {
    id: `synthetic-${i}`,
    statement: sentence(topic, 8, 16).slice(0, 300),
    answer: [sentence(topic, 12, 20), sentence(topic, 10, 18)].join(' ').slice(0, 1500),
    confidence: alleged ? 'alleged' : 'confirmed',
    language: 'en',
    translations: {},
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

export function typo(word: string): string {
  if (word.length < 5) return word;
  const i = 1 + int(word.length - 2);
  return random() < 0.5 ? word.slice(0, i) + word.slice(i + 1) : word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

export interface Query {
  text: string;
  guildId: string | null;
  /** Whether a word was mistyped (its correction is the expensive part of a question). */
  typo?: boolean;
}

/** The curated claims, as the store holds them: every synthetic base contains them. */
export const curatedClaims: Claim[] = curatedRecords.map((record) =>
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
export function makeQuestions(claims: Claim[], n: number): Query[] {
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
export function makePartials(claims: Claim[], n: number): Query[] {
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

/** A moderator's edit of a claim's answer (a new word, as edits usually bring). */
export function editedClaim(claims: readonly Claim[], i: number): Claim {
  const claim = pick(claims);
  return { ...claim, answer: `${claim.answer} Updated ${pick(vocabulary)}zz${i}.`, updatedAt: NOW };
}
