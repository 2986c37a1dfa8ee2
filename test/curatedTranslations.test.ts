// The curated base in its readers' languages: every curated claim is translated into each language, and a
// translation keeps its claim's figures, months, names and claimant and adds none of its own; the alias files speak
// only of the lexicon's concepts; and the loader refuses a malformed file with one line naming the file and field.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type ClaimTranslation,
  LANGUAGES,
  loadCuratedTranslations,
  type NameEntry,
  readCuratedFile,
  TRANSLATED_LANGUAGES,
  type TranslatedLanguage,
} from '../src/knowledge/index.js';
import { PROJECT_ROOT, tempFolder } from './support/knowledge.js';

const CURATED = join(PROJECT_ROOT, 'src/knowledge/curated');
const base = loadCuratedTranslations();
const english = base.claims.get('en')!;
const curatedIds = (readCuratedFile() as Array<{ id: string }>).map((claim) => claim.id);
const lexiconTerms = (JSON.parse(readFileSync(join(CURATED, 'lexicon.json'), 'utf8')) as { concepts: Array<{ term: string; actor?: boolean }> })
  .concepts;

// ---- Figures: digits (with thousands separators, and the scale words the languages write after them) -------------

const EN_WORDS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const EN_SCALES: Record<string, number> = { thousand: 1e3, million: 1e6 };
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The figures an English text gives: "10,000" → 10000, "one million" → 1000000. */
function englishFigures(text: string): { digits: string[]; values: number[] } {
  const digits = [...text.matchAll(/\b\d{1,3}(?:,\d{3})+\b|\b\d+\b/g)].map((m) => m[0].replace(/,/g, ''));
  const words = [...text.matchAll(/\b(a|one|two|three|four|five|six|seven|eight|nine|ten) (thousand|million)\b/gi)].map(
    (m) => EN_WORDS[m[1]!.toLowerCase()]! * EN_SCALES[m[2]!.toLowerCase()]!,
  );
  return { digits, values: [...digits.map(Number), ...words] };
}

/** The months an English text names, as 1..12. */
const englishMonths = (text: string): number[] =>
  [...text.toLowerCase().matchAll(/\b[a-z]+\b/g)].map((m) => EN_MONTHS.indexOf(m[0]) + 1).filter((month) => month > 0);

const CJK = new Set<TranslatedLanguage>(['ko', 'ja', 'zh']);
/** A month in Korean, Japanese or Chinese: "11월", "3月". */
const CJK_MONTH = /(?<!\d)(\d{1,2})\s?[월月]/gu;
const SCALE: Array<[RegExp, number]> = [
  [/^[만万萬]/u, 1e4],
  [/^[억亿億]/u, 1e8],
  [/^(millions?|millionen|millón|millones|mio\b|млн|миллион|мільйон)/iu, 1e6],
  [/^(тыс|тисяч|tausend|mil(?!\p{L})|mille(?!\p{L}))/iu, 1e3],
];

/** The figures a translated text gives: "10 000", "10.000", "1 млн", "100만", "50万" (months left out). */
function translatedFigures(text: string): { digits: string[]; values: number[] } {
  const digits: string[] = [];
  const values: number[] = [];
  const figures = /(?<!\d)(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+)\s?/gu;
  const withoutMonths = text.replace(CJK_MONTH, ' ');
  for (const match of withoutMonths.matchAll(figures)) {
    const plain = match[1]!.replace(/\D/g, '');
    const rest = withoutMonths.slice(match.index + match[0].length);
    const factor = SCALE.find(([pattern]) => pattern.test(rest))?.[1] ?? 1;
    digits.push(plain);
    values.push(Number(plain) * factor);
  }
  return { digits, values };
}

// ---- Names and months in a translation: stems for inflected languages, acronyms exactly -------------------------

const TRAILING_VOWEL = /[aeiouyáéíóúàèìòùâêîôûäëïöüаеёиоуыэюяіїєйь]$/iu;
const isAcronym = (word: string) => /\p{Lu}.*\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const caseless = (text: string) =>
  [...text].map((c) => (c.toLowerCase() === c.toUpperCase() ? escape(c) : `[${c.toLowerCase()}${c.toUpperCase()}]`)).join('');

/** What a word of a name starts with whatever its case ending: "Северная Корея" → "Север… Кор…", "Россия" → "Росс…". */
function stem(word: string, inPhrase: boolean): string {
  if (inPhrase) return word.slice(0, Math.max(3, word.length - 3));
  let stemmed = word;
  for (let i = 0; i < 2 && stemmed.length > 4 && TRAILING_VOWEL.test(stemmed); i++) stemmed = stemmed.slice(0, -1);
  return stemmed;
}

