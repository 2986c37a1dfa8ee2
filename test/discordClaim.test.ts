// /claim — moderators curating their server's claims — through the real discord.js client and a fake Discord:
// the exact payloads Discord receives, who may act (checked on every command, button, select and modal submit),
// and that a server never sees or changes another server's claims, even with forged ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../src/commands/index.js';
import type { Claim } from '../src/knowledge/index.js';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { claimOf, logQuestion } from './support/knowledge.js';
import { EPHEMERAL, finalReply, member, moderator, NO_PINGS, prefilled, type Callback, type Component, type Who } from './support/discordPayloads.js';

const GUILD_A = '2300000000000000001';
const GUILD_B = '2300000000000000002';
const GUILD_LIST = '2300000000000000003';
const GUILD_UNANSWERED = '2300000000000000004';
const MOD_A = '2300000000000000101';
const MOD_B = '2300000000000000102';
const MEMBER = '2300000000000000103';
const CURATED = 'russia-supplied-air-defence-missiles';
const modA = moderator(GUILD_A, MOD_A);
const modB = moderator(GUILD_B, MOD_B);
const memberA = member(GUILD_A, MEMBER);
const modIn = (guildId: string): Who => ({ ...modA, guildId });

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => {
  await t?.stop();
});

const formResult = (sent: { id: string; token: string }, fake = t.fake) => finalReply(fake, sent);

/** What a moderator sees for a /claim subcommand (list, stale and writes are deferred, then edited). */
async function claimCommand(sub: string, who: Who, options: Record<string, string | number> = {}): Promise<Callback> {
  return formResult(t.fake.sendInteraction(t.fake.chatInput({ name: 'claim', subcommand: sub, options, ...who })));
}

/** The custom_id of the edit form `/claim edit` opens on a claim now (it names the claim's version). */
async function editFormId(id: string, who: Who = modA): Promise<string> {
  const modal = await claimCommand('edit', who, { id });
  expect(modal.type).toBe(9);
  return modal.data!.custom_id!;
}

async function submit(customId: string, who: Who, values: Record<string, string>): Promise<Callback> {
  return formResult(t.fake.sendInteraction(t.fake.modalSubmit({ customId, components: values, ...who })));
}

/**
 * A modal submit as Discord sends one for a modal of Label components (type 18) holding text inputs (type 4), and
 * the confidence select (type 3, its chosen values).
 */
async function submitLabelled(customId: string, who: Who, values: Record<string, string>): Promise<Callback> {
  const components = Object.entries(values).map(([id, value]) => ({
    type: 18,
    id: 0,
    component: id === 'confidence' ? { type: 3, id: 0, custom_id: id, values: [value] } : { type: 4, id: 0, custom_id: id, value },
  }));
  return formResult(t.fake.sendInteraction(t.fake.modalSubmit({ customId, components: components as never, ...who })));
}

/**
 * A material edit through the claim form: the bot asks for a public note (nothing saved yet), its button opens the
 * one-field note form, and submitting that saves the edit. Returns what the moderator sees at the end.
 */
async function editWithNote(id: string, who: Who, values: Record<string, string>, note: string): Promise<Callback> {
  const asked = ephemeralReply(await submit(await editFormId(id, who), who, values));
  expect(asked.content).toMatch(/ — corrections are public: add a note\./);
  const button = asked.components![0]!.components![0]!;
  expect(button).toMatchObject({ type: 2, label: 'Add a correction note' });
  const modal = await press(button.custom_id!, who);
  expect(modal.type).toBe(9);
  expect(modal.data!.custom_id).toBe(button.custom_id);
  return submit(button.custom_id!, who, { note });
}

async function press(customId: string, who: Who): Promise<Callback> {
  const { id } = t.fake.sendInteraction(t.fake.button({ customId, ...who }));
  return (await t.fake.waitForCallback(id, 5000)) as Callback;
}

async function choose(customId: string, value: string, who: Who): Promise<Callback> {
  return formResult(t.fake.sendInteraction(t.fake.stringSelect({ customId, values: [value], ...who })));
}

