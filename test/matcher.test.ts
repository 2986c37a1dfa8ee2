// What a user notices of the matcher, asked through the knowledge base: it answers questions however they are typed,
// abstains when the base has no vetted answer, and autocompletes partial input. (Wordings are our own, not the dev set's.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { GUILD_A, matchOf, MODERATOR, tempDatabasePath, tramClaim } from './support/knowledge.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await KnowledgeBase.open({ databasePath: tempDatabasePath() });
});
afterAll(() => kb.close());

const AIR_DEFENCE = 'russia-supplied-air-defence-missiles';
const TROOPS = 'north-korean-troops-deployed-to-ukraine';
const OIL_CLAIMS = [
  'over-one-million-barrels-of-oil-since-march',
  'un-oil-cap-500000-barrels',
  'oil-as-payment-for-arms-and-troops',
  'tankers-made-up-to-43-trips',
];

const answerTo = async (question: string) => (await matchOf(kb, question, null)).match?.claim.id ?? null;

describe('answers a question however it is typed', () => {
  it.each([
    ['typos', 'did rusia suplly the dprk with air defence misiles', AIR_DEFENCE],
    ['typos', 'how many troops did pyongyang send to ukrane', TROOPS],
    ['word order', 'air defence north korea russia supplied', AIR_DEFENCE],
    ['ALL CAPS', 'RUSSIA SENDING AIR DEFENSE TO NORTH KOREA???', AIR_DEFENCE],
    ['extra spaces', '   did    russia    send   air   defence   to   north   korea  ', AIR_DEFENCE],
    ['plain', 'is there a UN ceiling on oil for north korea', 'un-oil-cap-500000-barrels'],
    ['plain', 'did the north threaten to retaliate', 'north-korea-threatens-military-retaliation'],
    ['plain', 'what happened to the second satellite launch', 'later-satellite-launch-failed'],
  ])('%s: %s', async (_how, question, expected) => {
    expect(await answerTo(question)).toBe(expected);
  });

  it('returns for a 4000-character rambling question with an on-topic question inside (and asserts nothing else)', async () => {
    const chatter = 'So I was chatting with my neighbour over the fence yesterday, between complaints about his tomatoes, ';
    const question = `${chatter.repeat(12)}he asked whether russia really sent air defence missiles to north korea. ${chatter.repeat(30)}`.slice(
      0,
      4000,
    );
    expect(question).toHaveLength(4000);
    const result = await matchOf(kb, question, null);
    expect([null, AIR_DEFENCE]).toContain(result.match?.claim.id ?? null);
  });
});

describe('abstains when the base has no vetted answer', () => {
  it.each([
    ['off topic', 'best pizza in New York'],
    ['off topic', 'what is the weather in paris tomorrow'],
    ['near topic', 'Did China send troops to Ukraine?'],
    ['near topic', 'Did North Korea test an ICBM last week?'],
    ['near topic', 'did china sell oil to iran'],
    ['gibberish', 'qwpoeiru zxmcnv asdlkfj'],
    ['empty', ''],
    ['blank', '   \t  '],
    ['emoji only', '🙂🙂🚀🔥'],
  ])('%s: %j', async (_why, question) => {
    expect(await answerTo(question)).toBeNull();
  });

  it('never asserts a claim for gibberish or emoji, not even as a suggestion', async () => {
    for (const question of ['qwpoeiru zxmcnv asdlkfj', '🙂🙂🚀🔥', '']) expect((await matchOf(kb, question, null)).suggestions).toEqual([]);
  });
});

describe('who gives to whom', () => {
  it('answers a question that has the giver and receiver as the claim does, however it words them', async () => {
    expect(OIL_CLAIMS).toContain(await answerTo('Is Pyongyang receiving crude from Moscow?'));
  });

  it.each(['Is Pyongyang shipping crude to Moscow?', 'is north korea selling petroleum to the russians'])(
    'abstains when they are the other way round: %j',
    async (question) => {
      expect(await answerTo(question)).toBeNull();
    },
  );
});

describe('a bare keyword', () => {
  it('"oil" gives an oil claim as the answer or as suggestions', async () => {
    const { match, suggestions } = await matchOf(kb, 'oil', null);
    const offered = [match, ...suggestions].filter((s) => s !== null).map((s) => s.claim.id);
    expect(offered.length).toBeGreaterThan(0);
    for (const id of offered) expect(OIL_CLAIMS).toContain(id);
  });
});

describe('autocomplete', () => {
  it('"oil barr" ranks the oil-and-barrels claims first', async () => {
    const ids = (await kb.scope(null).autocomplete('oil barr')).map((c) => c.id);
    expect(OIL_CLAIMS).toContain(ids[0]);
    expect(ids.slice(0, 3)).toEqual(expect.arrayContaining(['over-one-million-barrels-of-oil-since-march', 'un-oil-cap-500000-barrels']));
  });

  it('"air def" ranks the air-defence claim first', async () => {
    expect((await kb.scope(null).autocomplete('air def'))[0]?.id).toBe(AIR_DEFENCE);
  });

  it('never offers more than 25 choices', async () => {
    for (let i = 0; i < 40; i++) {
      await kb
        .scope(GUILD_A)
        .add(
          tramClaim({ id: `oil-depot-${i}`, statement: `Oil depot number ${i} on the ring road was sold in ${1990 + i}.`, keywords: ['oil depot'] }),
          {
            by: MODERATOR,
          },
        );
    }
    for (const partial of ['', 'oil', 'oil dep', 'o', 'depot ']) {
      const choices = await kb.scope(GUILD_A).autocomplete(partial);
      expect(choices.length, partial).toBeLessThanOrEqual(25);
      expect(choices.length, partial).toBeGreaterThan(0);
    }
    expect((await kb.scope(null).autocomplete('oil dep')).map((c) => c.id).filter((id) => id.startsWith('oil-depot'))).toEqual([]);
  });
});
