// Hostile input, property-based (fast-check): any Unicode, 10,000-character strings, Markdown and mention syntax,
// JSON that is deeply nested, mistyped or reuses ids. Every input must give one of two results, in bounded time: a
// clear rejection naming the field, or a reply inside Discord's limits. Never a throw. The number of cases tried
// is printed at the end.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import claim from '../src/commands/claim/index.js';
import { MODAL_FIELDS, parseModalInput, type ModalField, type ModalValues } from '../src/commands/claim/modalInput.js';
import { notSavedView } from '../src/commands/claim/views/form.js';
import { addedView } from '../src/commands/claim/views/saved.js';
import factcheck from '../src/commands/factcheck/index.js';
import { answerReply, factcheckChoices } from '../src/commands/factcheck/views.js';
import { Cooldowns } from '../src/commands/shared/cooldowns.js';
import type { BotContext, ReplyPayload } from '../src/commands/shared/types.js';
import { checkClaimFile } from '../src/cli/claimFile.js';
import { UsageError } from '../src/cli/run.js';
import { parseEnv } from '../src/config/env.js';
import { consoleContext } from '../src/console/offlineConsole.js';
import { KnowledgeBase, readClaimRecords, ValidationError, type ClaimRecords } from '../src/knowledge/index.js';
import { createLogger } from '../src/log.js';
import { choiceProblems, payloadProblems, sentMessageProblems } from './support/discordLimits.js';
import { startTestBot } from './support/botHarness.js';
import { CaseCounter, hostilePiece, hostileShort, hostileText, wellFormed } from './support/hostile.js';
import { runCli, tempDatabasePath, tempFolder } from './support/knowledge.js';

const GUILD = '5500000000000000001';
const MODERATOR = '5500000000000000002';
/** A rejection must be one readable line: no control, format or line-separator characters, and not a wall of text. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const LINE_MAX = 400;

const counter = new CaseCounter();
const outcomes = { modalAccepted: 0, modalRejected: 0, fileAccepted: 0, fileRejected: 0 };
let kb: KnowledgeBase;
let ctx: BotContext;

beforeAll(async () => {
  kb = await KnowledgeBase.open({ databasePath: tempDatabasePath() });
  ctx = consoleContext({ kb, env: parseEnv({}), log: createLogger('silent'), cooldowns: Cooldowns.off() }, () => undefined);
});
afterAll(async () => {
  await kb?.close();
  console.log(
    `${counter.report('Hostile input (fast-check)')}\n` +
      `  modal: ${outcomes.modalAccepted} accepted and rendered, ${outcomes.modalRejected} rejected naming the field\n` +
      `  import file: ${outcomes.fileAccepted} accepted, ${outcomes.fileRejected} rejected naming the file or field`,
  );
});

/**
 * Runs one case, counted. What a member sees is asserted by each property (a reply within Discord's limits, a
 * rejection as one readable line); how fast is not: a wall-clock bound per case failed on a busy machine while the
 * bot was fine. A case that never ends (a pathological input) still fails the file at vitest's test timeout, and
 * speed is measured by the benchmarks (`npm run bench`), as the developers' guide asks.
 */
async function countedCase<T>(property: string, fn: () => Promise<T>): Promise<T> {
  return counter.run(property, fn);
}

/** /factcheck's reply to a question, as a member of `guildId` (or someone outside any server) asks it. */
async function factcheckReply(guildId: string | null, question: string, ephemeral: boolean): Promise<ReplyPayload> {
  const caller = { userId: MODERATOR, guildId, moderator: false };
  return (await factcheck.run(ctx, { caller, input: { question, private: ephemeral } })) as ReplyPayload;
}

/** /claim's id autocomplete for a moderator, on a subcommand that shows any claim visible here. */
const idChoices = (typed: string) =>
  claim.autocomplete!(ctx, { caller: { userId: MODERATOR, guildId: GUILD, moderator: true }, subcommand: 'show', typed });

function expectReadableLine(line: string, what: string): void {
  expect(line, `${what} must be one line`).not.toMatch(UNPRINTABLE);
  expect(line.length, `${what} must be short`).toBeLessThanOrEqual(LINE_MAX);
}

