// One form for text that can be typed several ways: full-width letters and digits (ＡＢＣ１２３), and words that mix
// Cyrillic and Latin letters which look alike ("Pоссия" with a Latin P, "мiльйон" with a Latin i).

/** Latin letters that look like Cyrillic ones, and back. */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  k: 'к',
  m: 'м',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  h: 'н',
  b: 'в',
  t: 'т',
};
const CYRILLIC_TO_LATIN: Record<string, string> = Object.fromEntries(Object.entries(LATIN_TO_CYRILLIC).map(([latin, cyrillic]) => [cyrillic, latin]));
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /[a-z]/;
const MIXED_WORD = /[\p{L}\p{M}]+/gu;

/** Full-width and compatibility forms to their plain form (NFKC), lower case in the language's own rules. */
export function foldWidth(text: string, locale: string): string {
  return text.normalize('NFKC').toLocaleLowerCase(locale);
}

/**
 * A word that mixes Cyrillic and Latin letters is written in the script most of its letters use: the look-alike
 * letters of the other script are swapped. Words in one script are left as they are.
 */
export function foldLookAlikes(text: string): string {
  if (!CYRILLIC.test(text) || !LATIN.test(text)) return text;
  return text.replace(MIXED_WORD, (word) => {
    let cyrillic = 0;
    let latin = 0;
    for (const ch of word) {
      if (CYRILLIC.test(ch)) cyrillic += 1;
      else if (LATIN.test(ch)) latin += 1;
    }
    if (!cyrillic || !latin) return word;
    const table = cyrillic >= latin ? LATIN_TO_CYRILLIC : CYRILLIC_TO_LATIN;
    return [...word].map((ch) => table[ch] ?? ch).join('');
  });
}
