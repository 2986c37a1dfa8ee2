// What a member or a newsroom notices of the matcher beyond plain questions: a pasted post finds the claim it is
// about; a question about someone else, or about the claimant as if it acted, gets no confident answer; one
// server's claims never change another server's answers; and the model the matcher decides with is the one its fit
// script produces. (Wordings are our own, not the evaluation sets'.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { GUILD_A, GUILD_B, matchOf, MODERATOR, PROJECT_ROOT, tempDatabasePath, tramClaim } from './support/knowledge.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await KnowledgeBase.open({ databasePath: tempDatabasePath() });
});
afterAll(() => kb.close());

const answerTo = async (question: string, guildId: string | null = null) => (await matchOf(kb, question, guildId)).match?.claim.id ?? null;

describe('a pasted post finds its claim', () => {
  it.each([
    [
      'a tweet with its signature, a hashtag, an emoji and a link',
      'Forwarded 📢: satellite pictures prove Moscow has pumped over a million barrels of oil into North Korea since March!! #Sanctions https://t.co/x1 — Asia Watch (@asiawatch) June 3, 2024',
      'over-one-million-barrels-of-oil-since-march',
    ],
    [
      'a forwarded rumour in quotes',
      "my aunt sent me this: 'Kim's army now has 10,000 men in Ukraine fighting next to the Russians' true??",
      'north-korean-troops-deployed-to-ukraine',
    ],
    [
      'one claim among chatter',
      'Thread 🧵 Long day at work. Anyway, saw a post saying the Kremlin gave Pyongyang anti-aircraft missiles. Also my cat is sick. Is the missile thing real?',
      'russia-supplied-air-defence-missiles',
    ],
    [
      'who reports it set off by commas inside the sentence',
      'Over ten thousand North Korean soldiers are in Ukraine now, Seoul says, and some are fighting.',
      'north-korean-troops-deployed-to-ukraine',
    ],
  ])('%s', async (_how, post, expected) => {
    expect(await answerTo(post)).toBe(expected);
  });
});

describe('a word no claim or lexicon entry uses reaches the one WordNet relates it to', () => {
  it('reprisals are the retaliation the claim speaks of', async () => {
    expect(await answerTo('Is Pyongyang vowing reprisals against Seoul?')).toBe('north-korea-threatens-military-retaliation');
  });

  it('to recompense is to pay, as the claims of what North Korea gets for its soldiers say', async () => {
    expect(['oil-as-payment-for-arms-and-troops', 'weapons-for-troops-quid-pro-quo']).toContain(
      await answerTo('did moscow recompense pyongyang for the soldiers'),
    );
  });
});

describe('an actor the claim does not name, or names in another role, blocks a confident answer', () => {
  it.each([
    ['another country in the same role', "Did Iran's latest satellite launch fail?"],
    ['the claimant as if it acted', 'Did South Korea send weapons to Ukraine?'],
    ['two other countries', 'did china sell oil to iran'],
    ['who accuses and who is accused the other way round', 'Has Seoul accused Pyongyang of sending leaflets?'],
    ['who promises whom the other way round', 'Did Kim Jong Un give Putin guarantees of cooperation?'],
    ['the countries alone, nothing of what happened', 'anything on north korea and russia?'],
    ['who helps whom the other way round', 'Is Pyongyang helping Moscow build satellites?'],
    ['who supplies whom the other way round, with an exchange claim close by', 'Is North Korea supplying Russia with satellite know-how?'],
  ])('%s: %s', async (_why, question) => {
    expect(await answerTo(question)).toBeNull();
  });

  it.each([
    ['Has Pyongyang accused Seoul of sending leaflets?', 'north-korea-accuses-south-of-leaflets'],
    ['Did Putin give Kim Jong Un guarantees?', 'putin-guarantees-to-kim-jong-un'],
    ['Is Moscow helping Pyongyang build satellites?', 'russia-helping-satellite-technology'],
    ['Is Russia supplying North Korea with satellite know-how?', 'russia-helping-satellite-technology'],
  ])('answers the same question asked the way round the claim has it: %s', async (question, expected) => {
    expect(await answerTo(question)).toBe(expected);
  });

  it('still offers the nearest claim among the closest claims, never as the answer', async () => {
    const { match, suggestions } = await matchOf(kb, "Did Iran's latest satellite launch fail?", null);
    expect(match).toBeNull();
    expect(suggestions.map((s) => s.claim.id)).toContain('later-satellite-launch-failed');
  });
});

describe("one server's claims never change another server's answers", () => {
  it('answers, closest claims and their scores in server B stay the same while server A adds claims', async () => {
    const questions = [
      'how many barrels of oil has russia sent to north korea?',
      'did the council approve the tram line',
      'wat about the tramm line to the stadum',
      'north korean soldiers fighting in ukraine',
    ];
    const before = await Promise.all(questions.map((q) => matchOf(kb, q, GUILD_B)));
    // Server A brings its own words (and their misspellings' targets), term statistics and aliases.
    for (let i = 0; i < 30; i++) {
      await kb.scope(GUILD_A).add(
        tramClaim({
          id: `stadium-tram-${i}`,
          statement: `The tram line to the stadium ${i} was approved by the council, and North Korean oil barrels are unrelated.`,
          keywords: ['tramway', `stadium ${i}`, 'north korea oil'],
        }),
        { by: MODERATOR },
      );
    }
    const after = await Promise.all(questions.map((q) => matchOf(kb, q, GUILD_B)));
    const view = (r: Awaited<ReturnType<typeof matchOf>>) => ({
      match: r.match && { id: r.match.claim.id, score: r.match.score },
      suggestions: r.suggestions.map((s) => ({ id: s.claim.id, score: s.score })),
    });
    expect(after.map(view)).toEqual(before.map(view));
    // Server A itself sees its claims, its misspellings corrected against its own words ("tramwey" → tramway).
    const own = await matchOf(kb, 'did the council approve the tramwey to the stadium', GUILD_A);
    expect([own.match, ...own.suggestions].some((s) => s?.claim.id.startsWith('stadium-tram-'))).toBe(true);
  });
});

describe('the fitted model', () => {
  const shared = join(PROJECT_ROOT, '..', 'shared', 'eval', 'checkthat');
  it.skipIf(!existsSync(shared))(
    'is the one `npm run fit:matcher` produces from its data',
    () => {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/fitMatcher.ts', '--check'], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
        timeout: 240_000,
      });
      expect(run.stdout).toContain('model file matches the fit');
      expect(run.status, run.stdout + run.stderr).toBe(0);
    },
    240_000,
  );
});