describe('questions: the matcher and /factcheck replies', () => {
  it('answers any question with a reply inside Discord limits, never a throw, in bounded time', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.boolean(), fc.constantFrom(GUILD, null), async (question, ephemeral, guildId) => {
        await countedCase('factcheck question → reply', async () => {
          const reply = await factcheckReply(guildId, question, ephemeral);
          expect(payloadProblems(reply), JSON.stringify(question.slice(0, 200))).toEqual([]);
        });
      }),
      // A single 10,000-letter word: every letter a typo-correction candidate, unless the corrector bounds it.
      {
        numRuns: 400,
        examples: [
          ['tankers'.repeat(1430), false, GUILD],
          ['ü'.repeat(10_000), true, null],
        ],
      },
    );
  });

  it('autocompletes any partial text with at most 25 valid choices (/factcheck and /claim ids)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.constantFrom(GUILD, null), async (typed, guildId) => {
        await countedCase('autocomplete → choices', async () => {
          expect(choiceProblems(factcheckChoices(await kb.scope(guildId).autocomplete(typed)))).toEqual([]);
          expect(choiceProblems(await idChoices(typed))).toEqual([]);
        });
      }),
      { numRuns: 300 },
    );
  });
});

// ----- the claim modal and its source lines ------------------------------------------------------------------

// Weighted towards valid values, so that many forms are saved and their claims rendered too.
const confidenceText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('confirmed', 'alleged', ' Alleged ', 'CONFIRMED') },
  { weight: 1, arbitrary: fc.constantFrom('confirmed\u200b', 'maybe', '') },
  { weight: 1, arbitrary: hostileShort },
);
const urlText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', 'https://example.org/report', 'http://example.org/a?b=c#d', 'https://evil.example/)](x') },
  { weight: 2, arbitrary: hostileShort.map((s) => `https://example.org/${encodeURIComponent(s)}`) },
  { weight: 1, arbitrary: fc.constantFrom('javascript:alert(1)', 'ftp://example.org', 'https://') },
  { weight: 1, arbitrary: hostileShort },
);
const dateText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', '2024-06-01') },
  { weight: 1, arbitrary: fc.constantFrom('2024-13-45', '2024-02-30', '01/06/2024') },
  { weight: 1, arbitrary: hostileShort },
);
/** One line of the sources box: `name | url | date | quote`, some columns left out, hostile text in each. */
const sourceLine = fc
  .tuple(fc.oneof(hostileShort, fc.constantFrom('Reuters', 'Council minutes')), urlText, dateText, fc.oneof(fc.constant(''), hostileShort))
  .chain(([name, url, date, quote]) => fc.constantFrom([name, url, date, quote].join(' | '), [name, url].join(' | '), name, `${name} | | ${date}`));
const sourcesText = fc.oneof(
  fc.array(sourceLine, { minLength: 0, maxLength: 12 }).chain((lines) => fc.constantFrom(lines.join('\n'), lines.join('\r\n'), lines.join('\n\n'))),
  hostileText,
);
const fieldText: Record<ModalField, fc.Arbitrary<string>> = {
  statement: fc.oneof(
    hostileText,
    fc.array(hostilePiece, { minLength: 1, maxLength: 12 }).map((p) => p.join(' ')),
  ),
  answer: fc.oneof(
    hostileText,
    fc.array(hostilePiece, { minLength: 1, maxLength: 40 }).map((p) => p.join(' ')),
  ),
  confidence: confidenceText,
  claimant: fc.oneof(fc.constant(''), hostileText),
  sources: sourcesText,
};
/** A submitted form; a forged submit may leave fields out. */
const modalValues = fc.record(fieldText, { requiredKeys: ['statement', 'answer', 'confidence', 'sources'] });

const FIELD_PROBLEM = /^(statement|answer|confidence|claimant|sources( line \d+(: (name|url|date|quote))?)?|\(record\)): \S/;

describe('the claim modal and its source lines', () => {
  it('turns any submitted form into a saved claim shown inside Discord limits, or problems that each name the field', async () => {
    await fc.assert(
      fc.asyncProperty(modalValues, async (values) => {
        await countedCase('modal form → claim or problems', async () => {
          const result = parseModalInput(values);
          const typed = Object.fromEntries(MODAL_FIELDS.map((f) => [f, values[f] ?? ''])) as ModalValues;
          if (result.ok) {
            outcomes.modalAccepted++;
            const saved = await kb.scope(GUILD).add(result.input, { by: MODERATOR });
            expect(payloadProblems(addedView(saved))).toEqual([]);
            expect(payloadProblems(answerReply(saved, false, { askedId: 1 }))).toEqual([]);
            return;
          }
          outcomes.modalRejected++;
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) {
            expect(problem).toMatch(FIELD_PROBLEM);
            expectReadableLine(problem, 'a modal problem');
          }
          expect(payloadProblems(notSavedView('please fix:', result.problems, typed))).toEqual([]);
        });
      }),
      { numRuns: 400 },
    );
  });
});