async function autocomplete(sub: string, typed: string, who: Who): Promise<Array<{ name: string; value: string }>> {
  const { id } = t.fake.sendInteraction(t.fake.autocomplete({ name: 'claim', subcommand: sub, options: { id: typed }, focused: 'id', ...who }));
  const cb = (await t.fake.waitForCallback(id, 5000)) as Callback;
  expect(cb.type).toBe(8);
  return cb.data!.choices!;
}

async function factcheck(question: string, guildId: string): Promise<Callback> {
  const { id } = t.fake.sendInteraction(t.fake.chatInput({ name: 'factcheck', options: { question }, guildId, userId: MEMBER }));
  return (await t.fake.waitForCallback(id, 5000)) as Callback;
}

/** An ephemeral message reply (type 4) that pings nobody; returns its data. */
function ephemeralReply(cb: Callback): NonNullable<Callback['data']> {
  expect(cb.type).toBe(4);
  expect(cb.data!.flags).toBe(EPHEMERAL);
  expect(cb.data!.allowed_mentions).toEqual(NO_PINGS);
  return cb.data!;
}

/** The text inputs of a modal callback, by custom_id. */
function modalInputs(cb: Callback): Record<string, Component> {
  expect(cb.type).toBe(9);
  const inputs: Record<string, Component> = {};
  for (const label of cb.data!.components!) {
    expect(label.type).toBe(18);
    inputs[label.component!.custom_id!] = label.component!;
  }
  return inputs;
}

/** Everything a guild has written: its claims (any status) and the audit trail of each. */
async function snapshot(guildId: string): Promise<string> {
  const claims = await t.kb.scope(guildId).list({ includeRetired: true });
  return JSON.stringify({ claims, history: await Promise.all(claims.map((c) => t.kb.scope(guildId).history(c.id))) });
}

const LIBRARY = {
  statement: 'The Riverside library opens on Sundays from May.',
  answer: 'The library board voted to open the Riverside branch on Sundays, 10:00–16:00, starting in May.',
  confidence: 'confirmed',
  claimant: '',
  sources: 'Library board minutes | https://example.org/board/minutes | 2026-03-02\nRiverside Gazette',
};

async function addClaim(guildId: string, statement: string, actor = MOD_A): Promise<Claim> {
  return t.kb.scope(guildId).add(
    {
      statement,
      answer: `What is known about: ${statement}`,
      confidence: 'confirmed',
      sources: [{ name: 'Town newsletter', url: 'https://example.org/news' }],
    },
    { by: actor },
  );
}

describe('/claim definition', () => {
  it('is guild-only and needs Manage Messages by default', () => {
    const data = commandDefinitions().find((c) => c.name === 'claim') as unknown as Record<string, unknown> & {
      options: Array<{ name: string; type: number }>;
    };
    expect(data).toBeDefined();
    expect(data.default_member_permissions).toBe('8192');
    expect(data.contexts).toEqual([0]);
    expect(data.integration_types).toEqual([0]);
    expect(data).not.toHaveProperty('dm_permission');
    expect(data.options.map((o) => [o.name, o.type])).toEqual([
      ['add', 1],
      ['edit', 1],
      ['retire', 1],
      ['review', 1],
      ['show', 1],
      ['list', 1],
      ['stale', 1],
      ['history', 1],
      ['unanswered', 1],
      ['stats', 1],
    ]);
    const retire = (data.options as unknown as Array<{ name: string; options: Array<Record<string, unknown>> }>).find((o) => o.name === 'retire')!;
    expect(retire.options.find((o) => o.name === 'note')).toMatchObject({ type: 3, required: true, min_length: 5, max_length: 300 });
  });
});

