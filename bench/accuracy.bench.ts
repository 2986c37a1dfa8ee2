// Matcher accuracy beside plain fuse.js, on question sets in the eval format ({"q", "expect"} per line):
//   npm run bench:accuracy [-- FILE ...]   (default: ../shared/eval/dev-questions.jsonl and test/fixtures/*.jsonl)
// Plain fuse.js answers with its best hit (as a whole-question fuzzy search would); ours uses the real matcher.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Fuse from 'fuse.js';
import {
  Claim,
  ClaimSearch,
  curatedAliases,
  loadCuratedTranslations,
  loadLanguageDetector,
  readCuratedFile,
  withCuratedTranslations,
} from '../src/knowledge/index.js';

// The eval's topic judge lives beside the project (../shared), outside what TypeScript compiles.
const topicsModule: string = new URL('../../shared/eval/topics.mjs', import.meta.url).href;
const { judge } = (await import(topicsModule)) as { judge: (expect: string[], text: string | null) => boolean };

const NOW = '2026-11-26T00:00:00.000Z';
// The curated base as the bot holds it: with its translations, and each language's aliases.
await loadLanguageDetector();
const shipped = loadCuratedTranslations();
const claims = (readCuratedFile() as object[]).map((c) =>
  Claim.parse({
    ...(withCuratedTranslations(c, shipped) as object),
    createdAt: NOW,
    updatedAt: NOW,
    createdBy: 'curated',
    updatedBy: 'curated',
    status: 'active',
    guildId: null,
  }),
);
const index = new ClaimSearch(undefined, curatedAliases(shipped));
for (const claim of claims) index.upsert(claim);
const fuse = new Fuse(claims, { keys: ['statement', 'answer', 'questions', 'keywords'] });

// The sets the matcher's model is fitted on (the dev set and *-questions.jsonl), then the held-out ones it never
// saw (*-heldout.jsonl: their figures are the honest ones), then the everyday questions about other things.
const fixtures = readdirSync('test/fixtures').sort();
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      '../shared/eval/dev-questions.jsonl',
      ...fixtures.filter((f) => f.endsWith('-questions.jsonl')).map((f) => `test/fixtures/${f}`),
      ...fixtures.filter((f) => f.endsWith('-heldout.jsonl')).map((f) => `test/fixtures/${f}`),
      ...fixtures.filter((f) => f.endsWith('-offtopic.jsonl')).map((f) => `test/fixtures/${f}`),
    ].filter((f) => existsSync(f));
const text = (c: Claim | undefined) => (c ? `${c.statement} ${c.answer}` : null);

console.log('set                                     questions   answered right   wrong   false answers');
for (const file of files) {
  const cases = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { q: string; expect: string[] });
  const on = cases.filter((c) => c.expect.length);
  const off = cases.filter((c) => !c.expect.length);
  for (const [name, answer] of [
    ['ours', (q: string) => index.match(q, null).match?.claim],
    ['fuse.js', (q: string) => fuse.search(q, { limit: 1 })[0]?.item],
  ] as const) {
    if (!on.length && name !== 'ours') continue;
    const right = on.filter((c) => judge(c.expect, text(answer(c.q)))).length;
    const wrong = on.filter((c) => answer(c.q) && !judge(c.expect, text(answer(c.q)))).length;
    const falses = off.filter((c) => answer(c.q)).length;
    const label = `${file.split('/').pop()} (${name})`;
    console.log(
      `${label.padEnd(40)}${String(cases.length).padStart(9)}   ${(on.length ? `${right}/${on.length} (${Math.round((100 * right) / on.length)}%)` : '—').padStart(14)}   ${String(wrong).padStart(5)}   ${`${falses}/${off.length}`.padStart(13)}`,
    );
  }
}
