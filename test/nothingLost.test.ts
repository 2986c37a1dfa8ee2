// Nothing lost, nothing stuck, through the real discord.js client and a fake Discord: two moderators editing one
// claim, an edit form submitted as it was opened, the database file deleted under the running bot, edits waiting for
// their correction note (bounded, kept across a restart, saved once however fast the note is sent again), permission
// strings that are not permissions, and members' text shown to moderators.
import { copyFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREADABLE_PERMISSIONS } from '../src/commands/shared/router.js';
import { KnowledgeBase, PENDING_EDITS_PER_MODERATOR, PENDING_EDITS_PER_SERVER, type Claim, type ClaimInput } from '../src/knowledge/index.js';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { startBotProcess } from './support/botProcess.js';
import { startFakeDiscord } from './support/fakeDiscord.js';
import { EPHEMERAL, finalReply, member, moderator, MOD_PERMISSIONS, type Callback, type Who } from './support/discordPayloads.js';
import { claimOf, tempFolder } from './support/knowledge.js';

const GUILD = '2500000000000000001';
const OTHER_GUILD = '2500000000000000002';
const MOD_1 = '2500000000000000101';
const MOD_2 = '2500000000000000102';
const MEMBER = '2500000000000000201';
const mod1 = moderator(GUILD, MOD_1);
const mod2 = moderator(GUILD, MOD_2);

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.stop();
});

/** Where interactions are sent: the fake Discord a bot (in this process or its own) is connected to. */
type Via = Pick<TestBot, 'fake'>;
const send = (bot: Via, payload: Parameters<TestBot['fake']['sendInteraction']>[0]) => finalReply(bot.fake, bot.fake.sendInteraction(payload));
const claimCommand = (sub: string, who: Who, options: Record<string, string | number> = {}, bot: Via = t) =>
  send(bot, bot.fake.chatInput({ name: 'claim', subcommand: sub, options, ...who }));
const submit = (customId: string, who: Who, values: Record<string, string>, bot: Via = t) =>
  send(bot, bot.fake.modalSubmit({ customId, components: values, ...who }));
const press = (customId: string, who: Who, bot: Via = t) => send(bot, bot.fake.button({ customId, ...who }));
const factcheck = (question: string, who: Who, bot: Via = t) => send(bot, bot.fake.chatInput({ name: 'factcheck', options: { question }, ...who }));

function reply(cb: Callback): NonNullable<Callback['data']> {
  expect(cb.type).toBe(4);
  expect(cb.data!.flags).toBe(EPHEMERAL);
  return cb.data!;
}

/**
 * The edit form `/claim edit` opens: its custom_id and what each field holds as opened (a text box's text, undefined
 * when empty; the confidence select's chosen option).
 */
async function openForm(id: string, who: Who, bot: Via = t) {
  const modal = await claimCommand('edit', who, { id }, bot);
  expect(modal.type).toBe(9);
  const boxes = Object.fromEntries(modal.data!.components!.map((label) => [label.component!.custom_id!, label.component!]));
  const values = Object.fromEntries(
    Object.entries(boxes).map(([field, box]) => [field, box.value ?? box.options?.find((o) => o.default)?.value ?? '']),
  );
  return { customId: modal.data!.custom_id!, boxes, values };
}

const input = (statement: string, extra: Partial<ClaimInput> = {}): ClaimInput => ({
  statement,
  answer: `What the harbour office said about it: ${statement}`,
  confidence: 'confirmed',
  sources: [{ name: 'Harbour notice', url: 'https://example.org/harbour' }],
  ...extra,
});
const addClaim = (statement: string, extra: Partial<ClaimInput> = {}, guild = GUILD, bot = t): Promise<Claim> =>
  bot.kb.scope(guild).add(input(statement, extra), { by: MOD_1 });