describe('/claim add', () => {
  it('opens a five-field modal, and the submitted claim is answered in this server only', async () => {
    const modal = await claimCommand('add', modA);
    expect(modal.data!.custom_id).toBe('claim:add');
    const inputs = modalInputs(modal);
    expect(Object.keys(inputs)).toEqual(['statement', 'answer', 'confidence', 'claimant', 'sources']);
    expect(inputs.statement).toMatchObject({ type: 4, style: 1, max_length: 300, required: true });
    expect(inputs.answer).toMatchObject({ type: 4, style: 2, max_length: 1500, required: true });
    expect(inputs.confidence).toMatchObject({ type: 3, required: true, min_values: 1, max_values: 1 });
    expect(inputs.confidence!.options!.map((o) => [o.label, o.value, o.default])).toEqual([
      ['Confirmed', 'confirmed', undefined],
      ['Alleged', 'alleged', undefined],
    ]);
    expect(inputs.claimant).toMatchObject({ type: 4, required: false });
    expect(inputs.sources).toMatchObject({ type: 4, style: 2, required: true });
    for (const input of Object.values(inputs)) expect(input.value).toBeUndefined();

    const saved = ephemeralReply(await submitLabelled('claim:add', modA, LIBRARY));
    const claim = (await t.kb.scope(GUILD_A).list()).find((c) => c.statement === LIBRARY.statement)!;
    expect(claim).toMatchObject({ guildId: GUILD_A, createdBy: MOD_A, confidence: 'confirmed', status: 'active' });
    expect(claim.claimant).toBeUndefined();
    expect(claim.sources).toEqual([
      { name: 'Library board minutes', url: 'https://example.org/board/minutes', date: '2026-03-02' },
      { name: 'Riverside Gazette' },
    ]);
    expect(saved.content).toContain(`\`${claim.id}\``);
    expect(saved.embeds).toHaveLength(1);
    expect(saved.embeds![0]!.title).toBe(LIBRARY.statement);
    expect(saved.embeds![0]!.description).toBe(LIBRARY.answer);
    expect(saved.embeds![0]!.fields!.map((f) => f.name)).toEqual(['Confidence', 'Sources', 'Last reviewed']);
    expect(saved.embeds![0]!.footer!.text).toContain(claim.id);

    const inA = await factcheck('Is the Riverside library open on Sundays?', GUILD_A);
    expect(inA.data!.embeds![0]!.title).toBe(LIBRARY.statement);
    const inB = await factcheck('Is the Riverside library open on Sundays?', GUILD_B);
    expect(JSON.stringify(inB.data)).not.toContain('Riverside library opens');
    expect(await claimOf(t.kb, claim.id, GUILD_B)).toBeUndefined();
  });

  it('answers invalid input privately, naming each field and echoing everything typed, and writes nothing', async () => {
    const before = await snapshot(GUILD_A);
    const typed = {
      statement: 'The ferry to Hollow Island stops running in winter.',
      answer: 'Per the ferry operator, the last winter crossing is on 1 November.',
      confidence: 'maybe',
      claimant: '',
      sources: 'Ferry operator notice | https://example.org/ferry\nHarbour radio | harbour-radio.example | 2026-13-01',
    };
    const data = ephemeralReply(await submit('claim:add', modA, typed));
    expect(data.content).toContain('Not saved');
    expect(data.content).toContain('• confidence: must be "confirmed" or "alleged"');
    expect(data.content).toContain('• sources line 2: url: must be an http(s) URL');
    expect(data.content).toContain('• sources line 2: date: must be a date as YYYY-MM-DD');
    expect(data.embeds!.map((e) => e.title)).toEqual([
      'You typed — Statement',
      'You typed — Answer',
      'You typed — Confidence',
      'You typed — Sources',
    ]);
    expect(data.embeds!.map((e) => e.description)).toEqual([
      `\`\`\`\n${typed.statement}\n\`\`\``,
      `\`\`\`\n${typed.answer}\n\`\`\``,
      '```\nmaybe\n```',
      `\`\`\`\n${typed.sources}\n\`\`\``,
    ]);
    expect(await snapshot(GUILD_A)).toBe(before);
  });

  it('requires a claimant for an alleged claim, and keeps the echo inside Discord limits for huge input', async () => {
    const before = await snapshot(GUILD_A);
    const alleged = ephemeralReply(await submit('claim:add', modA, { ...LIBRARY, statement: 'Mayor hid the budget.', confidence: 'Alleged' }));
    expect(alleged.content).toContain('• claimant: required when confidence is "alleged"');

    // A forged submit can carry more than the inputs allow; the reply still fits, and a ``` cannot end the block.
    const huge = {
      statement: 'x'.repeat(5000),
      answer: '```\n@everyone\n```'.repeat(400),
      confidence: 'confirmed',
      claimant: '',
      sources: 'y'.repeat(4000),
    };
    const data = ephemeralReply(await submit('claim:add', modA, huge));
    expect(data.content).toContain('statement: at most 300 characters');
    expect(data.content!.length).toBeLessThanOrEqual(2000);
    const total = data.embeds!.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(6000);
    for (const e of data.embeds!) {
      expect(e.description!.length).toBeLessThanOrEqual(4096);
      expect(e.description!.match(/```/g)).toHaveLength(2);
    }
    expect(await snapshot(GUILD_A)).toBe(before);
  });
});

describe('who may use /claim', () => {
  it('refuses a non-moderator on the command, and on forged add/edit submits, buttons and selects; nothing changes', async () => {
    const own = await addClaim(GUILD_A, 'The Elm Street bridge reopens to cyclists in June.');
    logQuestion(t.dbPath, { guildId: GUILD_A, text: 'when does the pool open', outcome: 'unanswered' });
    const before = await snapshot(GUILD_A);
    const unansweredBefore = await t.kb.scope(GUILD_A).unanswered(100);

    for (const sub of ['add', 'list', 'unanswered']) {
      const data = ephemeralReply(await claimCommand(sub, memberA));
      expect(data.content).toMatch(/^Only this server’s moderators can manage claims/);
      expect(data.embeds).toBeUndefined();
    }
    for (const [sub, options] of [
      ['edit', { id: own.id }],
      ['retire', { id: own.id }],
      ['show', { id: own.id }],
      ['history', { id: own.id }],
    ] as const) {
      const data = ephemeralReply(await claimCommand(sub, memberA, options));
      expect(data.content).toMatch(/^Only this server’s moderators/);
      expect(JSON.stringify(data)).not.toContain('Elm Street');
    }

    const forgedAdd = ephemeralReply(await submit('claim:add', memberA, LIBRARY));
    expect(forgedAdd.content).toMatch(/^Only this server’s moderators/);
    const forgedEdit = ephemeralReply(await submit(await editFormId(own.id), memberA, { ...LIBRARY, statement: 'Hijacked.' }));
    expect(forgedEdit.content).toMatch(/^Only this server’s moderators/);
    expect(ephemeralReply(await press('claim:list:1', memberA)).content).toMatch(/^Only this server’s moderators/);
    const dismiss = ephemeralReply(await choose('claim:dismiss', String(unansweredBefore[0]!.id), memberA));
    expect(dismiss.content).toMatch(/^Only this server’s moderators/);

    // Outside a server (a DM) nobody is a moderator.
    const dm = ephemeralReply(await submit('claim:add', { ...modA, guildId: null }, LIBRARY));
    expect(dm.content).toMatch(/^Only this server’s moderators/);

    // Autocomplete gives a non-moderator nothing.
    expect(await autocomplete('show', 'elm', memberA)).toEqual([]);

    expect(await snapshot(GUILD_A)).toBe(before);
    expect(await t.kb.scope(GUILD_A).unanswered(100)).toEqual(unansweredBefore);
  });

  it('keeps a server’s claims out of reach of another server’s moderators, even with forged ids', async () => {
    const claim = await addClaim(GUILD_A, 'The Northgate market moves to the old depot in autumn.');
    const before = await snapshot(GUILD_A);

    for (const sub of ['edit', 'retire', 'show', 'history']) {
      const data = ephemeralReply(await claimCommand(sub, modB, { id: claim.id }));
      expect(data.content).toBe(`There is no claim \`${claim.id}\` in this server. Nothing was changed.`);
      expect(data.embeds).toBeUndefined();
    }
    const forged = ephemeralReply(await submit(await editFormId(claim.id, modA), modB, { ...LIBRARY, statement: 'Taken over by B.' }));
    expect(forged.content).toBe(`There is no claim \`${claim.id}\` in this server. Nothing was changed.`);

    expect(await autocomplete('show', 'northgate', modB)).toEqual([]);
    expect((await autocomplete('show', 'northgate', modA)).map((c) => c.value)).toEqual([claim.id]);
    const list = ephemeralReply(await claimCommand('list', modB));
    expect(JSON.stringify(list)).not.toContain('Northgate');

    expect(await snapshot(GUILD_A)).toBe(before);
    expect((await t.kb.scope(GUILD_B).list({ includeRetired: true })).some((c) => c.statement === 'Taken over by B.')).toBe(false);
    expect((await factcheck('Where does the Northgate market move?', GUILD_A)).data!.embeds![0]!.title).toBe(claim.statement);
  });

  it('treats the curated base as read-only, from the command and from a forged submit', async () => {
    const curated = (await claimOf(t.kb, CURATED, GUILD_A))!;
    const edit = ephemeralReply(await claimCommand('edit', modA, { id: CURATED }));
    expect(edit.content).toContain('is part of the curated base, which is read-only from Discord');
    const retire = ephemeralReply(await claimCommand('retire', modA, { id: CURATED }));
    expect(retire.content).toContain('read-only');
    const forged = ephemeralReply(await submit(`claim:edit:${CURATED}_1`, modA, LIBRARY));
    expect(forged.content).toContain('read-only');
    expect(await claimOf(t.kb, CURATED, GUILD_A)).toEqual(curated);
    expect((await t.kb.scope(null).history(CURATED)).every((e) => e.actor === 'curated')).toBe(true);

    // Showing it is fine.
    const shown = ephemeralReply(await claimCommand('show', modA, { id: CURATED }));
    expect(shown.content).toContain('curated base (read-only here)');
    expect(shown.embeds![0]!.title).toBe(curated.statement);
  });
});

describe('/claim edit, retire, show and history', () => {
  it('edits through a prefilled modal, retires, and records who did what', async () => {
    const added = ephemeralReply(
      await submit('claim:add', modA, {
        statement: 'The Oakfield swimming pool closes for repairs in July.',
        answer: 'The leisure trust says the pool closes for roof repairs throughout July.',
        confidence: 'alleged',
        claimant: 'The leisure trust',
        sources: 'Leisure trust press release | https://example.org/pool | 2026-04-01',
      }),
    );
    const id = /`([a-z0-9-]+)`/.exec(added.content!)![1]!;
    const original = (await claimOf(t.kb, id, GUILD_A))!;
    expect(original.confidence).toBe('alleged');

    const modal = await claimCommand('edit', modA, { id });
    expect(modal.data!.custom_id).toBe(`claim:edit:${id}_${(await t.kb.scope(GUILD_A).editable(id)).version}`);
    const inputs = modalInputs(modal);
    expect(inputs.statement!.value).toBe(original.statement);
    expect(inputs.answer!.value).toBe(original.answer);
    expect(prefilled(inputs.confidence!)).toBe('alleged');
    expect(inputs.claimant!.value).toBe('The leisure trust');
    expect(inputs.sources!.value).toBe('Leisure trust press release | https://example.org/pool | 2026-04-01');

    const newAnswer = 'The council confirmed the pool closes for roof repairs from 1 to 31 July.';
    const correction = 'The council confirmed the closure, so it is no longer only the trust’s claim.';
    const edited = ephemeralReply(
      await editWithNote(
        id,
        { ...modA, userId: MOD_B },
        {
          statement: original.statement,
          answer: newAnswer,
          confidence: 'confirmed',
          claimant: '',
          sources: 'Leisure trust press release | https://example.org/pool | 2026-04-01\nCouncil statement | https://example.org/council',
        },
        correction,
      ),
    );
    const today = new Date().toISOString().slice(0, 10);
    expect(edited.content).toBe(
      `Updated claim \`${id}\`. Changed: answer, confidence, claimant, sources. Answers now show “Updated ${today}: ${correction}”.`,
    );
    expect(edited.embeds![0]!.description).toBe(newAnswer);
    expect(await claimOf(t.kb, id, GUILD_A)).toMatchObject({ answer: newAnswer, confidence: 'confirmed', updatedBy: MOD_B, createdBy: MOD_A });
    expect((await factcheck('Is the Oakfield pool closing for repairs?', GUILD_A)).data!.embeds![0]!.description).toBe(newAnswer);

    const retired = ephemeralReply(await claimCommand('retire', modA, { id, note: 'Repairs finished early' }));
    expect(retired.content).toBe(`Retired \`${id}\`: it is no longer answered. Its history is kept (\`/claim history\`).`);
    expect((await claimOf(t.kb, id, GUILD_A))!.status).toBe('retired');
    expect(JSON.stringify((await factcheck('Is the Oakfield pool closing for repairs?', GUILD_A)).data)).not.toContain(newAnswer);
    expect(ephemeralReply(await claimCommand('retire', modA, { id, note: 'Retiring it twice' })).content).toBe(
      `\`${id}\` was already retired. Nothing was changed.`,
    );

    const shown = ephemeralReply(await claimCommand('show', modA, { id }));
    expect(shown.content).toContain('retired — not answered');
    expect(shown.content).toContain(`Added by <@${MOD_A}>`);
    expect(shown.content).toContain(`last changed by <@${MOD_A}>`);

    const history = ephemeralReply(await claimCommand('history', modA, { id }));
    const entries = await t.kb.scope(GUILD_A).history(id);
    const at = (i: number) => `<t:${Math.floor(Date.parse(entries[i]!.at) / 1000)}:f>`;
    expect(history.embeds![0]!.title).toBe(`History of ${id}`);
    expect(history.embeds![0]!.description).toBe(
      [
        `**add** · ${at(0)} · by <@${MOD_A}>\n  changed: created`,
        `**edit** · ${at(1)} · by <@${MOD_B}>\n  changed: answer, confidence, claimant, sources\n  correction: ${correction}`,
        `**retire** · ${at(2)} · by <@${MOD_A}>\n  changed: status\n  correction: Repairs finished early`,
      ].join('\n'),
    );

    // The history of a curated claim names the curated base as its author.
    const curated = ephemeralReply(await claimCommand('history', modA, { id: CURATED }));
    expect(curated.embeds![0]!.description).toMatch(/^\*\*sync\*\* · <t:\d+:f> · by curated\n {2}changed: created/);
  });

  it('keeps the claim’s questions, keywords and tags, and source quotes, through an edit', async () => {
    const claim = await t.kb.scope(GUILD_A).add(
      {
        statement: 'The Westbrook tram depot will be demolished.',
        answer: 'The transport authority plans to demolish the depot next year.',
        confidence: 'confirmed',
        sources: [{ name: 'Transport plan', url: 'https://example.org/plan', date: '2026-01-15', quote: 'the depot will be cleared' }],
        questions: ['Are they tearing down the tram depot?'],
        keywords: ['depot'],
        tags: ['transport'],
      },
      { by: MOD_A },
    );
    const inputs = modalInputs(await claimCommand('edit', modA, { id: claim.id }));
    expect(inputs.sources!.value).toBe('Transport plan | https://example.org/plan | 2026-01-15 | the depot will be cleared');
    const values = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, prefilled(v) ?? '']));
    const data = ephemeralReply(await editWithNote(claim.id, modA, { ...values, answer: 'Demolition starts in March.' }, 'Added the start date.'));
    expect(data.content).toMatch(
      new RegExp(`^Updated claim \`${claim.id}\`\\. Changed: answer\\. Answers now show “Updated \\d{4}-\\d\\d-\\d\\d: Added the start date\\.”\\.$`),
    );
    expect(await claimOf(t.kb, claim.id, GUILD_A)).toMatchObject({
      questions: claim.questions,
      keywords: claim.keywords,
      tags: claim.tags,
      sources: claim.sources,
      answer: 'Demolition starts in March.',
    });
  });

  it('autocompletes ids: only this server’s own claims for edit/retire, curated ones too for show', async () => {
    const mine = await addClaim(GUILD_A, 'The Kestrel Road air quality sensor recorded record lows.');
    const forEdit = await autocomplete('edit', '', modA);
    expect(forEdit.length).toBeGreaterThan(0);
    expect(forEdit.length).toBeLessThanOrEqual(25);
    for (const choice of forEdit) expect((await claimOf(t.kb, choice.value, GUILD_A))?.guildId).toBe(GUILD_A);
    expect((await autocomplete('retire', 'kestrel air', modA)).map((c) => c.value)).toEqual([mine.id]);

    const forShow = await autocomplete('show', 'air defence', modA);
    expect(forShow.map((c) => c.value)).toContain(CURATED);
    for (const choice of forShow) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(await claimOf(t.kb, choice.value, GUILD_A)).toBeDefined();
    }
    expect((await autocomplete('edit', 'air defence', modA)).map((c) => c.value)).not.toContain(CURATED);
  });
});

