// /factcheck, its autocomplete and buttons, and /about, through the real discord.js client and a fake Discord.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMBED_LIMITS } from '../src/commands/shared/limits.js';
import { LIMITS } from '../src/knowledge/index.js';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { claimOf, loggedQuestion } from './support/knowledge.js';

const GUILD_A = '2200000000000000001';
const GUILD_B = '2200000000000000002';
const AIR_DEFENCE = 'russia-supplied-air-defence-missiles';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t.stop();
});

type Embed = { title?: string; description?: string; color?: number; footer?: { text: string }; fields?: Array<{ name: string; value: string }> };
type Callback = {
  type: number;
  data?: {
    flags?: number;
    embeds?: Embed[];
    components?: Array<{ components: Array<{ custom_id: string; label: string }> }>;
    allowed_mentions?: unknown;
    content?: string;
    choices?: Array<{ name: string; value: string }>;
  };
};

async function ask(question: string, extra: { guildId?: string; private?: boolean; userId?: string } = {}): Promise<Callback> {
  const options: Record<string, string | boolean> = { question };
  if (extra.private !== undefined) options.private = extra.private;
  const { id } = t.fake.sendInteraction(
    t.fake.chatInput({ name: 'factcheck', options, guildId: extra.guildId ?? GUILD_A, ...(extra.userId ? { userId: extra.userId } : {}) }),
  );
  return (await t.fake.waitForCallback(id, 5000)) as Callback;
}

