// Meeting members where the rumour is, through the real discord.js client and a fake Discord: "Fact-check this
// message" on a message, the app installed on a member's own account (a DM, a server that did not add the bot),
// and "Notify me" — a moderator's claim answering a waiting question tells each member who asked, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { EPHEMERAL, finalReply, member, moderator, NO_PINGS, type Callback, type Component, type Who } from './support/discordPayloads.js';
import { checkView } from '../src/commands/check/views.js';
import { payloadProblems, sentMessageProblems } from './support/discordLimits.js';
import { DEFAULT_CHANNEL_ID, startFakeDiscord, type FakeDiscord } from './support/fakeDiscord.js';
import { logQuestion, tempDatabasePath } from './support/knowledge.js';

const GUILD = '2500000000000000001';
const OTHER_GUILD = '2500000000000000002';
const MOD = '2500000000000000101';
const ASKER = '2500000000000000102';
const SECOND = '2500000000000000103';
const AIR_DEFENCE = 'russia-supplied-air-defence-missiles';
const mod: Who = moderator(GUILD, MOD);
const asker: Who = member(GUILD, ASKER);

const LIBRARY = {
  statement: 'The Riverside library opens on Sundays from May.',
  answer: 'The library board voted to open the Riverside branch on Sundays, 10:00–16:00, starting in May.',
  confidence: 'confirmed',
  claimant: '',
  sources: 'Library board minutes | https://example.org/board/minutes | 2026-03-02',
};
const LIBRARY_QUESTION = 'Is the Riverside library open on Sundays?';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.stop();
});

async function reply(sent: { id: string; token: string }, fake: FakeDiscord = t.fake): Promise<Callback> {
  return (await fake.waitForCallback(sent.id, 5000)) as Callback;
}

function checkMessage(target: Record<string, unknown>, who: Who = asker, extra: Record<string, unknown> = {}, fake: FakeDiscord = t.fake) {
  return fake.sendInteraction(fake.messageCommand({ name: 'Fact-check this message', target, ...who, ...extra }));
}

function factcheck(
  question: string,
  who: Who,
  extra: { private?: boolean; installedBy?: 'guild' | 'user' | 'both' } = {},
  fake: FakeDiscord = t.fake,
) {
  const { private: hidden, ...rest } = extra;
  const options = { question, ...(hidden === undefined ? {} : { private: hidden }) };
  return fake.sendInteraction(fake.chatInput({ name: 'factcheck', options, ...who, ...rest }));
}

/** What the member finally sees for an interaction the bot may acknowledge first (a "Notify me" press writes). */
const settle = (sent: { id: string; token: string }, fake: FakeDiscord = t.fake) => finalReply(fake, sent);

const buttons = (cb: Callback): Component[] => (cb.data?.components ?? []).flatMap((r) => r.components ?? []);
const button = (cb: Callback, label: string): Component => {
  const found = buttons(cb).find((b) => b.label === label);
  expect(found, `a "${label}" button in ${JSON.stringify(buttons(cb).map((b) => b.label))}`).toBeDefined();
  return found!;
};
const press = (customId: string, who: Who, message: Record<string, unknown> = { flags: EPHEMERAL }, fake: FakeDiscord = t.fake) =>
  fake.sendInteraction(fake.button({ customId, ...who, message }));

/** A moderator adds a claim through the claim form (Label components, the confidence select). */
async function addThroughForm(who: Who, values: Record<string, string>, fake: FakeDiscord = t.fake): Promise<Callback> {
  const components = Object.entries(values).map(([id, value]) => ({
    type: 18,
    id: 0,
    component: id === 'confidence' ? { type: 3, id: 0, custom_id: id, values: [value] } : { type: 4, id: 0, custom_id: id, value },
  }));
  return finalReply(fake, fake.sendInteraction(fake.modalSubmit({ customId: 'claim:add', components: components as never, ...who })));
}

