// Which language a question is written in. The script decides most of it: Hangul is Korean, kana is Japanese,
// Han alone is Chinese, Cyrillic is Russian or Ukrainian (their own letters tell which). Latin text is English
// unless ELD (a language detector with n-gram models, `eld`) finds Spanish, German or French with a clear lead and
// fewer than half of its words are English: the matcher is fitted on English, and an English question read as
// French would lose its answer.
//
// ELD's model takes about a third of a second to load, so it loads in the background (`loadLanguageDetector`);
// until it has, Latin text is read as English. The command line awaits it before its first answer.
import { LANGUAGES, type Language } from '../../schema.js';
import { isDictionaryWord } from '../dictionary.js';
import { normalizeWords } from '../normalize.js';

interface Detector {
  detect(text: string): { language: string; getScores(): Record<string, number>; isReliable(): boolean };
  setLanguageSubset(languages: string[]): unknown;
}

let detector: Detector | null = null;
let loading: Promise<void> | null = null;

/** Loads the Latin-script detector once; resolves when it is ready (or failed: Latin text then stays English). */
export function loadLanguageDetector(): Promise<void> {
  loading ??= import('eld/small')
    .then(({ eld }) => {
      eld.setLanguageSubset([...LANGUAGES]);
      detector = eld;
    })
    .catch(() => undefined);
  return loading;
}

/** How far ahead of English a Latin-script language must score to be taken (ELD's scores are 0..1). */
const LEAD_OVER_ENGLISH = 0.15;
const LATIN_LANGUAGES = new Set<string>(['es', 'de', 'fr']);

const HANGUL = /\p{Script=Hangul}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const UKRAINIAN_LETTERS = /[іїєґ]/iu;
const RUSSIAN_LETTERS = /[ыэъё]/iu;

/** The question's language: one of LANGUAGES, English when nothing says otherwise. */
export function detectLanguage(text: string): Language {
  const counts = { hangul: 0, kana: 0, han: 0, cyrillic: 0, latin: 0 };
  for (const ch of text.slice(0, 2000)) {
    if (HANGUL.test(ch)) counts.hangul += 1;
    else if (KANA.test(ch)) counts.kana += 1;
    else if (HAN.test(ch)) counts.han += 1;
    else if (CYRILLIC.test(ch)) counts.cyrillic += 1;
    else if (LATIN.test(ch)) counts.latin += 1;
  }
  const cjk = counts.hangul + counts.kana + counts.han;
  // Latin letters count for less: names, handles and links in Latin letters are common in any language's post.
  if (cjk + counts.cyrillic > counts.latin / 3) {
    if (counts.hangul >= Math.max(counts.kana, 1) && counts.hangul * 2 >= counts.han) return 'ko';
    if (counts.kana > 0 && cjk >= counts.cyrillic) return 'ja';
    if (counts.han > counts.cyrillic) return 'zh';
    if (counts.cyrillic > 0) return cyrillicLanguage(text);
  }
  if (!counts.latin || !detector || mostlyEnglishWords(text)) return 'en';
  const result = detector.detect(text);
  if (!LATIN_LANGUAGES.has(result.language) || !result.isReliable()) return 'en';
  const scores = result.getScores();
  const lead = (scores[result.language] ?? 0) - (scores.en ?? 0);
  return lead >= LEAD_OVER_ENGLISH ? (result.language as Language) : 'en';
}

/** Half or more of the words are English dictionary words ("un oil cap nk"): short English reads like French to n-grams. */
function mostlyEnglishWords(text: string): boolean {
  const words = normalizeWords(text).filter((w) => w.length >= 2 && !/^\d+$/.test(w));
  return words.filter(isDictionaryWord).length * 2 >= words.length;
}

function cyrillicLanguage(text: string): Language {
  const ukrainian = UKRAINIAN_LETTERS.test(text);
  const russian = RUSSIAN_LETTERS.test(text);
  if (ukrainian !== russian) return ukrainian ? 'uk' : 'ru';
  if (detector) {
    const found = detector.detect(text).language;
    if (found === 'uk' || found === 'ru') return found;
  }
  return 'ru';
}