describe('two moderators editing one claim', () => {
  it('refuses the second save of forms opened at the same version, saying who changed what; the first one’s sources stay', async () => {
    const claim = await addClaim('The harbour ferry gets a second deck.');
    const first = await openForm(claim.id, mod1);
    const second = await openForm(claim.id, mod2);
    expect(second.customId).toBe(first.customId);

    const saved = reply(await submit(first.customId, mod1, { ...first.values, sources: 'Harbour board minutes | https://example.org/board' }));
    expect(saved.content).toBe(`Updated claim \`${claim.id}\`. Changed: sources.`);
    const typed = { ...second.values, sources: 'Ferry operator | https://example.org/ferry' };
    const refused = reply(await submit(second.customId, mod2, typed));
    expect(refused.content).toMatch(
      new RegExp(
        `^\\*\\*Not saved\\*\\* — \`${claim.id}\` was changed since you opened the form: edit by <@${MOD_1}> \\(sources\\) <t:\\d+:R>\\. ` +
          'Nothing was saved, so that change is not undone',
      ),
    );
    expect(refused.embeds!.map((e) => e.description)).toContain('```\nFerry operator | https://example.org/ferry\n```');
    expect((await claimOf(t.kb, claim.id, GUILD))!.sources).toEqual([{ name: 'Harbour board minutes', url: 'https://example.org/board' }]);
  });

  it('never lets a form opened before a published correction revert it', async () => {
    const claim = await addClaim('The harbour ferry runs until midnight.');
    const stale = await openForm(claim.id, mod2);
    // Moderator 1 corrects the answer, with its public note.
    const opened = await openForm(claim.id, mod1);
    const asked = reply(await submit(opened.customId, mod1, { ...opened.values, answer: 'The ferry runs until 23:00 since March.' }));
    const noteId = asked.components![0]!.components![0]!.custom_id!;
    expect(reply(await submit(noteId, mod1, { note: 'The timetable changed in March.' })).content).toMatch(/^Updated claim/);

    // Moderator 2's form still shows the old answer; saving it (with any change) would undo the correction.
    const refused = reply(await submit(stale.customId, mod2, { ...stale.values, claimant: 'The harbour office' }));
    expect(refused.content).toMatch(new RegExp(`was changed since you opened the form: edit by <@${MOD_1}> \\(answer\\)`));
    const now = (await claimOf(t.kb, claim.id, GUILD))!;
    expect(now.answer).toBe('The ferry runs until 23:00 since March.');
    const history = await t.kb.scope(GUILD).history(claim.id);
    expect(history.map((e) => [e.action, e.actor, e.note])).toEqual([
      ['add', MOD_1, null],
      ['edit', MOD_1, 'The timetable changed in March.'],
    ]);
  });
});

describe('an edit form submitted as it was opened', () => {
  it('changes nothing, and keeps sources the form cannot show (ten long ones, a line break or a | in a name)', async () => {
    const sources = Array.from({ length: 10 }, (_, i) => ({
      name: i === 1 ? 'Harbour office | press desk' : i === 2 ? 'Harbour office\nPress desk' : `Harbour notice ${i}`,
      url: `https://example.org/harbour/${i}`,
      date: '2026-03-02',
      quote: `${i === 3 ? 'yes|no' : 'The office said'} ${'the pier reopens in May after the repairs, '.repeat(10)}`.trim(),
    }));
    const claim = await addClaim('The Old Pier reopens in May.', { sources });
    const form = await openForm(claim.id, mod1);
    expect(form.boxes.sources!.value).toBeUndefined();
    expect(form.boxes.sources!.required).toBe(false);
    const saved = reply(await submit(form.customId, mod1, form.values));
    expect(saved.content).toBe(
      `Updated claim \`${claim.id}\`. Nothing in it changed; it is marked as reviewed now. ` +
        'Its sources were kept as they were (the form cannot show them all): to replace them, type every source in the Sources box.',
    );
    const after = (await claimOf(t.kb, claim.id, GUILD))!;
    expect(after.sources).toEqual(sources);
    expect({ ...after, reviewedAt: claim.reviewedAt, updatedAt: claim.updatedAt }).toEqual(claim);
  });

  it('shows sources it can show exactly as they are, a | in a quote included, and saves them unchanged', async () => {
    const sources = [
      { name: 'Pier survey', url: 'https://example.org/survey', date: '2026-02-01', quote: 'safe to open: yes|no? yes' },
      { name: 'Harbour radio' },
    ];
    const claim = await addClaim('The New Pier opens in June.', { sources });
    const form = await openForm(claim.id, mod1);
    expect(form.boxes.sources!.value).toBe('Pier survey | https://example.org/survey | 2026-02-01 | safe to open: yes|no? yes\nHarbour radio');
    expect(reply(await submit(form.customId, mod1, form.values)).content).toBe(
      `Updated claim \`${claim.id}\`. Nothing in it changed; it is marked as reviewed now.`,
    );
    expect((await claimOf(t.kb, claim.id, GUILD))!.sources).toEqual(sources);
  });
});

