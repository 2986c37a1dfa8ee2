// Text normalization shared by questions and claims: one case, no diacritics, no punctuation, one number form.

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100,
};
const SCALE: Record<string, number> = { k: 1_000, thousand: 1_000, m: 1_000_000, mn: 1_000_000, million: 1_000_000, millions: 1_000_000 };

// eslint-disable-next-line no-control-regex -- "only ASCII" is a range of code points, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/** Cheap test that lets most texts skip the number rewriting. */
const MAY_HAVE_NUMBER = /\d|thousand|million/;
/** Apostrophes (and the backtick typed for one), which normalizeText folds away. */
const APOSTROPHE = /['`]/;

/** Longest input the matcher reads; anything past it is ignored so that time stays bounded. */
export const MAX_QUESTION_CHARS = 4000;

/**
 * Lower-cases, strips diacritics, folds apostrophes, and rewrites numbers to plain digits:
 * "10k", "10,000", "10 000", "ten thousand" → "10000"; "1m", "one million", "a million" → "1000000"; "half a million" → "500000".
 */
export function normalizeText(input: string): string {
  let text = input.slice(0, MAX_QUESTION_CHARS);
  // Plain ASCII (most text) has no diacritics nor typographic apostrophes to fold.
  if (!ASCII.test(text))
    text = text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[\u2018\u2019\u02bc´]/g, "'");
  text = text.toLowerCase();
  if (APOSTROPHE.test(text)) text = text.replace(/`/g, "'").replace(/'s\b/g, '').replace(/'/g, '');
  if (!MAY_HAVE_NUMBER.test(text)) return text.replace(/[^a-z0-9]+/g, ' ').trim();
  // Thousands separators inside numbers: 10,000 / 10.000 / 10 000 → 10000.
  text = text.replace(/\b(\d{1,3})(?:[,. ](\d{3}))+\b/g, (m) => m.replace(/[,. ]/g, ''));
  text = text.replace(/\bhalf (?:a )?million\b/g, '500000');
  text = text.replace(
    /\b(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred)\s?(k|thousand|m|mn|million|millions)\b/g,
    (m, num: string, scale: string) => {
      const n = /^\d/.test(num) ? Number(num) : num === 'a' || num === 'an' ? 1 : NUMBER_WORDS[num];
      const factor = SCALE[scale];
      const shortScale = scale === 'k' || scale === 'm' || scale === 'mn';
      if (n === undefined || factor === undefined || (shortScale && !/^\d/.test(num))) return m;
      return String(Math.round(n * factor));
    },
  );
  // "million barrels", "over a million": a million without a figure before it is one million.
  text = text.replace(/(^|[^0-9\s])(\s*)\bmillions?\b/g, '$1$2 1000000');
  return text.replace(/[^a-z0-9]+/g, ' ').trim();
}

const WORD = /[a-z0-9]+/g;

/**
 * The words of a text, normalized: `tokenize(normalizeText(text))`, in one pass over ASCII text with nothing to
 * rewrite (most text), where the words are the runs of letters and digits.
 */
export function normalizeWords(input: string): string[] {
  const text = input.length > MAX_QUESTION_CHARS ? input.slice(0, MAX_QUESTION_CHARS) : input;
  const lower = text.toLowerCase();
  if (!ASCII.test(text) || APOSTROPHE.test(lower) || MAY_HAVE_NUMBER.test(lower)) return tokenize(normalizeText(text));
  return lower.match(WORD) ?? [];
}

/** Splits normalized text into words. */
export function tokenize(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}
