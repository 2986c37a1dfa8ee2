// Numbers written as words or in CJK numerals, rewritten to plain digits so that "десять тысяч", "diez mil",
// "1만 명" and "一万人" all read 10000, as "10,000" and "ten thousand" do in English. The number words come from
// n2words (it spells numbers in each language; the table here is those spellings read backwards), the kanji
// numerals are read by japanese-numerals-to-number.
import japaneseNumeralsToNumber from 'japanese-numerals-to-number';
import { toCardinal as deCardinal } from 'n2words/de-DE';
import { toCardinal as esCardinal } from 'n2words/es-ES';
import { toCardinal as frCardinal } from 'n2words/fr-FR';
import { toCardinal as ruCardinal } from 'n2words/ru-RU';
import { toCardinal as ukCardinal } from 'n2words/uk-UA';
import type { Language } from '../../schema.js';

type Spelled = 'ru' | 'uk' | 'es' | 'de' | 'fr';
const CARDINALS: Record<Spelled, (n: number) => string> = {
  ru: ruCardinal,
  uk: ukCardinal,
  es: esCardinal,
  de: deCardinal,
  fr: frCardinal,
};

/** The numbers whose spellings are looked for: small ones, round ones, and the scales with their plural forms. */
const SPELLED = [
  ...Array.from({ length: 100 }, (_, i) => i + 1),
  ...[200, 300, 400, 500, 600, 700, 800, 900],
  ...[1, 2, 3, 5, 10, 20, 50, 100, 200, 500].flatMap((k) => [k * 1_000, k * 1_000_000]),
];
const SCALES = [1_000, 1_000_000, 1_000_000_000];
const MAX_PHRASE = 4;

interface Spellings {
  /** A spelled number (its words joined by spaces) and its value. */
  phrases: Map<string, number>;
  /** The first word of each spelled number: most words start none, and are passed over at once. */
  starts: Set<string>;
  /** A scale word in any of its forms (тысяча, тысячи, тысяч) and its value. */
  scales: Map<string, number>;
}

const spellingsCache = new Map<Spelled, Spellings>();

function spellings(language: Spelled, words: (text: string) => string[]): Spellings {
  let found = spellingsCache.get(language);
  if (found) return found;
  const cardinal = CARDINALS[language];
  const phrases = new Map<string, number>();
  for (const n of SPELLED) {
    const key = words(cardinal(n)).join(' ');
    if (key && !phrases.has(key)) phrases.set(key, n);
  }
  // A scale's forms: the last word of "two thousand", "five thousand", "a thousand", "two million"...
  const scales = new Map<string, number>();
  for (const scale of SCALES) {
    for (const k of [1, 2, 5, 21]) {
      const spelled = words(cardinal(k * scale));
      const last = spelled[spelled.length - 1];
      if (last && spelled.length > 1 && !phrases.has(last)) scales.set(last, scale);
      else if (last && k === 1 && !scales.has(last)) scales.set(last, scale);
    }
  }
  const starts = new Set([...phrases.keys()].map((p) => p.split(' ')[0]!));
  found = { phrases, scales, starts };
  spellingsCache.set(language, found);
  return found;
}

/**
 * Rewrites spelled numbers in normalized, segmented words: the longest spelled number at each place, a scale word
 * after it or after digits ("10 тысяч"), becomes one word of digits. Spelled numbers under 10 stay words unless a
 * scale follows: "un" and "dos" are articles and pronouns as often as numbers.
 */
export function rewriteSpelledNumbers(language: Language, input: string[], words: (text: string) => string[]): string[] {
  if (!(language in CARDINALS)) return input;
  const { phrases, scales, starts } = spellings(language as Spelled, words);
  if (!input.some((w) => starts.has(w) || /^\d/.test(w))) return input;
  const out: string[] = [];
  let i = 0;
  while (i < input.length) {
    let value: number | undefined;
    let used = 0;
    if (!starts.has(input[i]!) && !/^\d/.test(input[i]!)) {
      out.push(input[i]!);
      i += 1;
      continue;
    }
    if (/^\d+$/.test(input[i]!)) {
      value = Number(input[i]);
      used = 1;
    } else {
      for (let n = Math.min(MAX_PHRASE, input.length - i); n >= 1; n--) {
        const found = phrases.get(input.slice(i, i + n).join(' '));
        if (found !== undefined) {
          value = found;
          used = n;
          break;
        }
      }
    }
    if (value === undefined) {
      out.push(input[i]!);
      i += 1;
      continue;
    }
    const scale = i + used < input.length ? scales.get(input[i + used]!) : undefined;
    if (scale !== undefined && value < scale) {
      value *= scale;
      used += 1;
    } else if (value < 10 && used === 1 && !/^\d/.test(input[i]!)) {
      out.push(input[i]!);
      i += 1;
      continue;
    }
    out.push(String(value));
    i += used;
  }
  return out;
}

const CJK_UNITS: Record<string, number> = {
  十: 10,
  百: 100,
  千: 1_000,
  万: 10_000,
  萬: 10_000,
  億: 100_000_000,
  亿: 100_000_000,
  兆: 1_000_000_000_000,
  십: 10,
  백: 100,
  천: 1_000,
  만: 10_000,
  억: 100_000_000,
};
/** Digits or kanji numerals with a unit after them: 1万, 10만, 一万, 三千, 100万. */
const CJK_NUMBER = /(\d+(?:\.\d+)?|[〇一二三四五六七八九两兩]*)([十百千万萬億亿兆]+|[십백천만억]+)/g;
const KANJI_DIGITS = /^[〇一二三四五六七八九两兩]*$/;

/** Rewrites "1만", "10万", "一万" and "三千" to digits in Korean, Japanese and Chinese text (before segmentation). */
export function rewriteCjkNumbers(text: string): string {
  if (!/[十百千万萬億亿兆십백천만억]/.test(text)) return text;
  return text.replace(CJK_NUMBER, (match, lead: string, units: string, offset: number) => {
    // A lone unit is a syllable or a word as often as a number ("千里", "만약"); two units are a number (十万, 百万).
    if (!lead && [...units].length < 2) return match;
    // Korean units only after digits: "천" and "만" are also syllables of ordinary words.
    if (/[십백천만억]/.test(units) && !/^\d/.test(lead)) return match;
    const before = text[offset - 1];
    if (before && /[\p{Script=Han}]/u.test(before) && !/^\d/.test(lead)) return match;
    let value: number;
    if (/^\d/.test(lead)) {
      value = Number(lead);
      for (const unit of units) value *= CJK_UNITS[unit] ?? 1;
    } else {
      if (!KANJI_DIGITS.test(lead) || /[십백천만억]/.test(units)) return match;
      try {
        value = japaneseNumeralsToNumber(
          (lead + units)
            .replace(/[两兩]/g, '二')
            .replace(/萬/g, '万')
            .replace(/亿/g, '億'),
        );
      } catch {
        return match;
      }
    }
    return Number.isFinite(value) ? ` ${Math.round(value)} ` : match;
  });
}