describe('the database file deleted or replaced under the running bot', () => {
  it('refuses every write and says so, while questions are still answered', async () => {
    const bot = await startTestBot();
    try {
      const form = {
        statement: 'The lighthouse gets a new lamp.',
        answer: 'The port said so.',
        confidence: 'confirmed',
        claimant: '',
        sources: 'Port notice',
      };
      expect(reply(await submit('claim:add', mod1, form, bot)).content).toMatch(/^Added claim/);
      rmSync(bot.dbPath);
      const refused = reply(await submit('claim:add', mod1, { ...form, statement: 'The lighthouse gets a second lamp.' }, bot));
      expect(refused.content).toMatch(/^\*\*Not saved\*\* — the bot’s database file was deleted or replaced while the bot was running/);
      expect(refused.embeds![0]!.description).toBe('```\nThe lighthouse gets a second lamp.\n```');
      expect((await factcheck('did north korea launch a spy satellite?', member(GUILD, MEMBER), bot)).data!.embeds![0]!.title).toMatch(/satellite/i);
    } finally {
      await bot.stop();
    }
  });

  it('refuses writes when another file was moved over it', async () => {
    const bot = await startTestBot();
    try {
      const claim = await addClaim('The lighthouse is repainted.', {}, GUILD, bot);
      // A backup copied beside it and moved over it, as a restore would.
      const other = join(tempFolder(), 'other.db');
      copyFileSync(bot.dbPath, other);
      renameSync(other, bot.dbPath);
      const refused = reply(await claimCommand('review', mod1, { id: claim.id }, bot));
      expect(refused.content).toMatch(/^\*\*Not saved\*\* — the bot’s database file was deleted or replaced/);
    } finally {
      await bot.stop();
    }
  });
});

