// Korean native verbs, reduced to the stem their other forms share: the past tense contracts the stem's last vowel
// with the ending (주 + 었 → 줬, 보내 + 었 → 보냈, 쏘 + 았 → 쐈, 넘기 + 었 → 넘겼), or adds a syllable of its own
// (받 + 았 → 받았), and a verb done for someone takes the auxiliary 주다 (보내 + 주 → 보내준, 넘겨줬다). So 줬다, 줬나요,
// 보냈어, 보내준, 쐈지 and 넘겨줬다 read 주, 주, 보내, 보내, 쏘 and 넘겨. Hangul syllables are taken apart and put
// together by es-hangul.
import { combineCharacter, disassembleCompleteCharacter } from 'es-hangul';

/** The final consonant of the past tense. */
const PAST = 'ㅆ';
/** A contracted vowel and the stem's own vowel before it (줬 → 주, 봤 → 보, 됐 → 되, 겼 → 기). */
const UNCONTRACTED: Readonly<Record<string, string>> = { ㅜㅓ: 'ㅜ', ㅗㅏ: 'ㅗ', ㅗㅐ: 'ㅗㅣ', ㅕ: 'ㅣ' };
/** A syllable that is the past tense on its own, after a stem that keeps its vowel (받았, 먹었, 하였). */
const PAST_SYLLABLE = new Set(['았', '었', '였']);
/** The vowels a verb's connective form ends in (보내-, 넘겨-, 도와-), before the auxiliary 주다. */
const CONNECTIVE = new Set(['ㅏ', 'ㅓ', 'ㅐ', 'ㅔ', 'ㅕ', 'ㅗㅏ', 'ㅜㅓ']);
/** Syllables whose final ㅆ is their own, not the past tense (있다, "there is"): a word is cut after one. */
const OWN_FINAL = new Set(['있']);
/** The future or conjecture marker (보내겠다): a word is cut before it. */
const FUTURE = '겠';
/** The auxiliary 주다 in its forms that are not past tense (the past, 줬, is the contraction's). */
const AUXILIARY = new Set(['주', '줘', '준', '줄']);

const parts = (syllable: string) => disassembleCompleteCharacter(syllable);

/** The stem of a native verb form, or null when the word is not one this reads. */
export function koreanVerbStem(word: string): string | null {
  const chars = [...word];
  for (let k = 0; k < chars.length; k++) {
    const syllable = chars[k]!;
    if (OWN_FINAL.has(syllable)) return k + 1 < chars.length ? chars.slice(0, k + 1).join('') : null;
    if (syllable === FUTURE && k > 0) return withoutAuxiliary(chars.slice(0, k));
    const p = parts(syllable);
    if (!p || p.jongseong !== PAST) continue;
    if (k > 0 && PAST_SYLLABLE.has(syllable)) return withoutAuxiliary(chars.slice(0, k));
    const open = combineCharacter(p.choseong, UNCONTRACTED[p.jungseong] ?? p.jungseong, '');
    return withoutAuxiliary([...chars.slice(0, k), open]);
  }
  for (let k = 1; k < chars.length; k++) {
    if (AUXILIARY.has(chars[k]!) && connective(chars[k - 1]!)) return chars.slice(0, k).join('');
  }
  return null;
}

/** A stem without the auxiliary 주 that ends it after a connective form (보내주 → 보내; 주 on its own stays). */
function withoutAuxiliary(stem: string[]): string {
  const n = stem.length;
  if (n >= 2 && stem[n - 1] === '주' && connective(stem[n - 2]!)) return stem.slice(0, n - 1).join('');
  return stem.join('');
}

function connective(syllable: string): boolean {
  const p = parts(syllable);
  return p !== undefined && p.jongseong === '' && CONNECTIVE.has(p.jungseong);
}