describe('Fact-check this message', () => {
  it('answers a plain message privately, linking it, and posts the same check publicly when asked', async () => {
    const sent = checkMessage({ id: '2500000000000000900', content: 'Russia gave North Korea air defence missiles, apparently.' });
    const cb = await reply(sent);
    expect(cb.type).toBe(4);
    expect(cb.data!.flags).toBe(EPHEMERAL);
    expect(cb.data!.allowed_mentions).toEqual(NO_PINGS);
    expect(cb.data!.content).toBe(`Fact-check of [this message](https://discord.com/channels/${GUILD}/${DEFAULT_CHANNEL_ID}/2500000000000000900).`);
    expect(cb.data!.embeds!.map((e) => e.footer!.text)).toEqual([`Claim ${AIR_DEFENCE} · curated base`]);
    expect(buttons(cb).map((b) => b.label)).toEqual(['Helpful', 'Not what I asked', 'Post publicly']);

    const posted = press(button(cb, 'Post publicly').custom_id!, asker, { flags: EPHEMERAL, id: t.fake.originalMessage(sent.token)!.id });
    expect(await reply(posted)).toMatchObject({ type: 7, data: { content: 'Posted in the channel for everyone.', embeds: [], components: [] } });
    const shared = await t.fake.waitForFollowup(posted.token, 5000);
    expect(shared.flags ?? 0).toBe(0);
    expect(shared.allowed_mentions).toEqual(NO_PINGS);
    expect(shared.content).toBe(cb.data!.content);
    expect(shared.embeds).toEqual(cb.data!.embeds);
    expect((shared.components as Array<{ components: Component[] }>).flatMap((r) => r.components.map((b) => b.label))).toEqual([
      'Helpful',
      'Not what I asked',
    ]);
  });

  it('shows the best claim of a message of several sentences and the other claims they make', async () => {
    const content =
      'Apparently Russia has sent North Korea over a million barrels of oil. North Korean tankers made dozens of trips to move it. ' +
      'And North Korea launched a spy satellite last November.';
    const cb = await reply(checkMessage({ content }));
    expect(cb.data!.content).toMatch(/\. It makes 3 claims with a vetted answer:$/);
    expect(cb.data!.embeds!.map((e) => e.footer!.text.replace(/^Claim (\S+).*$/, '$1'))).toEqual([
      'over-one-million-barrels-of-oil-since-march',
      'tankers-made-up-to-43-trips',
      'first-spy-satellite-launched-last-november',
    ]);
    // The three embeds fit Discord's limits, their 6000 characters counted together.
    expect(sentMessageProblems(cb.data as Record<string, unknown>)).toEqual([]);
  });

  it('says plainly when a message has no text to check, and reads an embed’s title and description when it has no text of its own', async () => {
    const image = await reply(
      checkMessage({
        content: '',
        attachments: [
          {
            id: '2500000000000000950',
            filename: 'rumour.png',
            size: 1000,
            url: 'https://cdn.discordapp.com/x/rumour.png',
            proxy_url: 'https://media.discordapp.net/x/rumour.png',
          },
        ],
      }),
    );
    expect(image.data!.flags).toBe(EPHEMERAL);
    expect(image.data!.content).toBe(
      'That message has no text I can check — only an image, a file, or an embed without words. Type what it claims into `/factcheck` instead.',
    );
    expect(image.data!.embeds ?? []).toEqual([]);

    const card = await reply(
      checkMessage({ content: '', embeds: [{ title: 'Breaking', description: 'Moscow handed Pyongyang anti-aircraft missiles' }] }),
    );
    expect(card.data!.embeds![0]!.footer!.text).toContain(AIR_DEFENCE);
  });

  it('answers a message without a vetted claim as /factcheck does, offering to notify the member', async () => {
    const cb = await reply(checkMessage({ content: 'The new stadium roof will be made of recycled glass.' }));
    expect(cb.data!.embeds![0]!.title).toBe('No vetted claim');
    expect(buttons(cb).map((b) => b.label)).toEqual(['Notify me', 'Post publicly']);
  });
});

describe('a check of a message making several long claims', () => {
  it('fits Discord’s limits, the later claims giving way first', async () => {
    const base = (await t.kb.scope(null).claim(AIR_DEFENCE))!.claim;
    const long = (id: string) => ({
      ...base,
      id,
      statement: 'S'.repeat(300),
      answer: 'A'.repeat(1500),
      sources: Array.from({ length: 10 }, (_, i) => ({
        name: `Source ${i} ${'n'.repeat(150)}`,
        url: `https://example.org/${'p'.repeat(300)}`,
        quote: 'q'.repeat(300),
      })),
    });
    const check = {
      answer: {
        question: 'q',
        outcome: 'answered' as const,
        claim: long('one'),
        score: 0.9,
        correction: null,
        suggestions: [],
        askedId: 1,
        language: 'en' as const,
      },
      also: [
        { claim: long('two'), correction: null },
        { claim: long('three'), correction: null },
      ],
    };
    const view = checkView(check, { guildId: GUILD, channelId: DEFAULT_CHANNEL_ID, messageId: '2500000000000000999' }, GUILD, true);
    expect(view.embeds).toHaveLength(3);
    expect(payloadProblems(view)).toEqual([]);
    expect(view.embeds![0]!.description).toBe('A'.repeat(1500));
  });
});