describe('edits waiting for their correction note', () => {
  /** A material edit through the form: the bot keeps it and answers with the "Add a correction note" button. */
  async function holdThroughForm(claim: Claim, who: Who, bot: Via = t): Promise<string> {
    const form = await openForm(claim.id, who, bot);
    const asked = reply(await submit(form.customId, who, { ...form.values, answer: `${claim.answer} (corrected)` }, bot));
    expect(asked.content).toMatch(/corrections are public: add a note/);
    return asked.components![0]!.components![0]!.custom_id!;
  }

  it('are bounded per moderator and per server, so one server can never push out another’s', async () => {
    const elsewhere = await addClaim('The ferry to the islands is cancelled.', {}, OTHER_GUILD);
    const otherServers = await holdThroughForm(elsewhere, moderator(OTHER_GUILD, MOD_2));
    const busy = '2500000000000000003';
    const busyMod = moderator(busy, MOD_1);

    // One moderator: a sixth edit replaces their oldest.
    const mine: Claim[] = [];
    for (let i = 0; i <= PENDING_EDITS_PER_MODERATOR; i++) mine.push(await addClaim(`Harbour claim ${i} for one moderator.`, {}, busy));
    const buttons: string[] = [];
    for (const claim of mine) buttons.push(await holdThroughForm(claim, busyMod));
    expect(reply(await press(buttons[0]!, busyMod)).content).toMatch(/^That edit is no longer waiting for a note/);
    expect((await press(buttons.at(-1)!, busyMod)).type).toBe(9);

    // The server: many moderators fill its bound; the next edit is refused with a reply, and nothing is evicted.
    const scope = t.kb.scope(busy);
    for (let i = 0; (await countWaiting(busy)) < PENDING_EDITS_PER_SERVER; i++) {
      const claim = await addClaim(`Harbour claim ${i} for many moderators.`, {}, busy);
      const draft = await scope.draftEdit(claim.id, { ...claim, answer: 'Changed.' });
      if (draft.kind !== 'edit') throw new Error('expected a draft');
      await scope.holdEdit(draft, { by: `25000000000000009${String(Math.floor(i / PENDING_EDITS_PER_MODERATOR)).padStart(2, '0')}` });
    }
    const one = await addClaim('One edit too many.', {}, busy);
    const form = await openForm(one.id, moderator(busy, MOD_2));
    const full = reply(await submit(form.customId, moderator(busy, MOD_2), { ...form.values, answer: 'Changed too.' }));
    expect(full.content).toMatch(new RegExp(`^\\*\\*Not saved\\*\\* — This server has ${PENDING_EDITS_PER_SERVER} edits waiting`));
    expect((await press(otherServers, moderator(OTHER_GUILD, MOD_2))).type).toBe(9);
  });

  it('survive a restart of the bot', async () => {
    // The bot in a process of its own: stopped and started again, it has nothing in memory from before.
    const fake = await startFakeDiscord();
    const databasePath = join(tempFolder(), 'kept.db');
    const first = await startBotProcess(fake, { databasePath });
    try {
      const via: Via = { fake };
      const kb = await KnowledgeBase.open({ databasePath });
      const claim = await kb.scope(GUILD).add(input('The marina adds forty berths.'), { by: MOD_1 });
      await kb.close();
      const button = await holdThroughForm(claim, mod1, via);
      expect(await first.stop()).toBe(0);

      const second = await startBotProcess(fake, { databasePath });
      try {
        expect((await press(button, mod1, via)).type).toBe(9);
        const saved = reply(await submit(button, mod1, { note: 'The marina corrected the number of berths.' }, via));
        expect(saved.content).toMatch(new RegExp(`^Updated claim \`${claim.id}\`\\. Changed: answer\\.`));
      } finally {
        await second.stop();
      }
    } finally {
      first.child.kill('SIGKILL');
      await fake.stop();
    }
  }, 60_000);

  it('are saved once when the note is sent twice at the same moment, and the repeat is told so', async () => {
    const claim = await addClaim('The marina opens a fuel dock.');
    const button = await holdThroughForm(claim, mod1);
    const note = { note: 'The fuel dock opens in July, not June.' };
    const replies = await Promise.all([submit(button, mod1, note), submit(button, mod1, note)]);
    const contents = replies.map((r) => reply(r).content!);
    expect(contents.filter((c) => c.startsWith('Updated claim'))).toHaveLength(1);
    expect(contents.filter((c) => !c.startsWith('Updated claim'))[0]).toMatch(/was saved with its note|sent already and is being saved/);
    const edits = (await t.kb.scope(GUILD).history(claim.id)).filter((e) => e.action === 'edit');
    expect(edits.map((e) => e.note)).toEqual([note.note]);
    // Sent again later: it says it was saved, not that it still waits.
    expect(reply(await submit(button, mod1, note)).content).toMatch(new RegExp(`^That edit of \`${claim.id}\` was saved with its note`));
  });

  it('tell a repeat within the write cooldown that it was saved, not that it still waits', async () => {
    const slow = await startTestBot({ env: { MODERATOR_WRITE_COOLDOWN_SECONDS: '60' } });
    try {
      const claim = await addClaim('The marina closes in winter.', {}, GUILD, slow);
      const button = await holdThroughForm(claim, mod1, slow);
      const note = { note: 'It closes in January only.' };
      expect(reply(await submit(button, mod1, note, slow)).content).toMatch(/^Updated claim/);
      expect(reply(await submit(button, mod1, note, slow)).content).toMatch(new RegExp(`^That edit of \`${claim.id}\` was saved with its note`));
    } finally {
      await slow.stop();
    }
  });
});