// ----- the import file reader ---------------------------------------------------------------------------------

const folder = tempFolder();
let fileNumber = 0;

/** A value of any JSON type, or hostile text: what a mistyped field holds. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostileText);
const validSource = { name: 'Council minutes', url: 'https://example.org/minutes', date: '2026-03-04' };
/** Claim-like records: each field valid, mistyped or hostile; ids from a small set so files reuse them; stray keys. */
const claimRecord = fc.record(
  {
    id: fc.oneof(fc.constantFrom('tram-line', 'ferry-closed', 'bakery-opened', 'Bad Id', ''), anyValue),
    statement: fc.oneof(fc.constant('The council approved the tram line.'), anyValue),
    answer: fc.oneof(fc.constant('By 31 votes to 12.'), anyValue),
    confidence: fc.oneof(fc.constantFrom('confirmed', 'alleged'), anyValue),
    claimant: fc.oneof(fc.constant('The mayor'), anyValue),
    sources: fc.oneof(fc.constant([validSource]), fc.array(fc.oneof(fc.constant(validSource), anyValue), { maxLength: 12 }), anyValue),
    questions: fc.oneof(fc.array(hostileShort, { maxLength: 25 }), anyValue),
    keywords: fc.oneof(fc.array(hostileShort, { maxLength: 35 }), anyValue),
    status: fc.oneof(fc.constantFrom('active', 'retired'), anyValue),
    createdAt: fc.oneof(fc.constant('2026-01-01T00:00:00.000Z'), anyValue),
    [`${'\u202e'}evil\nkey`]: anyValue,
  },
  { requiredKeys: [] },
);
/** JSON nested `depth` levels deep (arrays or objects), around a value. */
function nested(depth: number, kind: 'array' | 'object', inner = '1'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}
const deeplyNested = fc
  .tuple(
    fc.integer({ min: 100, max: 20_000 }),
    fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>,
    fc.constantFrom('top', 'statement', 'sources', 'record'),
  )
  .map(([depth, kind, where]) => {
    const deep = nested(depth, kind);
    if (where === 'top') return deep;
    if (where === 'record') return `[${deep}]`;
    return JSON.stringify([{ statement: 'x', answer: 'y', confidence: 'confirmed', sources: [validSource] }]).replace(
      where === 'statement' ? '"x"' : JSON.stringify([validSource]),
      deep,
    );
  });
const fileText = fc.oneof(
  { weight: 4, arbitrary: fc.array(claimRecord, { maxLength: 8 }).map((records) => JSON.stringify(records)) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.array(claimRecord, { maxLength: 4 }).map((r) => JSON.stringify(r).slice(0, -1)) },
);

const RECORD_PROBLEM = /^claim \d+( \([a-z0-9-]+\))?: [\w.()]+: \S/;

