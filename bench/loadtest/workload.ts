// The questions the load test asks, generated (a seeded PRNG, so every run asks the same ones): half are questions
// about the curated claims, made from each claim's statement and keywords by templates; a quarter are social-media
// posts pasted whole (a claim's statement wrapped in the trappings of a post); a quarter are off-topic. None comes
// from an evaluation set: the only text they take is the curated base's own statements and keywords.
import { readCuratedFile } from '../../src/knowledge/index.js';
import { mulberry32 } from '../synthetic.js';

export type QuestionKind = 'curated' | 'post' | 'off-topic';

export interface LoadQuestion {
  kind: QuestionKind;
  question: string;
}

const curated = readCuratedFile() as Array<{ statement: string; keywords?: string[] }>;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const withoutStop = (s: string) => s.replace(/[.!?]+$/, '');

const CURATED_TEMPLATES: Array<(statement: string, keyword: string) => string> = [
  (s) => `is it true that ${lowerFirst(withoutStop(s))}?`,
  (s) => `${withoutStop(s)} — is that confirmed?`,
  (s) => `someone at work said ${lowerFirst(withoutStop(s))}, can you check`,
  (s, k) => `what do we know about ${k}? ${withoutStop(s)}?`,
  (s) => `fact check: ${lowerFirst(s)}`,
];
const POST_TEMPLATES: Array<(statement: string, keyword: string) => string> = [
  (s, k) => `🚨 BREAKING 🚨 ${s} Share before they delete this!! #${k.replace(/\W+/g, '')} https://t.me/some_channel/4821`,
  (s) => `Thread 🧵 1/4\n\n${s}\n\nThe media won't tell you this. RT if you agree.`,
  (s, k) => `>> forwarded many times\n${s.toUpperCase()}\nsource: a friend in the ministry (${k})`,
  (s) => `my uncle posted this on facebook: "${s}" is this legit or propaganda?`,
];
const OFF_TOPIC_SUBJECTS = [
  'the best pizza dough recipe',
  'how to fix a squeaky door hinge',
  'who won the chess olympiad last year',
  'the weather in Lisbon tomorrow',
  'a good name for a grey kitten',
  'how long to boil an egg',
  'whether tomatoes are a fruit',
  'how to change a bike tyre',
  'the rules of cricket',
  'what time the bakery on Main Street opens',
  'how many moons Jupiter has',
  'a playlist for a long drive',
];
const OFF_TOPIC_TEMPLATES: Array<(subject: string) => string> = [
  (s) => `can you tell me ${s}?`,
  (s) => `quick question about ${s}`,
  (s) => `${s}??`,
  (s) => `hey bot, I was wondering about ${s}, any idea`,
];

/** `count` questions, in a fixed mixed order. */
export function loadQuestions(count: number, seed = 20261202): LoadQuestion[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const out: LoadQuestion[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    const claim = pick(curated);
    const keyword = claim.keywords?.length ? pick(claim.keywords) : 'news';
    if (roll < 0.5) out.push({ kind: 'curated', question: pick(CURATED_TEMPLATES)(claim.statement, keyword) });
    else if (roll < 0.75) out.push({ kind: 'post', question: pick(POST_TEMPLATES)(claim.statement, keyword) });
    else out.push({ kind: 'off-topic', question: pick(OFF_TOPIC_TEMPLATES)(pick(OFF_TOPIC_SUBJECTS)) });
  }
  return out;
}