/** Whether `form` (a name or a month as the language writes it) appears in `text`. */
function mentions(text: string, form: string, language: TranslatedLanguage): boolean {
  if (CJK.has(language)) return text.includes(form);
  const words = form.split(/\s+/);
  const parts = words.map((word) => (isAcronym(word) ? `${escape(word)}(?!\\p{L})` : `${caseless(stem(word, words.length > 1))}\\p{L}*`));
  return new RegExp(`(?<!\\p{L})${parts.join('[\\s\\u00a0-]+')}`, 'u').test(text);
}

/** The glossary's entries an English text names: "North Korean troops" names North Korea. */
const namedIn = (text: string, names: NameEntry[]) => names.filter((name) => new RegExp(`(?<!\\p{L})${escape(name.en)}`, 'u').test(text));

/** A month's names in a language that spells them out: its standalone name and the form it takes in a date. */
function monthForms(language: TranslatedLanguage, month: number): string[] {
  const date = new Date(Date.UTC(2024, month - 1, 15));
  return [{ month: 'long' as const }, { month: 'long' as const, day: 'numeric' as const }].map(
    (options) => new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' }).formatToParts(date).find((p) => p.type === 'month')!.value,
  );
}

// ---- What a translation must keep and must not add ---------------------------------------------------------------

type Field = 'statement' | 'answer' | 'claimant' | `questions.${number}` | 'keywords';

/** The text of a claim, field by field, as the checks compare them (the keywords as one list). */
function fields(text: ClaimTranslation): Array<[Field, string]> {
  return [
    ['statement', text.statement],
    ['answer', text.answer],
    ['claimant', text.claimant ?? ''],
    ...text.questions.map((q, i): [Field, string] => [`questions.${i}`, q]),
    ['keywords', text.keywords.join(' · ')],
  ];
}

/** Everything a translation of one claim changes in its figures, months, names and claimant, one line each. */
function fidelityProblems(language: TranslatedLanguage, source: ClaimTranslation, translation: ClaimTranslation, names: NameEntry[]): string[] {
  const problems: string[] = [];
  const translated = new Map(fields(translation));
  if (translation.questions.length !== source.questions.length) {
    problems.push(`questions: ${translation.questions.length} questions for the English ${source.questions.length}`);
  }
  if ((translation.claimant === undefined) !== (source.claimant === undefined)) problems.push('claimant: present in only one of the two');
  for (const [field, text] of fields(source)) {
    const target = translated.get(field) ?? '';
    const figures = englishFigures(text);
    const kept = translatedFigures(target);
    for (const digits of figures.digits) if (!kept.digits.includes(digits)) problems.push(`${field}: lacks the figure ${digits}`);
    for (const value of figures.values) if (!kept.values.includes(value)) problems.push(`${field}: lacks the figure ${value}`);
    for (const month of englishMonths(text)) {
      const forms = CJK.has(language) ? [] : monthForms(language, month);
      const found = CJK.has(language)
        ? [...target.matchAll(CJK_MONTH)].some((m) => Number(m[1]) === month)
        : forms.some((f) => mentions(target, f, language));
      if (!found) problems.push(`${field}: lacks the month ${EN_MONTHS[month - 1]}`);
    }
    for (const name of namedIn(text, names)) {
      if (!name.forms[language].some((form) => mentions(target, form, language))) problems.push(`${field}: lacks the name ${name.en}`);
    }
  }
  // Nothing added: no figure, month or name that the English claim does not have somewhere.
  const all = (text: ClaimTranslation) =>
    fields(text)
      .map(([, t]) => t)
      .join('\n');
  const englishValues = new Set(englishFigures(all(source)).values);
  for (const value of translatedFigures(all(translation)).values) if (!englishValues.has(value)) problems.push(`adds the figure ${value}`);
  const englishMonthSet = new Set(englishMonths(all(source)));
  if (CJK.has(language)) {
    for (const m of all(translation).matchAll(CJK_MONTH)) if (!englishMonthSet.has(Number(m[1]))) problems.push(`adds the month ${m[0]}`);
  }
  const allowed = new Set(namedIn(all(source), names).flatMap((name) => name.forms[language]));
  for (const form of new Set(names.flatMap((name) => name.forms[language]))) {
    if (!allowed.has(form) && mentions(all(translation), form, language)) problems.push(`adds the name ${form}`);
  }
  return [...new Set(problems)];
}