function embedSize(e: Embed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

describe('/factcheck', () => {
  it('answers a confident match publicly with the claim, its confidence badge, sources, review date and id', async () => {
    const cb = await ask('did moscow hand pyongyang anti-aircraft missiles?');
    expect(cb.type).toBe(4);
    expect(cb.data?.flags ?? 0).toBe(0);
    expect(cb.data?.allowed_mentions).toEqual({ parse: [] });
    const embed = cb.data!.embeds![0]!;
    const claim = (await claimOf(t.kb, AIR_DEFENCE, GUILD_A))!;
    expect(embed.title).toBe(claim.statement);
    expect(embed.description).toBe(claim.answer);
    expect(embed.fields!.map((f) => f.name)).toEqual(['Confidence', 'Source', 'Last reviewed']);
    expect(embed.fields![0]!.value).toContain('Alleged — claimed by Shin Wonsik');
    expect(embed.fields![0]!.value).toContain('not independently verified');
    expect(embed.fields![1]!.value).toContain('News report');
    expect(embed.fields![2]!.value).toBe(claim.reviewedAt.slice(0, 10));
    expect(embed.footer!.text).toContain(AIR_DEFENCE);
  });

  it('shows a confirmed claim with the green Confirmed badge', async () => {
    const cb = await ask("what's the UN yearly limit on oil for north korea");
    const embed = cb.data!.embeds![0]!;
    expect(embed.fields![0]!.value).toContain('Confirmed');
    expect(embed.color).toBe(0x2e9d5b);
  });

  it('answers only the asker when private is true', async () => {
    const cb = await ask('north korean soldiers fighting in ukraine', { private: true });
    expect(cb.data!.flags).toBe(64);
    expect(cb.data!.embeds![0]!.title).toContain('10,000');
  });

  it('offers the closest claims as buttons, without asserting one, and logs the question for moderators', async () => {
    const question = 'did belarus deploy soldiers into ukraine';
    const cb = await ask(question, { guildId: GUILD_B });
    const embed = cb.data!.embeds![0]!;
    expect(embed.title).toBe('No vetted answer to that exact question — closest claims:');
    const buttons = cb.data!.components![0]!.components;
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(3);
    expect(buttons[0]!.custom_id).toMatch(/^fc:pick:\d+-1$/);
    expect((await t.kb.scope(GUILD_B).unanswered()).map((u) => u.question)).toContain(question);

    // Choosing a suggestion shows that claim's answer.
    const askedId = Number(/^fc:pick:(\d+)-1$/.exec(buttons[0]!.custom_id)![1]);
    const claimId = loggedQuestion(t.dbPath, askedId, GUILD_B)!.suggested[0]!;
    const { id } = t.fake.sendInteraction(t.fake.button({ customId: buttons[0]!.custom_id, guildId: GUILD_B }));
    const shown = (await t.fake.waitForCallback(id)) as Callback;
    expect(shown.type).toBe(4);
    expect(shown.data!.embeds![0]!.footer!.text).toContain(claimId);
  });

  it('says plainly there is no vetted claim when nothing fits, and logs it', async () => {
    const cb = await ask('where is the best pizza in new york', { guildId: GUILD_B });
    const embed = cb.data!.embeds![0]!;
    expect(embed.title).toBe('No vetted claim');
    expect(embed.description).toBe(
      'There is no vetted claim for this question, so I will not guess. It has been passed to this server’s moderators.',
    );
    // The only button: to be told when a moderator adds an answer.
    expect(cb.data!.components!.map((r) => r.components.map((b) => [b.label, b.custom_id.replace(/\d+$/, 'N')]))).toEqual([
      [['Notify me', 'nt:me:N']],
    ]);
    expect((await t.kb.scope(GUILD_B).unanswered()).map((u) => u.question)).toContain('where is the best pizza in new york');
  });

  it('pings nobody when a question contains @everyone or a role mention', async () => {
    const cb = await ask('@everyone <@&123456789012345678> is russia sending oil to north korea??');
    expect(cb.data!.allowed_mentions).toEqual({ parse: [] });
    const cb2 = await ask('@everyone pizza toppings please');
    expect(cb2.data!.allowed_mentions).toEqual({ parse: [] });
  });

  it('answers a 3000-character question', async () => {
    const filler = 'so I was reading a long thread and people were arguing back and forth. ';
    const question =
      `${filler.repeat(Math.ceil(2900 / filler.length)).slice(0, 2900)} anyway: how many tanker trips carried russian oil to north korea?`.slice(
        0,
        3000,
      );
    expect(question.length).toBeGreaterThan(2900);
    const cb = await ask(question);
    expect(cb.type).toBe(4);
    expect(cb.data!.embeds![0]!.title).toContain('43');
  });

  it('keeps a claim with every field at its maximum inside Discord embed limits', async () => {
    const long = (n: number, c = 'x') => `${c.repeat(n - 6)} words`.slice(0, n);
    const claim = await t.kb.scope(GUILD_A).add(
      {
        statement: long(LIMITS.statement, 's'),
        answer: long(LIMITS.answer, 'a'),
        confidence: 'alleged',
        claimant: long(LIMITS.claimant, 'c'),
        sources: Array.from({ length: LIMITS.sources }, (_, i) => ({
          name: long(LIMITS.sourceName, String.fromCharCode(97 + i)),
          url: `https://example.org/${'p'.repeat(LIMITS.sourceUrl - 30)}`,
          date: '2024-06-01',
          quote: long(LIMITS.sourceQuote, 'q'),
        })),
        questions: Array.from({ length: LIMITS.questions }, (_, i) => `question number ${i}`),
        keywords: Array.from({ length: LIMITS.keywords }, (_, i) => `kw${i}`),
      },
      { by: '3300000000000000001' },
    );
    const cb = await ask(`claim:${claim.id}`);
    const embed = cb.data!.embeds![0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(embed.description!.length).toBeLessThanOrEqual(EMBED_LIMITS.description);
    for (const f of embed.fields!) expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
    expect(embedSize(embed)).toBeLessThanOrEqual(EMBED_LIMITS.total);
    expect(embed.fields![1]!.value.endsWith('…')).toBe(true);
  });

  it('survives Discord answering 500 and keeps answering the next question', async () => {
    t.fake.failNext(4, 500, undefined, '/callback');
    const first = t.fake.sendInteraction(t.fake.chatInput({ name: 'factcheck', options: { question: 'oil tankers' }, guildId: GUILD_A }));
    await t.fake.waitFor((r) => r.path.includes(first.id) && r.status === 500, 5000);
    const cb = await ask('russian oil tankers trips to north korea');
    expect(cb.type).toBe(4);
  });
});

describe('/factcheck autocomplete', () => {
  it('offers up to 25 claim statements for partial text, and picking one answers with exactly that claim', async () => {
    const { id } = t.fake.sendInteraction(t.fake.autocomplete({ name: 'factcheck', options: { question: 'oil barr' }, guildId: GUILD_A }));
    const cb = (await t.fake.waitForCallback(id)) as Callback;
    expect(cb.type).toBe(8);
    const choices = cb.data!.choices!;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    expect(choices[0]!.value).toBe('claim:over-one-million-barrels-of-oil-since-march');

    const picked = choices[1]!;
    const answer = await ask(picked.value);
    expect(answer.data!.embeds![0]!.footer!.text).toContain(picked.value.slice('claim:'.length));
  });

  it('never offers another server’s claims', async () => {
    await t.kb.scope(GUILD_A).add(
      {
        statement: 'Zorblax cooperative opened a bakery in the harbour.',
        answer: 'Per the co-op newsletter.',
        confidence: 'confirmed',
        sources: [{ name: 'Co-op newsletter' }],
      },
      { by: '3300000000000000001' },
    );
    const inA = t.fake.sendInteraction(t.fake.autocomplete({ name: 'factcheck', options: { question: 'zorbl' }, guildId: GUILD_A }));
    const inB = t.fake.sendInteraction(t.fake.autocomplete({ name: 'factcheck', options: { question: 'zorbl' }, guildId: GUILD_B }));
    const a = (await t.fake.waitForCallback(inA.id)) as Callback;
    const b = (await t.fake.waitForCallback(inB.id)) as Callback;
    expect(a.data!.choices!.map((c) => c.name)).toContain('Zorblax cooperative opened a bakery in the harbour.');
    expect(b.data!.choices!.map((c) => c.name)).not.toContain('Zorblax cooperative opened a bakery in the harbour.');
  });

  it('refuses to show another server’s claim from a forged button or a typed pick', async () => {
    const claim = await t.kb.scope(GUILD_A).add(
      {
        statement: 'Glimmerton council voted to close the ferry.',
        answer: 'Council minutes.',
        confidence: 'confirmed',
        sources: [{ name: 'Council minutes' }],
      },
      { by: '3300000000000000001' },
    );
    const { id } = t.fake.sendInteraction(t.fake.button({ customId: `fc:show:${claim.id}`, guildId: GUILD_B }));
    const cb = (await t.fake.waitForCallback(id)) as Callback;
    expect(cb.data!.flags).toBe(64);
    expect(cb.data!.content).toContain('not available');
    const typed = await ask(`claim:${claim.id}`, { guildId: GUILD_B });
    expect(JSON.stringify(typed.data)).not.toContain('Glimmerton council voted');
  });
});

describe('/about', () => {
  it('explains the confidence levels and counts this server’s claims', async () => {
    const { id } = t.fake.sendInteraction(t.fake.chatInput({ name: 'about', guildId: GUILD_B }));
    const cb = (await t.fake.waitForCallback(id)) as Callback;
    expect(cb.data!.flags).toBe(64);
    const text = JSON.stringify(cb.data!.embeds);
    expect(text).toContain('Confirmed');
    expect(text).toContain('Alleged');
    expect(text).toMatch(/\d+ active: \d+ in the curated base, 0 added by this server/);
  });
});

describe('cooldown', () => {
  it('tells a member who asks too fast to wait, privately', async () => {
    const slow = await startTestBot({ env: { FACTCHECK_COOLDOWN_SECONDS: '60' } });
    try {
      const send = () => slow.fake.sendInteraction(slow.fake.chatInput({ name: 'factcheck', options: { question: 'oil' }, guildId: GUILD_A }));
      const first = send();
      await slow.fake.waitForCallback(first.id);
      const second = send();
      const cb = (await slow.fake.waitForCallback(second.id)) as Callback;
      expect(cb.data!.flags).toBe(64);
      expect(cb.data!.content).toMatch(/try again in \d+ seconds/);
    } finally {
      await slow.stop();
    }
  });
});
