// Replies in the member's language: the words of a reply (field names, the confidence badge, buttons, errors)
// follow the member's Discord locale, then the server's, then English; the claim itself is shown in the question's
// language when it has that translation, else in English with a line saying so; commands carry their names and
// descriptions in each language; and every language's texts have the same keys and placeholders as English.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aboutDefinition } from '../src/commands/about/definition.js';
import { checkDefinition } from '../src/commands/check/definition.js';
import { factcheckDefinition } from '../src/commands/factcheck/definition.js';
import { claimEmbed } from '../src/commands/shared/claimEmbed.js';
import { inLanguage } from '../src/commands/shared/i18n.js';
import { parseConsoleArgs } from '../src/console/consoleArgs.js';
import { LANGUAGES, loadCuratedTranslations } from '../src/knowledge/index.js';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { member, type Callback, type Who } from './support/discordPayloads.js';
import { PROJECT_ROOT } from './support/knowledge.js';

const LOCALES = join(PROJECT_ROOT, 'src/commands/shared/locales');
type Tree = { [key: string]: string | Tree };
const flatten = (tree: Tree, prefix = ''): Map<string, string> =>
  new Map(Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as const] : [...flatten(v, `${prefix}${k}.`)])));
const read = (language: string) => flatten(JSON.parse(readFileSync(join(LOCALES, `${language}.json`), 'utf8')) as Tree);
/** A key without its plural suffix (cooldown_one, cooldown_few… are the one text "cooldown"). */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the texts of each language', () => {
  const english = read('en');
  it('exist for every language the bot speaks', () => {
    expect(readdirSync(LOCALES).sort()).toEqual(LANGUAGES.map((l) => `${l}.json`).sort());
  });
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every English text, no other, with the same placeholders', (language) => {
    const texts = read(language);
    expect([...new Set([...texts.keys()].map(base))].sort()).toEqual([...new Set([...english.keys()].map(base))].sort());
    for (const [key, text] of texts) {
      const englishText = english.get(key) ?? english.get(`${base(key)}_other`) ?? '';
      expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(englishText));
    }
  });
});

describe('commands as Discord lists them', () => {
  it('carry their names and descriptions in every language (both Spanish and Chinese locales)', () => {
    for (const locale of ['ko', 'ja', 'zh-CN', 'zh-TW', 'ru', 'uk', 'es-ES', 'es-419', 'de', 'fr']) {
      expect(factcheckDefinition.description_localizations[locale], locale).toBeTruthy();
      expect(factcheckDefinition.options[0].description_localizations[locale], locale).toBeTruthy();
      expect(aboutDefinition.description_localizations[locale], locale).toBeTruthy();
      expect(checkDefinition.name_localizations[locale], locale).toBeTruthy();
    }
    // Discord's rule for a slash command's name in any language: lower case, no spaces.
    for (const name of Object.values(factcheckDefinition.name_localizations)) expect(name).toMatch(/^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u);
  });
});

describe('a reply', () => {
  const GUILD = '2600000000000000001';
  const asker = (locale: string, guildLocale = 'en-US'): Who & { locale: string; guildLocale: string } => ({
    ...member(GUILD, '2600000000000000102'),
    locale,
    guildLocale,
  });
  const curated = loadCuratedTranslations();
  const ko = curated.claims.get('ko')!.get('over-one-million-barrels-of-oil-since-march')!;
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.stop();
  });
  const ask = async (question: string, who: Who) => {
    const sent = t.fake.sendInteraction(t.fake.chatInput({ name: 'factcheck', options: { question }, ...who }));
    return (await t.fake.waitForCallback(sent.id, 5000)) as Callback;
  };

  it('to a Korean question from a Korean member is in Korean: the claim, its badge, its field names and buttons', async () => {
    const reply = await ask('러시아가 3월 이후 북한에 석유를 얼마나 보냈나요?', asker('ko'));
    const embed = reply.data!.embeds![0]!;
    expect(embed.title).toBe(ko.statement);
    expect(embed.description).toBe(ko.answer);
    const names = embed.fields!.map((f) => f.name);
    expect(names).not.toContain('Confidence');
    expect(embed.fields!.some((f) => f.value.includes(ko.claimant!))).toBe(true);
    const labels = (reply.data!.components ?? []).flatMap((r) => r.components ?? []).map((c) => c.label);
    expect(labels).not.toContain('Helpful');
  });

  it('follows the server’s locale when the member’s is one the bot does not speak, and English otherwise', async () => {
    const inGerman = await ask('did russia send over a million barrels of oil to north korea since march?', asker('pt-BR', 'de'));
    const inEnglish = await ask('did russia send over a million barrels of oil to north korea since march?', asker('pt-BR', 'pt-BR'));
    expect(inEnglish.data!.embeds![0]!.fields!.map((f) => f.name)).toContain('Confidence');
    expect(inGerman.data!.embeds![0]!.fields!.map((f) => f.name)).not.toContain('Confidence');
    // An English question gets the claim as written, with no note.
    expect(inGerman.data!.embeds![0]!.title).toBe(inEnglish.data!.embeds![0]!.title);
  });

  it('shows a claim without a translation in English, saying so in one line in the member’s language', async () => {
    const claim = await t.kb.scope(GUILD).add(
      {
        statement: 'The Riverside library opens on Sundays from May.',
        answer: 'The library board voted to open the Riverside branch on Sundays, starting in May.',
        confidence: 'confirmed',
        sources: [{ name: 'Library board minutes', url: 'https://example.org/minutes', date: '2026-03-02' }],
      },
      { by: '2600000000000000101' },
    );
    const asked = inLanguage('fr', () => claimEmbed(claim, null, 'ko'));
    expect(asked.title).toBe(claim.statement);
    expect(asked.description!.endsWith(claim.answer)).toBe(true);
    const note = asked.description!.slice(0, -claim.answer.length).trim();
    expect(note).not.toBe('');
    expect(note).not.toMatch(/translation/);
    expect(inLanguage('en', () => claimEmbed(claim, null, 'ko')).description).toMatch(/^\*This claim has no Korean translation yet/);
    expect(inLanguage('en', () => claimEmbed(claim, null, 'en')).description).toBe(claim.answer);
  });
});

describe('the console', () => {
  it('takes --lang, and refuses a language it does not speak in one line naming the option', () => {
    expect(parseConsoleArgs(['--lang', 'uk'])).toEqual({ lang: 'uk' });
    expect(parseConsoleArgs([])).toEqual({ lang: 'en' });
    expect(() => parseConsoleArgs(['--lang', 'xx'])).toThrow(/^--lang: must be one of en, ko/);
  });
});
