// Newsroom curation through the real discord.js client and a fake Discord: review dates and staleness, public
// corrections (a material edit asks for a note, answers then show it), and answer feedback feeding /claim
// unanswered and /claim stats. Every assertion is about what a member or moderator sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truncate } from '../src/commands/shared/limits.js';
import { PENDING_EDIT_TTL_MS, ValidationError, type Claim } from '../src/knowledge/index.js';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { claimOf, loggedQuestion, logQuestion } from './support/knowledge.js';
import { EPHEMERAL, finalReply, member as memberOf, moderator, type Callback, type Component, type Who } from './support/discordPayloads.js';

const GUILD_A = '2400000000000000001';
const GUILD_B = '2400000000000000002';
const GUILD_STATS = '2400000000000000003';
const MOD_A = '2400000000000000101';
const MOD_A2 = '2400000000000000102';
const MOD_B = '2400000000000000103';
const MEMBER_1 = '2400000000000000201';
const MEMBER_2 = '2400000000000000202';
const INTERVAL_DAYS = 90;
const AIR_DEFENCE_QUESTION = 'did moscow hand pyongyang anti-aircraft missiles?';
const AIR_DEFENCE = 'russia-supplied-air-defence-missiles';
const SUGGESTED_QUESTION = 'did belarus deploy soldiers into ukraine';
const NO_CLAIM_QUESTION = 'where is the best pizza in new york';

