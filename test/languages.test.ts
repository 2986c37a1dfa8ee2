// Members ask in their own language, and moderators may write a server's claims in theirs: a question finds the
// claim written or translated in its language, numbers match whichever way they are written (digits, words, 만 and
// 万), look-alike letters of another script do not hide a word, and a question in one language never gets a claim in
// another by a guess. (Wordings are our own, not any evaluation set's.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { GUILD_A, GUILD_B, matchOf, MODERATOR, tempDatabasePath, tramClaim } from './support/knowledge.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await KnowledgeBase.open({ databasePath: tempDatabasePath(), awaitLanguageDetector: true });
  const a = kb.scope(GUILD_A);
  await a.add(
    tramClaim({
      id: 'tram-ru',
      statement: 'Городской совет одобрил строительство новой трамвайной линии до стадиона.',
      answer: 'Совет проголосовал 31 голосом против 12; строительство начнётся весной, на него выделено десять тысяч рублей.',
      questions: ['Одобрил ли совет трамвайную линию?'],
      keywords: ['трамвай'],
    }),
    { by: MODERATOR },
  );
  await a.add(
    tramClaim({
      id: 'bridge-ko',
      statement: '시의회가 강을 건너는 새 다리 건설을 승인했다.',
      answer: '시의회는 다리 건설에 1만 명의 주민이 서명한 청원을 받은 뒤 승인했다.',
      questions: ['시의회가 다리를 승인했나요?'],
      keywords: ['다리'],
    }),
    { by: MODERATOR },
  );
  await a.add(
    tramClaim({
      id: 'library-ja',
      statement: '市議会は新しい図書館の建設を承認した。',
      answer: '市議会は一万人の署名を受けて図書館の建設を承認した。',
      questions: ['図書館は承認されたの？'],
      keywords: ['図書館'],
    }),
    { by: MODERATOR },
  );
});
afterAll(() => kb.close());

const answerIn = async (question: string, guildId: string | null = GUILD_A) => (await matchOf(kb, question, guildId)).match?.claim.id ?? null;

describe('a claim written in another language', () => {
  it('records the language it is written in', async () => {
    const claims = await kb.scope(GUILD_A).list();
    expect(Object.fromEntries(claims.map((c) => [c.id, c.language]))).toMatchObject({ 'tram-ru': 'ru', 'bridge-ko': 'ko', 'library-ja': 'ja' });
  });

  it.each([
    ['Russian, other words', 'Правда ли, что совет одобрил трамвай до стадиона?', 'tram-ru'],
    ['Korean, particles differ', '시의회는 새 다리를 승인했어요?', 'bridge-ko'],
    ['Japanese, no spaces', '市議会が図書館を承認したって本当？', 'library-ja'],
  ])('is found by a question in that language (%s)', async (_how, question, expected) => {
    expect(await answerIn(question)).toBe(expected);
  });

  it('is found whichever way a number is written: words, 만 or 万, digits with separators', async () => {
    expect(await answerIn('Совет выделил 10 000 рублей на трамвайную линию?')).toBe('tram-ru');
    expect(await answerIn('10,000명이 다리 청원에 서명했나요?')).toBe('bridge-ko');
    expect(await answerIn('図書館に10000人が署名した？')).toBe('library-ja');
  });

  it('is found when a word mixes in look-alike letters of another script', async () => {
    // "трамвaй" and "cовет" with a Latin a and c.
    expect(await answerIn('Одобрил ли cовет трамвaйную линию?')).toBe('tram-ru');
  });

  it('is never the answer to a question in another language, nor in another server', async () => {
    expect(await answerIn('Did the council approve the new bridge?')).toBeNull();
    expect(await answerIn('Одобрил ли совет трамвайную линию?', GUILD_B)).toBeNull();
  });
});

describe('the curated base in eight languages', () => {
  it.each([
    ['ko', '러시아가 북한에 방공 미사일을 제공했나요?'],
    ['ja', 'ロシアは北朝鮮に防空ミサイルを提供したの？'],
    ['zh', '俄罗斯向朝鲜提供了防空导弹吗？'],
    ['ru', 'Россия передала КНДР зенитные ракеты?'],
    ['uk', 'Чи передала Росія КНДР зенітні ракети?'],
    ['es', '¿Rusia entregó misiles antiaéreos a Corea del Norte?'],
    ['de', 'Hat Russland Nordkorea Flugabwehrraketen geliefert?'],
    ['fr', 'La Russie a-t-elle fourni des missiles antiaériens à la Corée du Nord ?'],
  ])('answers a question in %s with its claim, read in that language', async (language, question) => {
    const answer = await kb.scope(null).answer(question, { log: false });
    expect(answer.claim?.id).toBe('russia-supplied-air-defence-missiles');
    expect(answer.language).toBe(language);
    expect(answer.claim?.translations[language as 'ko']?.statement).toBeTruthy();
  });
});

describe('questions in other languages, as members write them', () => {
  it.each([
    [
      'Korean native verbs in the past tense (보내줬나요, 넘겨줬어)',
      '러시아가 북한에 방공 미사일을 보내줬나요?',
      'russia-supplied-air-defence-missiles',
    ],
    [
      'Korean native verbs in the past tense (보내줬나요, 넘겨줬어)',
      '모스크바가 평양에 대공 미사일을 넘겨줬어?',
      'russia-supplied-air-defence-missiles',
    ],
    ['a German compound the claim writes apart', 'Hilft Moskau Pjöngjang mit Satellitentechnik?', 'russia-helping-satellite-technology'],
  ])('are answered with their claim: %s', async (_how, question, expected) => {
    expect(await answerIn(question, null)).toBe(expected);
  });

  it.each([
    ['ko', '중국이 북한에 방공 미사일을 보내줬나요?'],
    ['de', 'Liefert China Nordkorea Flugabwehrraketen?'],
    ['ru', 'Китай передал КНДР зенитные ракеты?'],
    ['de, by its adjective', 'Bringen chinesische Tanker Öl nach Nordkorea?'],
  ])('are not answered when they name another country than the claim does (%s)', async (_language, question) => {
    const answer = await kb.scope(null).answer(question, { log: false });
    expect(answer.claim).toBeNull();
  });
});