/** A field that is mostly valid, and otherwise of any JSON type or hostile text. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 40, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
/** ClaimReview records as they come: each field valid, mistyped or hostile. */
const reviewRecord = fc.record(
  {
    '@type': mostly(fc.constantFrom('ClaimReview', ['ClaimReview'], 'schema:ClaimReview')),
    claimReviewed: fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom('The tram line was approved.', 'The ferry stops in winter.') },
      hostileText,
      anyValue,
    ),
    url: mostly(fc.constantFrom('https://example.org/fc/1', 'https://example.org/fc/2')),
    datePublished: mostly(fc.constantFrom('2026-03-02', '2026-03-02T10:00:00+01:00', '2026-03-02 10:00')),
    author: mostly(fc.constantFrom({ '@type': 'Organization', name: 'Example Checkers' }, [{ '@type': 'Person', name: 'A. Checker' }], 'A checker')),
    reviewRating: mostly(
      fc.record(
        {
          alternateName: fc.oneof({ weight: 30, arbitrary: fc.constantFrom('False', 'True', 'Alleged', 'Faux') }, hostileShort, anyValue),
          ratingValue: mostly(fc.integer({ min: 1, max: 5 })),
          bestRating: fc.constant(5),
          worstRating: fc.constant(1),
        },
        { requiredKeys: ['alternateName'] },
      ),
    ),
    itemReviewed: mostly(
      fc.record(
        {
          '@type': fc.constant('Claim'),
          author: mostly(fc.constantFrom({ '@type': 'Person', name: 'The mayor', jobTitle: 'Mayor' }, 'The mayor', [{ name: 'A' }, { name: 'B' }])),
          appearance: mostly(
            fc.oneof(
              fc.constant('https://example.org/post/1'),
              fc.array(
                mostly(fc.constantFrom('https://example.org/p', { '@type': 'CreativeWork', url: 'https://example.org/w', headline: 'H', text: 'T' })),
                { maxLength: 12 },
              ),
            ),
          ),
          firstAppearance: mostly(fc.constant({ '@type': 'CreativeWork', url: 'https://example.org/p' })),
          datePublished: mostly(fc.constant('2026-02-28')),
        },
        { requiredKeys: [] },
      ),
    ),
    identifier: mostly(fc.oneof(fc.uuid(), fc.integer({ min: 1, max: 1e9 }))),
    keywords: mostly(fc.constantFrom('tram, council', ['ferry'])),
    inLanguage: anyValue,
    [`${'\u202e'}evil\nkey`]: anyValue,
  },
  { requiredKeys: ['@type', 'claimReviewed', 'reviewRating'] },
);
/** The shapes a ClaimReview file takes, or anything else at all. */
const reviewDocument = fc.oneof(
  reviewRecord,
  fc.array(reviewRecord, { maxLength: 5 }),
  fc
    .array(reviewRecord, { maxLength: 4 })
    .map((nodes) => ({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', '@id': '#page' }, ...nodes] })),
  fc
    .array(reviewRecord, { maxLength: 4 })
    .map((items) => ({ '@type': 'DataFeed', dataFeedElement: items.map((item) => ({ '@type': 'DataFeedItem', item })) })),
  fc.jsonValue({ maxDepth: 4 }),
);
const REVIEW_PROBLEM = /^(record \d+|element \S+|the file|no ClaimReview record)/;

describe('the import file reader', () => {
  it('reads any file into checked claims, or rejects it with lines naming the file, the claim and the field', async () => {
    await fc.assert(
      fc.asyncProperty(fileText, async (text) => {
        const path = join(folder, `import-${fileNumber++}.json`);
        writeFileSync(path, wellFormed(text));
        await countedCase('import file → claims or problems', async () => {
          let records: ClaimRecords;
          try {
            records = checkClaimFile(path);
          } catch (error) {
            outcomes.fileRejected++;
            if (error instanceof UsageError) {
              expect(error.message.startsWith(`${path}: `)).toBe(true);
              expectReadableLine(error.message.slice(path.length), 'a file problem');
              return;
            }
            expect(error).toBeInstanceOf(ValidationError);
            for (const issue of (error as ValidationError).issues) {
              expect(issue).toMatch(RECORD_PROBLEM);
              expectReadableLine(issue, 'a claim problem');
            }
            return;
          }
          outcomes.fileAccepted++;
          // A file that passes the checks imports; the only refusal left is an id another scope owns.
          try {
            await kb.scope(GUILD).import(records, { by: MODERATOR });
          } catch (error) {
            expect(error).toBeInstanceOf(ValidationError);
            for (const issue of (error as ValidationError).issues) expect(issue).toMatch(RECORD_PROBLEM);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('reads any ClaimReview file into claims that export, import into an empty base and export again the same, or rejects it by record and field', async () => {
    const other = await KnowledgeBase.open({ databasePath: tempDatabasePath() });
    let caseNumber = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            reviewDocument.map((d) => JSON.stringify(d)),
            deeplyNested,
          ),
          async (text) => {
            const path = join(folder, `claimreview-${fileNumber++}.json`);
            writeFileSync(path, wellFormed(text));
            const guild = `56${String(caseNumber++).padStart(10, '0')}`;
            // Reading hostile input is bounded in time; the writes after it are the store's, measured elsewhere.
            const records = await countedCase('ClaimReview file → claims, or problems', () => {
              try {
                return Promise.resolve(checkClaimFile(path, 'claimreview'));
              } catch (error) {
                outcomes.fileRejected++;
                const lines = error instanceof UsageError ? [error.message.slice(path.length + 2)] : (error as ValidationError).issues;
                if (!(error instanceof UsageError)) expect(error).toBeInstanceOf(ValidationError);
                for (const line of lines) {
                  if (!(error instanceof UsageError)) expect(line).toMatch(REVIEW_PROBLEM);
                  expectReadableLine(line, 'a ClaimReview problem');
                }
                return Promise.resolve(null);
              }
            });
            if (!records) return;
            outcomes.fileAccepted++;
            const options = { organisation: 'Example Desk', publicBaseUrl: 'https://factcheck.example.org' };
            // Ids are the base's, not a server's: the only refusal left is an identifier an earlier case's server owns.
            const ownedElsewhere = (error: unknown) =>
              error instanceof ValidationError && error.issues.every((i) => /: identifier: already used by another scope's claim$/.test(i));
            try {
              await kb.scope(guild).import(records, { by: MODERATOR });
              const first = await kb.scope(guild).export('claimreview', options);
              await other.scope(guild).import(readClaimRecords(first.content, 'claimreview'), { by: MODERATOR });
              const again = await other.scope(guild).export('claimreview', options);
              expect(JSON.stringify(again.content)).toBe(JSON.stringify(first.content));
            } catch (error) {
              if (!ownedElsewhere(error)) throw error;
            }
          },
        ),
        { numRuns: 200 },
      );
    } finally {
      await other.close();
    }
  });

  it('the claims CLI turns deeply nested, mistyped and duplicate-id files into exit code 2 and one line per problem', () => {
    const files = {
      nested: nested(50_000, 'array'),
      nestedField: JSON.stringify([{ statement: 'x', answer: 'y', confidence: 'confirmed', sources: [] }]).replace('[]', nested(20_000, 'object')),
      mistyped: JSON.stringify([{ id: 7, statement: ['x'], answer: { a: 1 }, confidence: true, sources: 'Reuters' }]),
      duplicateIds: JSON.stringify(
        [1, 2].map(() => ({ id: 'same-id', statement: 'S.', answer: 'A.', confidence: 'confirmed', sources: [validSource] })),
      ),
      hostileId: JSON.stringify([
        { id: `${'\u202e'}evil\n${'x'.repeat(10_000)}`, statement: '@everyone', answer: 'A.', confidence: 'confirmed', sources: [validSource] },
      ]),
    };
    for (const [name, text] of Object.entries(files)) {
      const path = join(folder, `${name}.json`);
      writeFileSync(path, text);
      const run = runCli('claims', ['import', path, '--guild', GUILD], { databasePath: tempDatabasePath() });
      expect(run.status, `${name}: ${run.stderr}`).toBe(2);
      const lines = run.stderr.trimEnd().split('\n');
      for (const line of lines) {
        expect(line.startsWith(`${path}: `), `${name}: ${line.slice(0, 200)}`).toBe(true);
        expectReadableLine(line.slice(path.length), `${name}: a CLI line`);
      }
      // One problem is one line; several end with a line counting them.
      expect(lines.at(-1)).toMatch(lines.length === 1 ? /; nothing imported$/ : /: \d+ problems; nothing imported$/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

// ----- a sample, sent through Discord ---------------------------------------------------------------------------

describe('a sample of hostile input sent through the fake Discord', () => {
  it('is answered inside the limits, and never with mentions parsed', async () => {
    const t = await startTestBot({ env: { MODERATOR_ROLE_IDS: '5500000000000000009' } });
    try {
      const questions = fc.sample(
        hostileText.filter((q) => q.trim().length > 0),
        { numRuns: 25, seed: 42 },
      );
      questions.push('@everyone @here <@&123456789012345678> did russia send north korea oil?', '[click](https://evil.example) @everyone pizza');
      for (const question of questions) {
        const { id } = t.fake.sendInteraction(
          t.fake.chatInput({ name: 'factcheck', options: { question: question.slice(0, 4000) }, guildId: GUILD }),
        );
        const callback = await t.fake.waitForCallback(id, 5000);
        expect(callback.type).toBe(4);
        expect(sentMessageProblems(callback.data)).toEqual([]);
      }
      // A hostile form that is refused echoes what was typed; one that is saved is shown. Neither pings anyone.
      const moderator = { guildId: GUILD, userId: MODERATOR, roles: ['5500000000000000009'] };
      const forms = fc
        .sample(modalValues, { numRuns: 15, seed: 7 })
        .map((v) => Object.fromEntries(Object.entries(v).map(([k, s]) => [k, s.slice(0, 4000)])));
      forms.push({
        statement: '@everyone the council <@&123456789012345678> approved it',
        answer: '@here yes',
        confidence: 'alleged',
        claimant: '<@123456789012345678>',
        sources: '@everyone | https://example.org | 2024-06-01',
      });
      for (const values of forms) {
        const sent = t.fake.sendInteraction(t.fake.modalSubmit({ customId: 'claim:add', components: values, ...moderator }));
        const callback = await t.fake.waitForCallback(sent.id, 5000);
        const data = callback.type === 5 ? await t.fake.waitForEdit(sent.token, 5000) : callback.data;
        expect(sentMessageProblems(data)).toEqual([]);
      }
      console.log(
        `Hostile input through the fake Discord: ${questions.length} questions, ${forms.length} forms, all inside limits, mentions never parsed`,
      );
    } finally {
      await t.stop();
    }
  }, 60_000);
});