const mod = (guildId: string, userId = MOD_A): Who => moderator(guildId, userId);
const member = (guildId: string, userId = MEMBER_1): Who => memberOf(guildId, userId);

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ env: { REVIEW_INTERVAL_DAYS: String(INTERVAL_DAYS) } });
});
afterAll(async () => {
  await t?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** What the user sees for a command (a deferred one is edited: the edit is returned as the reply it amounts to). */
async function command(name: string, who: Who, options: Record<string, string | number | boolean> = {}, subcommand?: string): Promise<Callback> {
  return finalReply(t.fake, t.fake.sendInteraction(t.fake.chatInput({ name, options, ...(subcommand ? { subcommand } : {}), ...who })));
}
const claimCommand = (sub: string, who: Who, options: Record<string, string | number> = {}) => command('claim', who, options, sub);
const factcheck = (question: string, who: Who, isPrivate?: boolean) =>
  command('factcheck', who, isPrivate === undefined ? { question } : { question, private: isPrivate });

async function press(customId: string, who: Who): Promise<Callback> {
  const { id } = t.fake.sendInteraction(t.fake.button({ customId, ...who }));
  return (await t.fake.waitForCallback(id, 5000)) as Callback;
}

/** A form submit; a valid one is deferred and edited, which is returned as the reply it amounts to. */
async function submit(customId: string, who: Who, values: Record<string, string>): Promise<Callback> {
  return finalReply(t.fake, t.fake.sendInteraction(t.fake.modalSubmit({ customId, components: values, ...who })));
}

/** The custom_id of the edit form `/claim edit` opens on a claim now (it names the claim's version). */
async function editFormId(id: string, who: Who = mod(GUILD_A)): Promise<string> {
  const modal = await claimCommand('edit', who, { id });
  expect(modal.type).toBe(9);
  return modal.data!.custom_id!;
}

function ephemeral(cb: Callback): NonNullable<Callback['data']> {
  expect(cb.type).toBe(4);
  expect(cb.data!.flags).toBe(EPHEMERAL);
  return cb.data!;
}

function buttons(cb: Callback): Component[] {
  return (cb.data!.components ?? []).flatMap((row) => row.components ?? []);
}

/** The feedback buttons of an answer, checked for their labels and custom_id grammar; returns the asked id. */
function feedbackButtons(cb: Callback): { askedId: string; helpful: string; wrong: string } {
  const [helpful, wrong, ...rest] = buttons(cb);
  expect(rest).toEqual([]);
  expect([helpful?.label, wrong?.label]).toEqual(['Helpful', 'Not what I asked']);
  const askedId = /^fb:helpful:(\d+)$/.exec(helpful!.custom_id!)![1]!;
  expect(wrong!.custom_id).toBe(`fb:wrong:${askedId}`);
  return { askedId, helpful: helpful!.custom_id!, wrong: wrong!.custom_id! };
}

function formValues(claim: Claim): Record<string, string> {
  return {
    statement: claim.statement,
    answer: claim.answer,
    confidence: claim.confidence,
    claimant: claim.claimant ?? '',
    sources: claim.sources.map((s) => [s.name, s.url ?? '', s.date ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n'),
  };
}

async function addClaim(guildId: string, input: Partial<Claim> & { statement: string }): Promise<Claim> {
  return t.kb.scope(guildId).add(
    {
      answer: `What is known about: ${input.statement}`,
      confidence: 'confirmed',
      sources: [{ name: 'Town newsletter', url: 'https://example.org/news' }],
      ...input,
    },
    { by: MOD_A },
  );
}

describe('review dates and staleness', () => {
  it('flags a claim past the review interval in /claim list and /claim stale; /claim review clears it and history shows it', async () => {
    const old = 'harbour-crane-removed';
    const fresh = 'harbour-ferry-timetable';
    await t.kb.scope(GUILD_A).import(
      [
        {
          id: 'harbour-crane-removed',
          statement: 'The old harbour crane was removed for restoration.',
          answer: 'The port authority removed the crane in March for a two-year restoration.',
          confidence: 'confirmed',
          sources: [{ name: 'Port authority notice' }],
          reviewedAt: '2025-03-01T12:00:00.000Z',
        },
        {
          id: 'harbour-ferry-timetable',
          statement: 'The harbour ferry runs every 20 minutes in summer.',
          answer: 'The summer timetable has a ferry every 20 minutes.',
          confidence: 'confirmed',
          sources: [{ name: 'Ferry timetable' }],
        },
      ],
      { by: MOD_A },
    );
    const daysOld = Math.floor((Date.now() - Date.parse('2025-03-01T12:00:00.000Z')) / 86_400_000);

    const list = ephemeral(await claimCommand('list', mod(GUILD_A))).embeds![0]!;
    const lines = list.description!.split('\n');
    expect(lines[lines.indexOf(`\`${old}\` · ⏰ review due`) - 1]).toContain('The old harbour crane was removed');
    expect(lines).toContain(`\`${fresh}\``);
    expect(list.footer!.text).toContain('1 due for review (/claim stale)');

    const stale = ephemeral(await claimCommand('stale', mod(GUILD_A))).embeds![0]!;
    expect(stale.title).toBe(`Due for review — not re-checked in ${INTERVAL_DAYS} days or more`);
    expect(stale.description).toBe(
      `**1.** ⏰ ${daysOld} days since review (2025-03-01) · The old harbour crane was removed for restoration.\n\`${old}\``,
    );
    const curatedDue = (await t.kb.scope(null).stale(INTERVAL_DAYS)).claims.length;
    expect(stale.fields).toEqual([
      {
        name: 'Curated base',
        value: curatedDue
          ? (expect.stringMatching(
              new RegExp(`^${curatedDue} curated claims? (is|are) due for review too; only the bot’s maintainers can review`),
            ) as unknown)
          : 'No curated claim is due for review.',
      },
    ]);
    // Another server sees none of it.
    expect(ephemeral(await claimCommand('stale', mod(GUILD_B, MOD_B))).embeds![0]!.description).toBe(
      `Every claim of this server was reviewed in the last ${INTERVAL_DAYS} days.`,
    );

    const reviewed = ephemeral(await claimCommand('review', mod(GUILD_A, MOD_A2), { id: old }));
    expect(reviewed.content).toBe(
      `Marked \`${old}\` as re-checked: last reviewed ${today()}, next review due ${daysFromNow(INTERVAL_DAYS)}. The history records it (\`/claim history\`).`,
    );
    expect(ephemeral(await claimCommand('stale', mod(GUILD_A))).embeds![0]!.description).toBe(
      `Every claim of this server was reviewed in the last ${INTERVAL_DAYS} days.`,
    );
    expect(JSON.stringify(ephemeral(await claimCommand('list', mod(GUILD_A))).embeds)).not.toContain('review due');

    const answer = await factcheck('was the harbour crane removed?', member(GUILD_A));
    expect(answer.data!.embeds![0]!.fields!.find((f) => f.name === 'Last reviewed')!.value).toBe(today());

    const history = ephemeral(await claimCommand('history', mod(GUILD_A), { id: old })).embeds![0]!;
    const review = (await t.kb.scope(GUILD_A).history(old)).at(-1)!;
    expect(history.description!.split('\n').slice(-2)).toEqual([
      `**review** · <t:${Math.floor(Date.parse(review.at) / 1000)}:f> · by <@${MOD_A2}>`,
      '  re-checked; content unchanged',
    ]);
    expect(history.footer!.text).toContain(`last reviewed ${today()}`);
  });

  it('leaves curated claims to the maintainers, and refuses members', async () => {
    expect(ephemeral(await claimCommand('review', mod(GUILD_A), { id: AIR_DEFENCE })).content).toContain(
      'is part of the curated base, which is read-only',
    );
    for (const sub of ['stale', 'stats']) {
      expect(ephemeral(await claimCommand(sub, member(GUILD_A))).content).toMatch(/^Only this server’s moderators/);
    }
    const before = await claimOf(t.kb, 'harbour-ferry-timetable', GUILD_A);
    expect(ephemeral(await claimCommand('review', member(GUILD_A), { id: 'harbour-ferry-timetable' })).content).toMatch(
      /^Only this server’s moderators/,
    );
    expect(await claimOf(t.kb, 'harbour-ferry-timetable', GUILD_A)).toEqual(before);
  });
});

describe('public corrections', () => {
  it('asks for a note on a material edit, saves it with the note, and answers then show “Updated {date}: {note}”', async () => {
    const claim = await addClaim(GUILD_A, {
      statement: 'The Millbrook bridge reopens to traffic in June.',
      answer: 'The council said the Millbrook bridge would reopen to traffic in June after repairs.',
    });
    const edited = { ...formValues(claim), answer: 'The council now says the Millbrook bridge reopens in September; the repairs overran.' };

    const asked = ephemeral(await submit(await editFormId(claim.id), mod(GUILD_A), edited));
    expect(asked.content).toBe(
      `This changes the answer of \`${claim.id}\` — corrections are public: add a note. Answers will show “Updated {date}: {your note}”. ` +
        'Nothing is saved until you add it (within 15 minutes).',
    );
    expect(await claimOf(t.kb, claim.id, GUILD_A)).toEqual(claim);
    const noteButton = buttons({ type: 4, data: asked })[0]!;
    expect(noteButton.custom_id).toMatch(/^claim:note:[A-Za-z0-9_-]{12}$/);

    // Only the moderator who made the edit, in that server, can finish it.
    expect(ephemeral(await press(noteButton.custom_id!, mod(GUILD_A, MOD_A2))).content).toMatch(/^That edit is no longer waiting for a note/);
    expect(ephemeral(await submit(noteButton.custom_id!, mod(GUILD_B, MOD_A), { note: 'Hijacking the edit.' })).content).toMatch(
      /^That edit is no longer waiting for a note/,
    );
    expect(ephemeral(await press(noteButton.custom_id!, member(GUILD_A, MOD_A))).content).toMatch(/^Only this server’s moderators/);

    const modal = await press(noteButton.custom_id!, mod(GUILD_A));
    expect(modal.type).toBe(9);
    expect(modal.data!.custom_id).toBe(noteButton.custom_id);
    const input = modal.data!.components![0]!.component!;
    expect(input).toMatchObject({ type: 4, custom_id: 'note', required: true, min_length: 5, max_length: 300 });

    // A note that says nothing is refused (a forged submit can skip the form's limits); the edit stays pending.
    const empty = ephemeral(await submit(noteButton.custom_id!, mod(GUILD_A), { note: ' ok ' }));
    expect(empty.content).toMatch(/^\*\*Not saved\*\* — note: must say what changed and why \(at least 5 characters\)/);
    expect(await claimOf(t.kb, claim.id, GUILD_A)).toEqual(claim);

    const note = 'Repairs overran; reopening moved from June to September.';
    const saved = ephemeral(await submit(noteButton.custom_id!, mod(GUILD_A), { note }));
    expect(saved.content).toBe(`Updated claim \`${claim.id}\`. Changed: answer. Answers now show “Updated ${today()}: ${note}”.`);
    expect((await claimOf(t.kb, claim.id, GUILD_A))!.answer).toBe(edited.answer);
    // Saved once: the button is spent, and says so.
    expect(ephemeral(await press(noteButton.custom_id!, mod(GUILD_A))).content).toMatch(
      new RegExp(`^That edit of \`${claim.id}\` was saved with its note <t:\\d+:R>; it was applied once\\. Nothing more was changed\\.$`),
    );

    for (const isPrivate of [false, true]) {
      const answer = await factcheck('when does the millbrook bridge reopen?', member(GUILD_A), isPrivate);
      const embed = answer.data!.embeds![0]!;
      expect(embed.description).toBe(edited.answer);
      expect(embed.fields!.map((f) => f.name)).toEqual(['Correction', 'Confidence', 'Source', 'Last reviewed']);
      expect(embed.fields![0]!.value).toBe(`Updated ${today()}: ${note}`);
    }
    const history = ephemeral(await claimCommand('history', mod(GUILD_A), { id: claim.id })).embeds![0]!.description!;
    expect(history).toContain(`changed: answer\n  correction: ${note}`);
  });

  it('saves an edit of the sources alone without a note', async () => {
    const claim = await addClaim(GUILD_A, { statement: 'The Kingsway library extends its opening hours.' });
    const saved = ephemeral(
      await submit(await editFormId(claim.id), mod(GUILD_A), { ...formValues(claim), sources: 'Library notice | https://example.org/library' }),
    );
    expect(saved.content).toBe(`Updated claim \`${claim.id}\`. Changed: sources.`);
    expect((await claimOf(t.kb, claim.id, GUILD_A))!.sources).toEqual([{ name: 'Library notice', url: 'https://example.org/library' }]);
    expect((await t.kb.scope(GUILD_A).claim(claim.id))!.correction).toBeNull();
  });

  it('refuses the note when someone changed the claim in between', async () => {
    const claim = await addClaim(GUILD_A, { statement: 'The Eastfield market moves to Saturdays.' });
    const asked = ephemeral(
      await submit(await editFormId(claim.id), mod(GUILD_A), { ...formValues(claim), confidence: 'alleged', claimant: 'Market traders' }),
    );
    expect(asked.content).toMatch(/^This changes the confidence and claimant of /);
    await t.kb.scope(GUILD_A).edit(claim.id, { ...claim, sources: [{ name: 'Market notice' }] }, { by: MOD_A2 });
    const customId = buttons({ type: 4, data: asked })[0]!.custom_id!;
    const refused = ephemeral(await submit(customId, mod(GUILD_A), { note: 'Only the traders say so.' }));
    expect(refused.content).toMatch(
      new RegExp(
        `^\`${claim.id}\` was changed since you submitted your edit: edit by <@${MOD_A2}> \\(sources\\) <t:\\d+:R>\\. ` +
          'Nothing was saved, so that change is not undone — run `/claim edit` again to start from the current version\\.$',
      ),
    );
    expect((await claimOf(t.kb, claim.id, GUILD_A))!.confidence).toBe('confirmed');
  });

  it('needs a note to retire: required by the command, refused by the store when empty', async () => {
    const claim = await addClaim(GUILD_A, { statement: 'The Northside pool has a new diving board.' });
    // A client cannot send /claim retire without the note; a forged one with a blank note changes nothing.
    expect(ephemeral(await claimCommand('retire', mod(GUILD_A), { id: claim.id, note: '   ' })).content).toBe(
      'Not saved:\n• note: must say what changed and why (at least 5 characters)',
    );
    await expect(t.kb.scope(GUILD_A).retire(claim.id, { by: MOD_A, note: '' })).rejects.toThrow(ValidationError);
    expect((await claimOf(t.kb, claim.id, GUILD_A))!.status).toBe('active');
  });

  it('keeps a pending edit for its own moderator and server for 15 minutes', async () => {
    const claim = await addClaim(GUILD_A, { statement: 'The Westgate ferry runs hourly.' });
    const scope = t.kb.scope(GUILD_A);
    const draft = await scope.draftEdit(claim.id, { ...claim, answer: 'The Westgate ferry runs every 90 minutes.' });
    if (draft.kind !== 'edit') throw new Error('expected a draft');
    const now = new Date();
    const held = await scope.holdEdit(draft, { by: MOD_A, now });
    if (held.status !== 'held') throw new Error('expected the edit to be kept');
    expect(held.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect((await scope.heldEdit(held.id, { by: MOD_A, now })).status).toBe('waiting');
    expect((await scope.heldEdit(held.id, { by: MOD_A2, now })).status).toBe('gone');
    expect((await t.kb.scope(GUILD_B).heldEdit(held.id, { by: MOD_A, now })).status).toBe('gone');
    const later = new Date(now.getTime() + PENDING_EDIT_TTL_MS);
    expect((await scope.heldEdit(held.id, { by: MOD_A, now: later })).status).toBe('gone');
  });
});

describe('answer feedback', () => {
  it('puts Helpful and Not what I asked under every answer: public, private, a picked value and a chosen suggestion', async () => {
    const publicAnswer = await factcheck(AIR_DEFENCE_QUESTION, member(GUILD_A));
    expect(publicAnswer.data!.flags ?? 0).toBe(0);
    feedbackButtons(publicAnswer);
    feedbackButtons(await factcheck(AIR_DEFENCE_QUESTION, member(GUILD_A), true));
    feedbackButtons(await factcheck(`claim:${AIR_DEFENCE}`, member(GUILD_A)));

    const suggestions = await factcheck(SUGGESTED_QUESTION, member(GUILD_A));
    expect(suggestions.data!.embeds![0]!.title).toBe('No vetted answer to that exact question — closest claims:');
    // The closest claims' buttons (the last one, "Notify me", is not one of them).
    const picks = buttons(suggestions).filter((b) => b.custom_id?.startsWith('fc:pick:'));
    const pick = picks[1] ?? picks[0]!;
    expect(pick.custom_id).toMatch(/^fc:pick:\d+-[12]$/);
    // The question it names belongs to this server: pressed elsewhere (a forged button), it shows nothing.
    expect(ephemeral(await press(pick.custom_id!, member(GUILD_B))).content).toBe('That claim is not available in this server any more.');
    const shown = await press(pick.custom_id!, member(GUILD_A));
    expect(shown.data!.flags).toBe(EPHEMERAL);
    const { askedId } = feedbackButtons(shown);
    expect(loggedQuestion(t.dbPath, Number(askedId), GUILD_A)).toMatchObject({ question: SUGGESTED_QUESTION, outcome: 'answered' });

    // No answer, no feedback buttons (only "Notify me"); nor on a suggestion button from before suggestions named their question.
    expect(buttons(await factcheck(NO_CLAIM_QUESTION, member(GUILD_A))).map((b) => b.label)).toEqual(['Notify me']);
    const legacy = await press(`fc:show:${AIR_DEFENCE}`, member(GUILD_A));
    expect(legacy.data!.embeds![0]!.footer!.text).toContain(AIR_DEFENCE);
    expect(buttons(legacy)).toEqual([]);
  });

  it('records one vote per member, sends “Not what I asked” to /claim unanswered with the claim it got, and refuses forged ids', async () => {
    const question = 'did moscow give the north anti aircraft weapons';
    const answer = await factcheck(question, member(GUILD_A));
    const gotClaim = answer.data!.embeds![0]!.footer!.text.match(/Claim ([a-z0-9-]+)/)![1]!;
    const { askedId, helpful, wrong } = feedbackButtons(answer);

    // A forged id in another server refers to nothing there: refused, nothing recorded.
    const forged = ephemeral(await press(helpful, member(GUILD_B)));
    expect(forged.content).toBe('That answer is not from this server, so there is nothing to give feedback on.');
    expect(ephemeral(await press('fb:wrong:999999999', member(GUILD_A))).content).toBe(forged.content);

    expect(ephemeral(await press(helpful, member(GUILD_A, MEMBER_1))).content).toBe('Thanks — noted.');
    expect(ephemeral(await press(helpful, member(GUILD_A, MEMBER_1))).content).toBe('Your feedback on this answer is already recorded.');
    expect(ephemeral(await press(wrong, member(GUILD_A, MEMBER_1))).content).toBe('Your feedback on this answer is already recorded.');
    expect(ephemeral(await press(wrong, member(GUILD_A, MEMBER_2))).content).toMatch(/^Thanks — noted\./);

    const stats = await t.kb.scope(GUILD_A).stats(1);
    expect([stats.helpful, stats.notWhatIAsked]).toEqual([1, 1]);
    expect(await t.kb.scope(GUILD_B).stats(1)).toMatchObject({ helpful: 0, notWhatIAsked: 0 });
    expect(Number(askedId)).toBeGreaterThan(0);

    const unanswered = ephemeral(await claimCommand('unanswered', mod(GUILD_A))).embeds![0]!.description!;
    expect(unanswered).toMatch(new RegExp(`\`${question}\` — asked 1 time, last <t:\\d+:R> · closest claim \`${gotClaim}\``));
  });
});

describe('/claim stats', () => {
  it('shows the 7- and 30-day counts, the most-asked unanswered questions and the claims most often “not what I asked”', async () => {
    const who = member(GUILD_STATS);
    const answered = await factcheck(AIR_DEFENCE_QUESTION, who);
    await factcheck("what's the UN yearly limit on oil for north korea", who);
    const suggested = await factcheck(SUGGESTED_QUESTION, who);
    await factcheck(NO_CLAIM_QUESTION, who);
    await factcheck('Where is the best pizza in New York', who);
    // Choosing one of the closest claims answers that question; it is still one question, counted as suggested.
    const pick = suggested.data!.components![0]!.components![0]!.custom_id!;
    expect(pick).toMatch(/^fc:pick:/);
    expect((await press(pick, who)).data!.embeds).toHaveLength(1);
    const { helpful, wrong } = feedbackButtons(answered);
    await press(helpful, member(GUILD_STATS, MEMBER_1));
    await press(wrong, member(GUILD_STATS, MEMBER_2));
    logQuestion(t.dbPath, { guildId: GUILD_A, text: 'a question of another server', outcome: 'unanswered' });

    const embed = ephemeral(await claimCommand('stats', mod(GUILD_STATS))).embeds![0]!;
    expect(embed.title).toBe('Questions and feedback in this server');
    const statement = (await claimOf(t.kb, AIR_DEFENCE, null))!.statement;
    for (const days of [7, 30]) {
      const field = (name: string) => embed.fields!.find((f) => f.name === name)?.value;
      expect(field(`Last ${days} days`)).toBe(
        'Questions answered **2** · suggested **1** · unanswered **2**\nFeedback: helpful **1** · not what I asked **1**',
      );
      expect(field(`Most-asked unanswered — ${days} days`)!.split('\n')).toEqual([
        expect.stringMatching(/^1\. `where is the best pizza in new york` — 2×$/i),
        `2. \`${SUGGESTED_QUESTION}\` — 1×`,
      ]);
      // The statement is shortened to keep five of them inside one embed field.
      expect(field(`Most often “Not what I asked” — ${days} days`)).toBe(`1. \`${AIR_DEFENCE}\` ${truncate(statement, 120)} — 1×`);
    }
    expect(JSON.stringify(embed)).not.toContain('another server');
  });

  it('no longer lists a question as most-asked unanswered once a moderator dismissed it', async () => {
    const guild = '2400000000000000004';
    const who = member(guild);
    const dismissed = 'who won the regional chess tournament';
    const kept = 'what time does the farmers market open';
    for (const question of [dismissed, dismissed, kept]) expect((await factcheck(question, who)).data!.embeds![0]!.title).toBe('No vetted claim');
    const mostAsked = async () =>
      ephemeral(await claimCommand('stats', mod(guild))).embeds![0]!.fields!.find((f) => f.name === 'Most-asked unanswered — 7 days')!.value;
    expect(await mostAsked()).toBe(`1. \`${dismissed}\` — 2×\n2. \`${kept}\` — 1×`);

    const list = ephemeral(await claimCommand('unanswered', mod(guild)));
    const option = list.components![0]!.components![0]!.options!.find((o) => o.label.includes(dismissed))!;
    const sent = t.fake.sendInteraction(t.fake.stringSelect({ customId: 'claim:dismiss', values: [option.value], ...mod(guild) }));
    expect((await finalReply(t.fake, sent)).data!.content).toBe(`Dismissed \`${dismissed}\` (2 times asked).`);

    expect(await mostAsked()).toBe(`1. \`${kept}\` — 1×`);
    // Asked again after the dismissal, it is back, counted from then on (the newest first among equals).
    await factcheck(dismissed, who);
    expect(await mostAsked()).toBe(`1. \`${dismissed}\` — 1×\n2. \`${kept}\` — 1×`);
  });
});
