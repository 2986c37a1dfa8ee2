// What the matcher knows of words, as data: a claim base's concepts (which words and phrases name the same thing,
// in src/knowledge/curated/lexicon.json for the curated base) and a language's words that carry no meaning in a
// question (language/en.json). Both files are checked with zod when they are read.
import { readFileSync } from 'node:fs';
import { eng as englishStopWords } from 'stopword';
import { z } from 'zod';

export const Concept = z
  .object({
    /** The single term every alias folds into. */
    term: z.string().regex(/^[a-z0-9]+$/, 'one lower-case word'),
    /** Words or phrases (as they read after normalization) that mean this concept. */
    aliases: z.array(z.string().min(1)).min(1),
    /** Broader concepts a mention also counts towards, with partial credit (Putin → Russia). */
    broader: z.array(z.string()).optional(),
    /** A country, organisation or person: who did what is the core of a claim, so these weigh more. */
    actor: z.boolean().optional(),
    /** A question naming this concept is only answered by a claim that has it too ("how many" needs a figure). */
    required: z.boolean().optional(),
  })
  .strict();
export type Concept = z.infer<typeof Concept>;

export const LexiconFile = z.object({ about: z.string().optional(), concepts: z.array(Concept) }).strict();

const LanguageFile = z
  .object({
    about: z.string().optional(),
    /** Words the stop-word list has that do matter in a question here (first, since). */
    keep: z.array(z.string()),
    /** Words and phrases that say who reports something ("says", "according to"). */
    reporting: z.array(z.string()),
    /** Who tells the asker ("my uncle says…"): dropped from a question after "my", "a", "our"… */
    askers: z.array(z.string()),
    /** Phrases that ask for a figure ("how many"): they fold into QUANTITY. */
    quantity: z.array(z.string()),
    /** Question words and the filler people type around a question ("is it true that", "my uncle says"). */
    fillers: z.array(z.string()),
    /** Verbs by which the subject hands something to another party ("sends", "supplied"). */
    giving: z.array(z.string()),
    /** Verbs by which the subject receives something from another party ("gets", "bought"). */
    getting: z.array(z.string()),
    /** Words that date an event ("November", "last week", "since"): a claim without one does not say when. */
    time: z.array(z.string()),
    /** Words that give a reason ("because", "in exchange", "payment"): a claim without one does not say why. */
    reason: z.array(z.string()),
    /** Words of an exchange ("in return", "payment", "swap"): each side gives the other something. */
    exchange: z.array(z.string()),
    /** The auxiliaries of a passive ("has been accused by…", "got hit by…"). */
    passive: z.array(z.string()),
  })
  .strict();

/** The term every number of two or more digits also stands for, so "how many" finds claims that give a figure. */
export const QUANTITY = 'quantity';

function readJson<T>(file: URL, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file.pathname}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

const english = readJson(new URL('./language/en.json', import.meta.url), LanguageFile);

/** Words that carry no meaning in an English question. */
export const STOP_WORDS: ReadonlySet<string> = new Set([...englishStopWords, ...english.fillers].filter((w) => !english.keep.includes(w)));

/** Words and phrases that say who reports something. */
export const REPORTING_WORDS: readonly string[] = english.reporting;

/** People who pass a rumour on ("my uncle", "a friend"). */
export const ASKER_WORDS: readonly string[] = english.askers;

/** Verbs that move something from the subject to another party, and from another party to the subject. */
export const GIVING_WORDS: ReadonlySet<string> = new Set(english.giving);
export const GETTING_WORDS: ReadonlySet<string> = new Set(english.getting);

/** Words that date an event. */
export const TIME_WORDS: ReadonlySet<string> = new Set(english.time);

/** Words that give a reason. */
export const REASON_WORDS: ReadonlySet<string> = new Set(english.reason);

/** Words of an exchange, where neither side only acts on the other. */
export const EXCHANGE_WORDS: ReadonlySet<string> = new Set(english.exchange);

/** The auxiliaries of a passive. */
export const PASSIVE_WORDS: ReadonlySet<string> = new Set(english.passive);

/** The language's own concepts: a question asking for a figure is answered by a claim that gives one. */
export const LANGUAGE_CONCEPTS: readonly Concept[] = [{ term: QUANTITY, required: true, aliases: english.quantity }];

/** A claim base's concepts from its lexicon file. */
export function readLexicon(file: URL): Concept[] {
  return readJson(file, LexiconFile).concepts;
}