describe('the curated base in other languages', () => {
  it('has the English base and every language of LANGUAGES', () => {
    expect([...base.claims.keys()].sort()).toEqual([...LANGUAGES].sort());
    expect([...english.keys()]).toEqual(curatedIds);
    expect(curatedIds.length).toBeGreaterThanOrEqual(14);
  });

  it.each(TRANSLATED_LANGUAGES)('translates every curated claim into %s', (language) => {
    expect([...base.claims.get(language)!.keys()].sort()).toEqual([...curatedIds].sort());
  });

  it.each(TRANSLATED_LANGUAGES)('keeps, in %s, every figure, month, name and claimant of each claim, and adds none', (language) => {
    const translations = base.claims.get(language)!;
    const problems = curatedIds.flatMap((id) =>
      fidelityProblems(language, english.get(id)!, translations.get(id)!, base.names).map((p) => `${id}: ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('names the claimant of every alleged claim in each translation, in its own words', () => {
    const withClaimant = curatedIds.filter((id) => english.get(id)!.claimant);
    expect(withClaimant.length).toBeGreaterThan(5);
    for (const language of TRANSLATED_LANGUAGES) {
      for (const id of withClaimant) {
        const claimant = base.claims.get(language)!.get(id)!.claimant;
        expect(claimant, `${language} ${id}`).toBeTruthy();
        expect(claimant, `${language} ${id}`).not.toBe(english.get(id)!.claimant);
      }
    }
  });

  it('writes each text in its language, not in English', () => {
    for (const language of TRANSLATED_LANGUAGES) {
      for (const id of curatedIds) {
        const source = english.get(id)!;
        const translation = base.claims.get(language)!.get(id)!;
        expect(translation.statement, `${language} ${id}`).not.toBe(source.statement);
        expect(translation.answer, `${language} ${id}`).not.toBe(source.answer);
        translation.questions.forEach((q, i) => expect(q, `${language} ${id} question ${i}`).not.toBe(source.questions[i]));
      }
    }
  });

  it('finds a dropped figure, a changed month, a lost claimant and an added name (the checks can fail)', () => {
    const id = 'north-korean-troops-deployed-to-ukraine';
    const ko = base.claims.get('ko')!.get(id)!;
    const fewer = { ...ko, statement: ko.statement.replace('10,000명(1만 명)', '1,000명') };
    expect(fidelityProblems('ko', english.get(id)!, fewer, base.names)).toEqual(
      expect.arrayContaining(['statement: lacks the figure 10000', 'adds the figure 1000']),
    );

    const satellite = 'first-spy-satellite-launched-last-november';
    const ja = base.claims.get('ja')!.get(satellite)!;
    const october = { ...ja, statement: ja.statement.replace('11月', '10月') };
    expect(fidelityProblems('ja', english.get(satellite)!, october, base.names)).toEqual(
      expect.arrayContaining(['statement: lacks the month november', 'adds the month 10月']),
    );
    const de = base.claims.get('de')!.get(satellite)!;
    const december = { ...de, answer: de.answer.replace('November', 'Dezember') };
    expect(fidelityProblems('de', english.get(satellite)!, december, base.names)).toContain('answer: lacks the month november');

    const alleged = 'russia-supplied-air-defence-missiles';
    const ru = base.claims.get('ru')!.get(alleged)!;
    const unnamed = { ...ru, claimant: 'Советник по национальной безопасности (телевизионное интервью)' };
    expect(fidelityProblems('ru', english.get(alleged)!, unnamed, base.names)).toEqual(
      expect.arrayContaining(['claimant: lacks the name Shin Wonsik', 'claimant: lacks the name South Korea']),
    );
    const fr = base.claims.get('fr')!.get(alleged)!;
    const withUs = { ...fr, statement: `${fr.statement} Les États-Unis le confirment.` };
    expect(fidelityProblems('fr', english.get(alleged)!, withUs, base.names)).toContain('adds the name États-Unis');
  });
});

describe('the glossary of names', () => {
  it('gives every actor of the English claims its forms in each language', () => {
    const englishText = [...english.values()].flatMap((claim) => fields(claim).map(([, t]) => t)).join('\n');
    for (const actor of [
      'North Korea',
      'South Korea',
      'Russia',
      'Ukraine',
      'United States',
      'United Nations',
      'Vladimir Putin',
      'Kim Jong Un',
      'Shin Wonsik',
      'Pyongyang',
    ]) {
      expect(englishText, actor).toContain(actor);
      expect(base.names.map((n) => n.en)).toContain(actor);
    }
    const shin = base.names.find((name) => name.en === 'Shin Wonsik')!;
    expect(shin.forms.ko).toEqual(['신원식']);
    expect(shin.forms.ru).toContain('Син Вон Сик');
    const kim = base.names.find((name) => name.en === 'Kim Jong Un')!;
    expect(kim.forms.ko).toEqual(['김정은']);
    expect(kim.forms.ja).toContain('金正恩');
    expect(kim.forms.ru).toEqual(['Ким Чен Ын']);
  });

  it('lists only names the English claims use', () => {
    const englishText = [...english.values()].flatMap((claim) => fields(claim).map(([, t]) => t)).join('\n');
    for (const name of base.names) expect(namedIn(englishText, [name]), name.en).toEqual([name]);
  });
});

describe('the aliases of the lexicon in each language', () => {
  const terms = new Set(lexiconTerms.map((c) => c.term));

  it.each(TRANSLATED_LANGUAGES)('speaks in %s only of terms lexicon.json defines, and of each of its actors', (language) => {
    const aliases = base.aliases.get(language)!;
    expect([...aliases.keys()].filter((term) => !terms.has(term))).toEqual([]);
    for (const actor of lexiconTerms.filter((c) => c.actor)) expect(aliases.get(actor.term)?.length, `${language} ${actor.term}`).toBeGreaterThan(0);
  });

  it('has the names members write for North Korea', () => {
    const northKorea = (language: TranslatedLanguage) => base.aliases.get(language)!.get('northkorea');
    expect(northKorea('ko')).toContain('북한');
    expect(northKorea('ja')).toContain('北朝鮮');
    expect(northKorea('zh')).toContain('朝鲜');
    expect(northKorea('ru')).toEqual(expect.arrayContaining(['кндр', 'северная корея', 'северной кореи']));
    expect(northKorea('uk')).toContain('північна корея');
    expect(northKorea('es')).toContain('corea del norte');
  });
});

describe('loading a malformed translation file', () => {
  const claimId = 'russia-supplied-air-defence-missiles';
  /** A translation, alias or names file as JSON, loosely typed so that a case can break any of them. */
  interface AnyFile {
    language: string;
    claims: Record<string, Record<string, unknown>>;
    concepts: Record<string, string[]>;
    names: Array<{ forms: Record<string, unknown> }>;
  }
  type Edit = (data: AnyFile) => unknown;
  const cases: Array<[string, string, Edit | string, RegExp]> = [
    [
      'an empty statement',
      'translations/ko.json',
      (d) => (d.claims[claimId]!.statement = ' '),
      /ko\.json: claims\.russia-supplied-air-defence-missiles\.statement: must not be empty$/,
    ],
    [
      'a field a translation does not have',
      'translations/de.json',
      (d) => (d.claims[claimId]!.sources = []),
      /de\.json: claims\.russia-supplied-air-defence-missiles: unknown field "sources"$/,
    ],
    [
      'another language than its name',
      'translations/ja.json',
      (d) => (d.language = 'ko'),
      /ja\.json: language: must be "ja", the language the file is named for$/,
    ],
    [
      'a claim the base does not have',
      'translations/uk.json',
      (d) => (d.claims['no-such-claim'] = d.claims[claimId]!),
      /uk\.json: claims\.no-such-claim: no curated claim has this id$/,
    ],
    [
      'an alleged claim without its claimant',
      'translations/ru.json',
      (d) => delete d.claims[claimId]!.claimant,
      /ru\.json: claims\.russia-supplied-air-defence-missiles\.claimant: required/,
    ],
    [
      'a concept lexicon.json does not define',
      'aliases/fr.json',
      (d) => (d.concepts.pizza = ['pizza']),
      /fr\.json: concepts\.pizza: not a concept of lexicon\.json$/,
    ],
    [
      'an alias not in lower case',
      'aliases/es.json',
      (d) => d.concepts.northkorea!.push('Corea del Norte'),
      /es\.json: concepts\.northkorea\.\d+: must be lower case/,
    ],
    ['a name without a language', 'translations/names.json', (d) => delete d.names[0]!.forms.fr, /names\.json: names\.0\.forms\.fr: /],
    ['text that is not JSON', 'translations/zh.json', '{"language": "zh", "claims": {', /zh\.json: not valid JSON \(/],
  ];

  it.each(cases)('refuses %s with one line naming the file and field', (_what, file, edit, message) => {
    const folder = tempFolder();
    cpSync(CURATED, folder, { recursive: true });
    const path = join(folder, file);
    if (typeof edit === 'string') writeFileSync(path, edit);
    else {
      const data = JSON.parse(readFileSync(path, 'utf8')) as AnyFile;
      edit(data);
      writeFileSync(path, JSON.stringify(data));
    }
    const refusal = (() => {
      try {
        loadCuratedTranslations(pathToFileURL(`${folder}/`));
      } catch (error) {
        return (error as Error).message;
      }
      return 'loaded';
    })();
    expect(refusal).toMatch(message);
    expect(refusal).toContain(join(folder, file));
    expect(refusal.split('\n')).toHaveLength(1);
  });

  it('loads an unbroken copy of the base', () => {
    const folder = tempFolder();
    cpSync(CURATED, folder, { recursive: true });
    expect(loadCuratedTranslations(pathToFileURL(folder)).claims.get('fr')!.size).toBe(curatedIds.length);
  });
});