describe('/claim list', () => {
  it('pages this server’s claims ten at a time, with Previous/Next buttons and the curated count', async () => {
    const statements = Array.from({ length: 12 }, (_, i) => `Listed claim number ${String(i + 1).padStart(2, '0')} about the harbour.`);
    for (const s of statements) await addClaim(GUILD_LIST, s);
    await addClaim(GUILD_B, 'A claim of another server that must not be listed.');
    const curatedCount = (await t.kb.scope(null).list()).length;

    const first = ephemeralReply(await claimCommand('list', modIn(GUILD_LIST)));
    const embed = first.embeds![0]!;
    expect(embed.title).toBe('This server’s claims — page 1 of 2');
    expect(embed.description!.split('\n').filter((l) => l.startsWith('**'))).toHaveLength(10);
    expect(embed.description).toContain(statements[0]);
    expect(embed.description).not.toContain(statements[10]);
    expect(embed.fields).toEqual([
      { name: 'Also answered here', value: `${curatedCount} curated claims from the shared base are also answered here (read-only from Discord).` },
    ]);
    expect(JSON.stringify(first)).not.toContain('another server');
    expect(first.components).toEqual([
      {
        type: 1,
        components: [
          { type: 2, style: 2, custom_id: 'claim:list:0', label: 'Previous', disabled: true },
          { type: 2, style: 2, custom_id: 'claim:list:2', label: 'Next', disabled: false },
        ],
      },
    ]);

    const next = await press('claim:list:2', modIn(GUILD_LIST));
    expect(next.type).toBe(7);
    expect(next.data!.allowed_mentions).toEqual(NO_PINGS);
    expect(next.data!.embeds![0]!.title).toBe('This server’s claims — page 2 of 2');
    expect(next.data!.embeds![0]!.description).toContain(statements[11]);
    expect(next.data!.embeds![0]!.description).not.toContain(statements[0]);
    expect(next.data!.components![0]!.components!.map((b) => [b.custom_id, b.disabled])).toEqual([
      ['claim:list:1', false],
      ['claim:list:3', true],
    ]);

    // A page past the end (typed or forged) shows the last page.
    const clamped = ephemeralReply(await claimCommand('list', modIn(GUILD_LIST), { page: 9 }));
    expect(clamped.embeds![0]!.title).toBe('This server’s claims — page 2 of 2');

    const empty = ephemeralReply(await claimCommand('list', modIn('2300000000000000099')));
    expect(empty.embeds![0]!.description).toBe('This server has no claims of its own yet. Add one with `/claim add`.');
  });
});