describe('installed on a member’s own account', () => {
  beforeAll(async () => {
    await addThroughForm(mod, {
      ...LIBRARY,
      statement: 'The Riverside pool reopens in June.',
      answer: 'The council says the Riverside pool reopens in June.',
    });
  });

  it('answers from the curated base only in a DM, without offering what needs a server', async () => {
    const dm: Who = { guildId: null, userId: ASKER, permissions: '0' };
    const curated = await reply(factcheck('did moscow hand pyongyang anti-aircraft missiles?', dm));
    expect(curated.data!.embeds![0]!.footer!.text).toContain(AIR_DEFENCE);

    // GUILD's own claim is not answered here, and nothing speaks of a server's moderators.
    const none = await reply(factcheck('When does the Riverside pool reopen?', dm));
    expect(JSON.stringify(none.data)).not.toContain('Riverside pool reopens');
    const embed = none.data!.embeds![0]!;
    expect(embed.description ?? embed.title).not.toMatch(/moderators/);
    expect(buttons(none).map((b) => b.label)).not.toContain('Notify me');

    const claim = await reply(t.fake.sendInteraction(t.fake.chatInput({ name: 'claim', subcommand: 'list', ...dm })));
    expect(claim.data!.content).toMatch(/^Only this server’s moderators can manage claims/);
    const about = await reply(t.fake.sendInteraction(t.fake.chatInput({ name: 'about', ...dm })));
    expect(about.data!.embeds![0]!.fields!.find((f) => f.name === 'Claims here')!.value).toContain('only the curated base answers');

    const checked = await reply(checkMessage({ content: 'Russia gave North Korea air defence missiles.' }, dm));
    expect(checked.data!.content).toMatch(/^Fact-check of \[this message\]\(https:\/\/discord\.com\/channels\/@me\//);
    expect(checked.data!.embeds![0]!.footer!.text).toContain(AIR_DEFENCE);
  });

  it('answers from the curated base only in a server that did not add the bot, and refuses /claim even to its moderators', async () => {
    // In GUILD itself, but installed only by the member: GUILD's claims and moderators do not count here.
    const visitor: Who = { ...moderator(GUILD, SECOND) };
    const installedByMember = { installedBy: 'user' as const };
    const question = 'When does the Riverside pool reopen, please?';
    const none = await reply(factcheck(question, visitor, installedByMember));
    expect(JSON.stringify(none.data)).not.toContain('Riverside pool reopens');
    expect(buttons(none).map((b) => b.label)).not.toContain('Notify me');
    // It is logged outside any server: GUILD's moderators never see it.
    expect((await t.kb.scope(null).unanswered(100)).map((q) => q.question)).toContain(question);
    expect((await t.kb.scope(GUILD).unanswered(100)).map((q) => q.question)).not.toContain(question);

    const claim = await reply(t.fake.sendInteraction(t.fake.chatInput({ name: 'claim', subcommand: 'list', ...visitor, ...installedByMember })));
    expect(claim.data!.content).toMatch(/^Only this server’s moderators can manage claims/);

    // Installed by both the server and the member: the server's claims answer.
    const both = await reply(factcheck('When does the Riverside pool reopen?', visitor, { installedBy: 'both' }));
    expect(both.data!.embeds![0]!.title).toBe('The Riverside pool reopens in June.');
  });
});

describe('Notify me', () => {
  it('tells a member who asked publicly once, replying to the answer, when a moderator adds a claim that answers it — across restarts, and never again', async () => {
    const databasePath = tempDatabasePath();
    const fake = await startFakeDiscord();
    let bot = await startTestBot({ discord: fake, databasePath });
    const restart = async () => {
      await bot.stop();
      bot = await startTestBot({ discord: fake, databasePath });
      await bot.bot.notices.settled();
    };
    try {
      const asked = factcheck(LIBRARY_QUESTION, asker, {}, fake);
      const answer = await reply(asked, fake);
      expect(answer.data!.flags ?? 0).toBe(0);
      expect(answer.data!.embeds![0]!.title).toBe('No vetted claim');
      const original = fake.originalMessage(asked.token)!;

      const subscribed = await settle(press(button(answer, 'Notify me').custom_id!, asker, original as never, fake), fake);
      expect(subscribed.data!.flags).toBe(EPHEMERAL);
      expect(subscribed.data!.content).toBe(
        `🔔 When a moderator adds an answer to “${LIBRARY_QUESTION}”, I will tell you here, in reply to the answer — once.`,
      );
      expect(buttons(subscribed).map((b) => b.label)).toEqual(['Stop notifying me']);
      // Pressing it again does not subscribe twice.
      const again = await settle(press(button(answer, 'Notify me').custom_id!, asker, original as never, fake), fake);
      expect(again.data!.content).toMatch(/^You are already waiting for an answer to/);

      // The subscription is in the database: a restart keeps it.
      await restart();
      const saved = await addThroughForm(mod, LIBRARY, fake);
      expect(saved.data!.content).toMatch(
        /It answers 1 question that waited in `\/claim unanswered`, no longer waiting\. 1 member who asked to be told is being told\.$/,
      );
      await bot.bot.notices.settled();

      const notices = fake.channelMessages(DEFAULT_CHANNEL_ID);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({
        content: `🔔 <@${ASKER}>, you asked “${LIBRARY_QUESTION}” — a moderator has added an answer:`,
        message_reference: { message_id: original.id, fail_if_not_exists: false },
        allowed_mentions: { parse: [], users: [ASKER] },
      });
      expect((notices[0]!.embeds as Array<{ title: string }>)[0]!.title).toBe(LIBRARY.statement);
      expect(fake.dmChannels.size).toBe(0);
      expect((await bot.kb.scope(GUILD).unanswered(100)).map((q) => q.question)).not.toContain(LIBRARY_QUESTION);

      // A restart, and a later edit of the claim, send nothing more.
      await restart();
      const id = (await bot.kb.scope(GUILD).list()).find((c) => c.statement === LIBRARY.statement)!.id;
      // The edit form names the version it was opened on (issue 13).
      const { version } = await bot.kb.scope(GUILD).editable(id);
      const edit = fake.modalSubmit({
        customId: `claim:edit:${id}_${version}`,
        components: { ...LIBRARY, sources: `${LIBRARY.sources}\nRiverside Gazette` },
        ...mod,
      });
      expect((await finalReply(fake, fake.sendInteraction(edit))).data!.content).toMatch(/^Updated claim `[a-z-]+`\. Changed: sources\.$/);
      await bot.bot.notices.settled();
      expect(fake.channelMessages(DEFAULT_CHANNEL_ID)).toHaveLength(1);
      expect(fake.dmChannels.size).toBe(0);
    } finally {
      await bot.stop();
      await fake.stop();
    }
  });

  it('never sends twice a notice a stopped bot had taken: it is shown at the member’s next /factcheck instead', async () => {
    const databasePath = tempDatabasePath();
    const fake = await startFakeDiscord();
    let bot = await startTestBot({ discord: fake, databasePath });
    try {
      const asked = factcheck(LIBRARY_QUESTION, asker, {}, fake);
      const answer = await reply(asked, fake);
      await settle(press(button(answer, 'Notify me').custom_id!, asker, fake.originalMessage(asked.token) as never, fake), fake);
      // A moderator's claim answers it, and a bot takes the notice to send it, then stops before sending.
      const claim = await bot.kb.scope(GUILD).add({ ...LIBRARY, claimant: undefined, sources: [{ name: 'Library board minutes' }] }, { by: MOD });
      expect(await bot.kb.scope(GUILD).linkAnswered(claim.id)).toEqual({ questions: [LIBRARY_QUESTION], members: 1 });
      expect(await bot.kb.scope(GUILD).takeDue()).toHaveLength(1);
      await bot.stop();

      bot = await startTestBot({ discord: fake, databasePath });
      await bot.bot.notices.settled();
      expect(fake.channelMessages(DEFAULT_CHANNEL_ID)).toEqual([]);
      expect(fake.dmChannels.size).toBe(0);
      const next = factcheck('did moscow hand pyongyang anti-aircraft missiles?', asker, {}, fake);
      await reply(next, fake);
      expect(await fake.waitForFollowup(next.token, 5000)).toMatchObject({
        flags: EPHEMERAL,
        content: `🔔 You asked “${LIBRARY_QUESTION}” — a moderator has added an answer:`,
      });
    } finally {
      await bot.stop();
      await fake.stop();
    }
  });

  it('tells a member who asked privately by direct message, once', async () => {
    const guild = '2500000000000000003';
    const question = 'Will the harbour ferry run on Christmas Day?';
    const answer = await reply(factcheck(question, { ...asker, guildId: guild }, { private: true }));
    expect(answer.data!.flags).toBe(EPHEMERAL);
    const subscribed = await settle(press(button(answer, 'Notify me').custom_id!, { ...asker, guildId: guild }));
    expect(subscribed.data!.content).toMatch(/I will tell you by direct message — once\.$/);

    await addThroughForm(moderator(guild, MOD), {
      statement: 'The harbour ferry runs on Christmas Day this year.',
      answer: 'The operator says the harbour ferry keeps its Sunday timetable on Christmas Day.',
      confidence: 'confirmed',
      claimant: '',
      sources: 'Ferry operator notice | https://example.org/ferry',
    });
    await t.bot.notices.settled();
    const dm = t.fake.dmChannels.get(ASKER)!;
    expect(dm).toBeDefined();
    const sent = t.fake.channelMessages(dm);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      content: `🔔 You asked “${question}” — a moderator has added an answer:`,
      allowed_mentions: { parse: [], users: [] },
    });
    expect(sent[0]).not.toHaveProperty('message_reference');
    expect(t.fake.channelMessages(DEFAULT_CHANNEL_ID).filter((m) => String(m.content).includes(question))).toEqual([]);
  });

  it('falls back to a DM when the channel is gone, and shows the notice at the next /factcheck when no DM can be sent', async () => {
    const guild = '2500000000000000004';
    const question = 'Is the Northgate market moving to Saturdays?';
    const first = member(guild, '2500000000000000201');
    const second = member(guild, '2500000000000000202');
    const asked = factcheck(question, first);
    const answer = await reply(asked);
    const original = t.fake.originalMessage(asked.token)!;
    for (const who of [first, second]) await settle(press(button(answer, 'Notify me').custom_id!, who, original as never));

    t.fake.failNext(2, 404, { message: 'Unknown Channel', code: 10003 }, `/channels/${DEFAULT_CHANNEL_ID}/messages`);
    t.fake.failNext(
      1,
      403,
      { message: 'Cannot send messages to this user', code: 50007 },
      (req) => req.route === '/users/@me/channels' && (req.body as { recipient_id?: string }).recipient_id === second.userId,
    );
    await addThroughForm(moderator(guild, MOD), {
      statement: 'The Northgate market moves to Saturdays from June.',
      answer: 'The market trust says the Northgate market moves from Fridays to Saturdays in June.',
      confidence: 'confirmed',
      claimant: '',
      sources: 'Market trust newsletter',
    });
    await t.bot.notices.settled();
    expect(t.fake.channelMessages(t.fake.dmChannels.get(first.userId)!)).toHaveLength(1);
    expect(t.fake.dmChannels.has(second.userId)).toBe(false);

    // The second member sees it, privately, under their next answer, and only once.
    const next = factcheck('did moscow hand pyongyang anti-aircraft missiles?', second);
    expect((await reply(next)).data!.flags ?? 0).toBe(0);
    const held = await t.fake.waitForFollowup(next.token, 5000);
    expect(held).toMatchObject({ flags: EPHEMERAL, content: `🔔 You asked “${question}” — a moderator has added an answer:` });
    const later = factcheck('did moscow hand pyongyang anti-aircraft missiles?', second);
    await reply(later);
    expect(t.fake.followupsFor(later.token)).toEqual([]);
  });

  it('is capped per member, can be stopped, and tells nobody who stopped', async () => {
    const guild = '2500000000000000005';
    const who = member(guild, '2500000000000000301');
    const ids = [1, 2, 3, 4, 5, 6].map((n) =>
      logQuestion(t.dbPath, { guildId: guild, text: `is the bridge number ${n} closing`, outcome: 'unanswered' }),
    );
    for (const id of ids.slice(0, 5)) expect((await settle(press(`nt:me:${id}`, who))).data!.content).toMatch(/^🔔 When a moderator adds an answer/);
    const full = await settle(press(`nt:me:${ids[5]}`, who));
    expect(full.data!.content).toBe('You are waiting for answers to 5 questions in this server, the most. Stop waiting on one to wait on this one:');
    const select = buttons(full)[0]!;
    expect(select).toMatchObject({ type: 3, custom_id: 'nt:drop' });
    expect(select.options).toHaveLength(5);
    const dropped = await settle(t.fake.sendInteraction(t.fake.stringSelect({ customId: 'nt:drop', values: [select.options![0]!.value], ...who })));
    expect(dropped.data!.content).toBe('Done: you will not be told about that question.');
    expect((await settle(press(`nt:me:${ids[5]}`, who))).data!.content).toMatch(/^🔔 When a moderator adds an answer/);
    expect(await t.kb.scope(guild).waiting(who.userId)).toHaveLength(5);

    // Another server's question, or a forged id, subscribes nobody.
    expect((await settle(press(`nt:me:${ids[1]}`, member(OTHER_GUILD, who.userId)))).data!.content).toMatch(/^That question is not from this server/);
    expect((await settle(press('nt:me:x', who))).data!.content).toMatch(/^That question is not from this server/);
  });

  it('lets a moderator link a waiting question to the claim that answers it ("Answered by…"), telling those waiting; dismissing ends the wait', async () => {
    const guild = '2500000000000000006';
    const waiting = member(guild, '2500000000000000401');
    const linkedId = logQuestion(t.dbPath, { guildId: guild, text: 'are the russians sending anti aircraft stuff', outcome: 'unanswered' });
    const dismissedId = logQuestion(t.dbPath, { guildId: guild, text: 'is the mall closing early', outcome: 'unanswered' });
    await settle(press(`nt:me:${linkedId}`, waiting, { flags: EPHEMERAL }));
    await settle(press(`nt:me:${dismissedId}`, waiting, { flags: EPHEMERAL }));

    const moderatorHere = moderator(guild, MOD);
    const list = await reply(t.fake.sendInteraction(t.fake.chatInput({ name: 'claim', subcommand: 'unanswered', ...moderatorHere })));
    const selects = buttons(list);
    expect(selects.map((s) => [s.custom_id, s.options!.length])).toEqual([
      ['claim:dismiss', 2],
      ['claim:answered-by', 2],
    ]);
    // A member cannot open the link form.
    const refused = await reply(
      t.fake.sendInteraction(t.fake.stringSelect({ customId: 'claim:answered-by', values: [String(linkedId)], ...waiting })),
    );
    expect(refused.data!.content).toMatch(/^Only this server’s moderators/);

    const form = await reply(
      t.fake.sendInteraction(t.fake.stringSelect({ customId: 'claim:answered-by', values: [String(linkedId)], ...moderatorHere })),
    );
    expect(form.type).toBe(9);
    expect(form.data!.custom_id).toBe(`claim:link:${linkedId}`);
    const linked = await finalReply(
      t.fake,
      t.fake.sendInteraction(t.fake.modalSubmit({ customId: `claim:link:${linkedId}`, components: { claim: AIR_DEFENCE }, ...moderatorHere })),
    );
    expect(linked.data!.content).toBe(
      `Linked \`are the russians sending anti aircraft stuff\` (1 time asked) to \`${AIR_DEFENCE}\`: it is no longer waiting. 1 member who asked to be told is being told.`,
    );
    await t.bot.notices.settled();
    const dm = t.fake.channelMessages(t.fake.dmChannels.get(waiting.userId)!);
    expect(dm).toHaveLength(1);
    expect((dm[0]!.embeds as Array<{ footer: { text: string } }>)[0]!.footer.text).toContain(AIR_DEFENCE);

    // A claim that is not this server's (or not a claim) links nothing.
    const wrong = await finalReply(
      t.fake,
      t.fake.sendInteraction(t.fake.modalSubmit({ customId: `claim:link:${dismissedId}`, components: { claim: 'no-such-claim' }, ...moderatorHere })),
    );
    expect(wrong.data!.content).toMatch(/^There is no claim `no-such-claim` in this server/);

    const dismissed = await reply(
      t.fake.sendInteraction(t.fake.stringSelect({ customId: 'claim:dismiss', values: [String(dismissedId)], ...moderatorHere })),
    );
    expect(dismissed.data!.content).toBe('Dismissed `is the mall closing early` (1 time asked).');
    expect(await t.kb.scope(guild).waiting(waiting.userId)).toEqual([]);
  });
});
