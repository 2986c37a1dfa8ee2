// Types for the language libraries that ship none: only what this project calls.
declare module 'snowball-stemmers' {
  export function newStemmer(language: string): { stem(word: string): string };
  export function algorithms(): string[];
}

declare module '@nlpjs/lang-uk' {
  export class StemmerUk {
    stemWord(word: string): string;
  }
}

declare module 'japanese-numerals-to-number' {
  export default function japaneseNumeralsToNumber(numerals: string): number;
}