describe('/claim unanswered', () => {
  it('lists the server’s unanswered questions most asked first, and dismisses one', async () => {
    const often = 'who won the regional chess tournament';
    const once = 'what time does the farmers market open';
    for (const q of [often, once, often]) {
      const cb = await factcheck(q, GUILD_UNANSWERED);
      expect(cb.data!.embeds![0]!.title).toBe('No vetted claim');
    }
    logQuestion(t.dbPath, { guildId: GUILD_B, text: 'a question of another server', outcome: 'unanswered' });

    const data = ephemeralReply(await claimCommand('unanswered', modIn(GUILD_UNANSWERED)));
    const lines = data.embeds![0]!.description!.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^\\*\\*1\\.\\*\\* \`${often}\` — asked 2 times, last <t:\\d+:R>$`));
    expect(lines[1]).toMatch(new RegExp(`^\\*\\*2\\.\\*\\* \`${once}\` — asked 1 time, last <t:\\d+:R>$`));
    const select = data.components![0]!.components![0]!;
    expect(select).toMatchObject({ type: 3, custom_id: 'claim:dismiss', min_values: 1, max_values: 1 });
    const groups = await t.kb.scope(GUILD_UNANSWERED).unanswered();
    expect(select.options).toEqual([
      { label: `1. ${often}`, value: String(groups[0]!.id), description: 'asked 2 times' },
      { label: `2. ${once}`, value: String(groups[1]!.id), description: 'asked 1 time' },
    ]);

    // Another server's moderator cannot dismiss it with a forged select.
    const forged = await choose('claim:dismiss', String(groups[0]!.id), modB);
    expect(forged.type).toBe(7);
    expect(forged.data!.content).toBe('That question is not open in this server (already dismissed?). Nothing was changed.');
    expect(await t.kb.scope(GUILD_UNANSWERED).unanswered()).toHaveLength(2);

    const dismissed = await choose('claim:dismiss', String(groups[0]!.id), modIn(GUILD_UNANSWERED));
    expect(dismissed.type).toBe(7);
    expect(dismissed.data!.allowed_mentions).toEqual(NO_PINGS);
    expect(dismissed.data!.content).toBe(`Dismissed \`${often}\` (2 times asked).`);
    expect(dismissed.data!.embeds![0]!.description).not.toContain(often);
    expect(dismissed.data!.embeds![0]!.description).toContain(once);
    expect((await t.kb.scope(GUILD_UNANSWERED).unanswered()).map((g) => g.question)).toEqual([once]);
    expect((await t.kb.scope(GUILD_B).unanswered()).map((g) => g.question)).toContain('a question of another server');

    const last = await choose('claim:dismiss', String(groups[1]!.id), modIn(GUILD_UNANSWERED));
    expect(last.data!.embeds![0]!.description).toMatch(/^No open unanswered questions in this server/);
    expect(last.data!.components).toEqual([]);
  });
});

describe('moderator write rate limit', () => {
  it('refuses a second write within the cooldown, echoing what was typed; nothing extra is written', async () => {
    const slow = await startTestBot({ env: { MODERATOR_WRITE_COOLDOWN_SECONDS: '60' } });
    try {
      const send = async (statement: string) => {
        return formResult(
          slow.fake.sendInteraction(slow.fake.modalSubmit({ customId: 'claim:add', components: { ...LIBRARY, statement }, ...modA })),
          slow.fake,
        );
      };
      const first = await send('The Riverside library opens on Sundays from May.');
      expect(first.data!.content).toMatch(/^Added claim/);
      const second = await send('The Riverside library opens late on Thursdays.');
      expect(second.data!.flags).toBe(EPHEMERAL);
      expect(second.data!.content).toMatch(/^\*\*Not saved\*\* — You are changing claims quickly — try again in \d+ seconds/);
      expect(second.data!.embeds![0]!.description).toBe('```\nThe Riverside library opens late on Thursdays.\n```');
      expect(await slow.kb.scope(GUILD_A).list()).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });
});
