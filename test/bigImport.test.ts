// A newsroom's archive without ids, as a harness feeds it: 10,000 generated claims imported through `claims import`
// (half of them open with the same long phrase, so thousands share one slug; some statements are repeated), then
// 1,000 questions through `ask --json`. The import must take them all in one go, validate must agree with it,
// importing again must change nothing, and every question must get its answer line.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDatabasePath, tempFolder } from './support/knowledge.js';

const CLAIMS = Number(process.env.BIG_IMPORT_CLAIMS ?? 10_000);
const QUESTIONS = 1_000;

const TOWNS = ['Ashford', 'Bexley', 'Carlow', 'Dunmore', 'Elmstead', 'Fenwick', 'Glenrock', 'Harwick', 'Ivybridge', 'Jarrow'];
const TOWNS_2 = ['Kelso', 'Lydney', 'Morpeth', 'Newlyn', 'Oakham', 'Penrith', 'Quorn', 'Redruth', 'Selby', 'Thirsk'];
const PROJECTS = [
  'tram depot',
  'swimming pool',
  'bus station',
  'public library',
  'cycle bridge',
  'fish market',
  'sports hall',
  'town museum',
  'ferry pier',
  'wind farm',
];
const ACTIONS = ['approved', 'rejected', 'postponed', 'funded', 'cancelled', 'reviewed', 'extended', 'sold', 'closed', 'reopened'];
const YEARS = Array.from({ length: 10 }, (_, i) => 2016 + i);
const PREAMBLE = 'According to the regional planning office bulletin for the northern districts,';

/** The i-th generated claim, without an id; every 97th repeats an earlier statement word for word. */
function generated(i: number) {
  const n = i % 97 === 96 ? i - 1 : i;
  const town = (n % 2 ? TOWNS : TOWNS_2)[Math.floor(n / 2) % 10]!;
  const project = PROJECTS[Math.floor(n / 20) % 10]!;
  const action = ACTIONS[Math.floor(n / 200) % 10]!;
  const year = YEARS[Math.floor(n / 2000) % 10]!;
  const core = `the ${town} council ${action} the ${project} plan in ${year}`;
  const statement = n % 4 < 2 ? `${PREAMBLE} ${core}.` : `${core[0]!.toUpperCase()}${core.slice(1)}.`;
  return {
    statement,
    answer: `Council minutes record that ${core}.`,
    confidence: n % 3 ? 'confirmed' : 'alleged',
    ...(n % 3 ? {} : { claimant: `${town} residents' association` }),
    sources: [{ name: `${town} council minutes`, url: `https://example.org/${town.toLowerCase()}/minutes/${year}` }],
    keywords: [project, town],
  };
}

const figures = { importMs: 0, reimportMs: 0, askMs: 0, exact: 0, exactAsked: 0 };
afterAll(() => {
  if (!figures.importMs) return;
  console.log(
    `Big import: ${CLAIMS.toLocaleString('en')} claims without ids imported in ${(figures.importMs / 1000).toFixed(1)} s ` +
      `(again: ${(figures.reimportMs / 1000).toFixed(1)} s, nothing changed); ${QUESTIONS} questions through ask --json in ` +
      `${(figures.askMs / 1000).toFixed(1)} s; ${figures.exact} of ${figures.exactAsked} statements asked word for word answered with their claim`,
  );
});

describe(`${CLAIMS.toLocaleString('en')} claims without ids, then ${QUESTIONS} questions`, () => {
  it('imports in one go (validate agreeing), imports again changing nothing, and answers every question', () => {
    const file = join(tempFolder(), 'archive.json');
    const records = Array.from({ length: CLAIMS }, (_, i) => generated(i));
    writeFileSync(file, JSON.stringify(records));
    const databasePath = tempDatabasePath();

    expect(runCli('claims', ['validate', file], { databasePath })).toMatchObject({ status: 0, stdout: `${file}: ${CLAIMS} claims valid\n` });
    let started = performance.now();
    const imported = runCli('claims', ['import', file], { databasePath });
    figures.importMs = performance.now() - started;
    expect(imported.stderr).toBe('');
    expect(imported).toMatchObject({
      status: 0,
      stdout: `Imported ${CLAIMS} claims into the curated scope: ${CLAIMS} added, 0 updated, 0 unchanged\n`,
    });
    started = performance.now();
    expect(runCli('claims', ['import', file], { databasePath }).stdout).toBe(
      `Imported ${CLAIMS} claims into the curated scope: 0 added, 0 updated, ${CLAIMS} unchanged\n`,
    );
    figures.reimportMs = performance.now() - started;

    // The ids the import gave: every claim its own, each a valid id.
    const exported = JSON.parse(runCli('claims', ['export'], { databasePath }).stdout) as Array<{ id: string; statement: string }>;
    expect(exported.length).toBe(CLAIMS + 15);
    expect(new Set(exported.map((c) => c.id)).size).toBe(exported.length);
    expect(exported.filter((c) => !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(c.id) || c.id.length > 64)).toEqual([]);

    // 1,000 questions: the statements of 500 claims word for word, 300 rephrased, 200 about nothing in the base.
    const step = Math.max(1, Math.floor(CLAIMS / 500));
    const exact = Array.from({ length: 500 }, (_, k) => records[(k * step) % CLAIMS]!.statement);
    const rephrased = Array.from({ length: 300 }, (_, k) => {
      const r = records[(k * step * 3 + 1) % CLAIMS]!;
      return `did ${r.answer.replace('Council minutes record that ', '').replace(/\.$/, '')}?`;
    });
    const offTopic = Array.from({ length: 200 }, (_, k) => `who won the ${['chess', 'darts', 'rowing', 'tennis'][k % 4]} final number ${k}?`);
    const questions = [...exact, ...rephrased, ...offTopic];
    started = performance.now();
    const asked = runCli('ask', ['--json'], { databasePath, input: `${questions.join('\n')}\n`, timeoutMs: 240_000 });
    figures.askMs = performance.now() - started;
    expect(asked.stderr).toBe('');
    expect(asked.status).toBe(0);
    const answers = asked.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { question: string; match: { statement: string } | null });
    expect(answers.map((a) => a.question)).toEqual(questions);
    // A statement asked word for word: answered with a claim of that very statement (repeats have one each).
    figures.exactAsked = exact.length;
    figures.exact = answers.slice(0, exact.length).filter((a) => a.match?.statement === a.question).length;
    expect(figures.exact).toBeGreaterThanOrEqual(exact.length * 0.9);
    // Nothing in the base about sports finals: never answered with an archive claim.
    const archived = new Set(records.map((r) => r.statement));
    expect(answers.slice(exact.length + rephrased.length).filter((a) => a.match && archived.has(a.match.statement))).toEqual([]);
  }, 300_000);
});