/** How many edits wait for their note in a server, as a moderator of it would find them (white-box count). */
async function countWaiting(guild: string): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(t.dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM pending_edits WHERE guild_id = ? AND saved_at IS NULL').get(guild) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('permission strings that are not permissions', () => {
  for (const permissions of ['-8192', `8192${'0'.repeat(5000)}`, 'abc', '8192.0', '']) {
    it(`are refused with a reply, never read as a moderator's: ${JSON.stringify(permissions.slice(0, 12))}`, async () => {
      const who: Who = { guildId: GUILD, userId: MOD_2, permissions };
      for (const cb of [await claimCommand('list', who), await factcheck('did north korea launch a spy satellite?', who)]) {
        expect(reply(cb).content).toBe(UNREADABLE_PERMISSIONS);
      }
    });
  }

  it('still read a real moderator’s permissions', async () => {
    expect(reply(await claimCommand('list', { guildId: GUILD, userId: MOD_2, permissions: MOD_PERMISSIONS })).embeds![0]!.title).toMatch(
      /^This server’s claims/,
    );
  });
});

describe('members’ questions shown to moderators', () => {
  it('show no link, mention or invisible character: each is inline code, on one line', async () => {
    const guild = '2500000000000000009';
    const asked = [
      '[Official moderator notice](https://evil.example/login)',
      'is the \u202Eknil eht kcilc\u202C ferry free?',
      '<@2500000000000000101> says @everyone ```break out``` https://evil.example',
    ];
    for (const question of asked) await factcheck(question, member(guild, MEMBER));
    const modHere = moderator(guild, MOD_1);
    const unanswered = reply(await claimCommand('unanswered', modHere));
    const stats = reply(await claimCommand('stats', modHere));
    const shown = [
      unanswered.embeds![0]!.description!,
      ...stats.embeds![0]!.fields!.filter((f) => f.name.startsWith('Most-asked')).map((f) => f.value),
    ].join('\n');
    expect(shown).toContain('`[Official moderator notice](https://evil.example/login)`');
    expect(shown).toContain('`is the \\u{202e}knil eht kcilc\\u{202c} ferry free?`');
    expect(shown).toContain('`<@2500000000000000101> says @everyone ˋˋˋbreak outˋˋˋ https://evil.example`');
    // Outside the code spans, none of the members' text is left.
    const outside = shown.replace(/`[^`\n]*`/g, '');
    expect(outside).not.toMatch(/evil|\]\(|<@|@everyone|\u202E/);
    const labels = unanswered.components![0]!.components![0]!.options!.map((o) => o.label).join('\n');
    expect(labels).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);
  });
});

describe('moderator views over many claims', () => {
  it('acknowledge /claim list and /claim stale first, and show the page and counts read in SQL', async () => {
    const guild = '2500000000000000010';
    const records = Array.from({ length: 25 }, (_, i) => ({
      ...input(`Listed harbour claim number ${String(i + 1).padStart(2, '0')}.`),
      id: `listed-claim-${String(i + 1).padStart(2, '0')}`,
      ...(i % 8 === 0 ? { reviewedAt: '2025-01-01T00:00:00.000Z' } : {}),
    }));
    await t.kb.scope(guild).import(records, { by: MOD_1 });
    const modHere = moderator(guild, MOD_1);

    const listed = t.fake.sendInteraction(t.fake.chatInput({ name: 'claim', subcommand: 'list', options: { page: 3 }, ...modHere }));
    expect(((await t.fake.waitForCallback(listed.id, 5000)) as Callback).type).toBe(5);
    const page = reply(await finalReply(t.fake, listed)).embeds![0]!;
    expect(page.title).toBe('This server’s claims — page 3 of 3');
    expect(page.description!.split('\n').filter((l) => l.startsWith('**'))).toHaveLength(5);
    expect(page.description).toContain('`listed-claim-25` · ⏰ review due');
    expect(page.footer!.text).toBe('25 active claims of this server · 4 due for review (/claim stale)');

    const staled = t.fake.sendInteraction(t.fake.chatInput({ name: 'claim', subcommand: 'stale', ...modHere }));
    expect(((await t.fake.waitForCallback(staled.id, 5000)) as Callback).type).toBe(5);
    const stale = reply(await finalReply(t.fake, staled)).embeds![0]!;
    expect(
      stale
        .description!.split('\n')
        .filter((l) => l.startsWith('**'))
        .map((l) => l.slice(-40)),
    ).toHaveLength(4);
    expect(stale.description).toContain('`listed-claim-01`');
    expect(stale.description).not.toContain('`listed-claim-02`');
  });
});
