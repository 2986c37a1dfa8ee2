// The labelled data the matcher's model is fitted on, all from beside the project (../shared) or its fixtures:
// - CheckThat! 2022 Task 2A: 14,231 Snopes fact checks (as `claims import` gets them from checkthat.mjs) and real
//   posts of the train and dev splits, each with the fact check that covers it. Each post is asked twice: over the
//   whole base, and with its own fact check removed, where any answer is wrong (real negatives).
// - Questions about the curated base: ../shared/eval/dev-questions.jsonl and test/fixtures/*-questions.jsonl, judged
//   by ../shared/eval/topics.mjs. Sets named *-heldout.jsonl are never fitted on.
// - Questions about the curated base in other languages (test/fixtures/multilingual-*questions.jsonl, each line with
//   its `lang`): the foreign-language regime's, never the English ones'. Each answerable one is also asked without
//   the claims that answer it, where any answer is wrong (near misses in that language).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadCuratedTranslations, readCuratedFile, withCuratedTranslations } from '../../src/knowledge/curated/index.js';
import { Claim, Language } from '../../src/knowledge/schema.js';

export const SHARED = new URL('../../../shared/eval/', import.meta.url);
const CHECKTHAT = new URL('checkthat/', SHARED);
const FIXTURES = new URL('../../test/fixtures/', import.meta.url);

const topicsModule: string = new URL('topics.mjs', SHARED).href;
const { judge } = (await import(topicsModule)) as { judge: (expect: string[], text: string | null) => boolean };

export type Group = 'checkthat' | 'checkthat-absent' | 'curated' | 'curated-unanswerable' | 'curated-absent' | 'foreign';

/** A question with what answers it. */
export interface Labelled {
  text: string;
  /** Is the claim with this id an answer to the question? */
  isRight: (id: string) => boolean;
  answerable: boolean;
  /** Claims to leave out (the post asked as if the base did not have its fact check). */
  exclude?: ReadonlySet<string>;
  group: Group;
  /** CheckThat's split; the dev split is never fitted on. */
  split?: 'train' | 'dev';
  /** The file a curated question comes from. */
  file?: string;
  /** How much the question counts within its group (default 1). */
  weight?: number;
  /** The language the question is written in, for a question in another language than English. */
  language?: Language;
}

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

export const curatedClaims = (): Claim[] => (readCuratedFile() as object[]).map(asClaim);

/** The curated claims with their translations, as the bot holds them. */
export function translatedClaims(): Claim[] {
  const shipped = loadCuratedTranslations();
  return (readCuratedFile() as object[]).map((c) => asClaim(withCuratedTranslations(c, shipped) as object));
}

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
const lines = (url: URL | string) => readFileSync(url, 'utf8').trim().split('\n');

/** The CheckThat fact checks as claims, and its posts labelled with them (each also asked without its own). */
export function checkThat(): { claims: Claim[]; questions: Labelled[] } {
  const records = lines(new URL('vclaims.jsonl', CHECKTHAT)).map((l) => JSON.parse(l) as Record<string, string | undefined>);
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
    lines(new URL('traindev-queries.tsv', CHECKTHAT)).map((l) => {
      const [id, ...text] = l.split('\t');
      return [id!, text.join(' ').replace(/\s+/g, ' ').trim()] as const;
    }),
  );
  const questions: Labelled[] = [];
  for (const split of ['train', 'dev'] as const) {
    const gold = new Map<string, Set<string>>();
    for (const line of lines(new URL(`${split}-qrels.tsv`, CHECKTHAT))) {
      const [q, , v] = line.split('\t');
      if (!gold.has(q!)) gold.set(q!, new Set());
      gold.get(q!)!.add(idOf.get(v!)!);
    }
    for (const [q, ids] of gold) {
      const text = posts.get(q);
      if (!text) continue;
      questions.push({ text, isRight: (id) => ids.has(id), answerable: true, group: 'checkthat', split });
      questions.push({ text, isRight: () => false, answerable: false, exclude: ids, group: 'checkthat-absent', split });
    }
  }
  return { claims, questions };
}

/** The question sets about the curated base in the eval format ({"q", "expect"} a line). */
export function curatedQuestions(files = curatedFiles()): Labelled[] {
  const byId = new Map(curatedClaims().map((c) => [c.id, c]));
  return files.flatMap((file) =>
    lines(file).map((line) => {
      const { q, expect, lang } = JSON.parse(line) as { q: string; expect: string[]; lang?: string };
      // Only a curated claim answers a question about the curated base (an archive's claim may share its words).
      const isRight = (id: string) => {
        const c = byId.get(id);
        return c !== undefined && expect.length > 0 && judge(expect, `${c.statement} ${c.answer}`);
      };
      return {
        text: q,
        isRight,
        answerable: expect.length > 0,
        group: expect.length ? 'curated' : 'curated-unanswerable',
        file,
        ...(lang ? { language: Language.parse(lang) } : {}),
      } satisfies Labelled;
    }),
  );
}

/** Each answerable question asked again without the claims that answer it: any answer is wrong there. */
export function withoutTheirClaims(questions: readonly Labelled[], claims: readonly Claim[]): Labelled[] {
  return questions
    .filter((q) => q.answerable)
    .map((q) => ({
      ...q,
      isRight: () => false,
      answerable: false,
      exclude: new Set(claims.filter((c) => q.isRight(c.id)).map((c) => c.id)),
      group: 'curated-absent' as const,
    }));
}

const MULTILINGUAL = /^multilingual-.*questions\.jsonl$/;

/** The sets the foreign-language regime is fitted on: the fixtures' multilingual-*questions.jsonl. */
export function multilingualFiles(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => MULTILINGUAL.test(f))
    .sort()
    .map((f) => new URL(f, FIXTURES).pathname);
}

/** The sets fitted on: the dev questions and the fixtures' *-questions.jsonl (not the *-heldout ones, nor the multilingual ones). */
export function curatedFiles(): string[] {
  const fixtures = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('-questions.jsonl') && !MULTILINGUAL.test(f))
    .sort()
    .map((f) => new URL(f, FIXTURES).pathname);
  return [new URL('dev-questions.jsonl', SHARED).pathname, ...fixtures].filter((f) => existsSync(f));
}

/** Questions about nothing in the curated base (everyday questions, other news): the *-offtopic.jsonl sets. */
export function offTopicQuestions(): Labelled[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('-offtopic.jsonl'))
    .sort()
    .flatMap((f) =>
      lines(new URL(f, FIXTURES)).map((line) => ({
        text: (JSON.parse(line) as { q: string }).q,
        isRight: () => false,
        answerable: false,
        group: 'foreign' as const,
        file: f,
      })),
    );
}

/** The held-out sets: never fitted on, so their figures are the honest ones. */
export function heldOutFiles(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('-heldout.jsonl'))
    .sort()
    .map((f) => new URL(f, FIXTURES).pathname);
}
