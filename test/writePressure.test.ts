// Answering while the database will not take writes: another program holds its write lock (an import, a backup
// tool), or the disk is full. Members' questions and votes are answered from memory at once, inside Discord's 3 s;
// a moderator's save waits off the event loop and is saved when the lock is free, or refused with a clear reply.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { startBotProcess, type BotProcess } from './support/botProcess.js';
import { finalReply, member, moderator, type Callback } from './support/discordPayloads.js';
import { startFakeDiscord, type FakeDiscord } from './support/fakeDiscord.js';
import { tempDatabasePath } from './support/knowledge.js';

const GUILD = '2600000000000000001';
const MOD = '2600000000000000101';
const DEADLINE_MS = 3000;
const QUESTIONS = [
  'how many barrels of oil did russia send to north korea',
  'did moscow hand pyongyang anti-aircraft missiles?',
  'north korean soldiers fighting in ukraine',
  'did north korea launch a spy satellite',
  'what is the weather tomorrow',
  'how many tanker trips carried russian oil',
];
const FORM = {
  statement: 'The harbour ferry timetable changed for the winter.',
  answer: 'The harbour office published the winter timetable.',
  confidence: 'confirmed',
  claimant: '',
  sources: 'Harbour notice | https://example.org/ferry',
};

/** Callbacks Discord refused because they came after its deadline. */
const late = (fake: FakeDiscord) => fake.requests.filter((r) => r.status === 404 && r.route.includes('/callback'));

/** Asks each question as a member; returns what each got (every one must be answered inside the deadline). */
async function ask(fake: FakeDiscord, questions: string[]): Promise<Callback[]> {
  return Promise.all(
    questions.map(async (question, i) => {
      const { id } = fake.sendInteraction(
        fake.chatInput({ name: 'factcheck', options: { question }, ...member(GUILD, `26000000000000002${String(i).padStart(2, '0')}`) }),
      );
      return (await fake.waitForCallback(id, DEADLINE_MS + 2000)) as Callback;
    }),
  );
}

describe('another program holding the write lock', () => {
  let t: TestBot;
  let holder: Database.Database | undefined;
  afterAll(async () => {
    if (holder?.inTransaction) holder.exec('ROLLBACK');
    holder?.close();
    await t?.stop();
  });

  it('answers every question and vote meanwhile, and saves a moderator’s form once the lock is free', async () => {
    t = await startTestBot({ fake: { callbackDeadlineMs: DEADLINE_MS } });
    const existing = await t.kb
      .scope(GUILD)
      .add({ statement: 'The ferry runs hourly.', answer: FORM.answer, confidence: 'confirmed', sources: [{ name: 'Harbour notice' }] }, { by: MOD });
    holder = new Database(t.dbPath);
    holder.exec('BEGIN IMMEDIATE');

    // The forms first: with a synchronous busy wait, each would freeze the bot for seconds, and the questions after it.
    const form = t.fake.sendInteraction(t.fake.modalSubmit({ customId: 'claim:add', components: FORM, ...moderator(GUILD, MOD) }));
    expect(((await t.fake.waitForCallback(form.id, DEADLINE_MS)) as Callback).type).toBe(5);
    const editForm = await finalReply(
      t.fake,
      t.fake.sendInteraction(t.fake.chatInput({ name: 'claim', subcommand: 'edit', options: { id: existing.id }, ...moderator(GUILD, MOD) })),
    );
    const correction = t.fake.sendInteraction(
      t.fake.modalSubmit({
        customId: editForm.data!.custom_id!,
        components: { ...FORM, statement: existing.statement, answer: 'The ferry runs every 90 minutes.', sources: 'Harbour notice' },
        ...moderator(GUILD, MOD),
      }),
    );
    expect(((await t.fake.waitForCallback(correction.id, DEADLINE_MS)) as Callback).type).toBe(5);
    const replies = await ask(t.fake, [...QUESTIONS, ...QUESTIONS]);
    expect(replies.every((cb) => cb.type === 4 && cb.data!.embeds!.length > 0)).toBe(true);
    const vote = replies.find((cb) => cb.data!.components?.[0]?.components?.[0]?.custom_id?.startsWith('fb:helpful:'))!;
    const voted = await finalReply(
      t.fake,
      t.fake.sendInteraction(
        t.fake.button({ customId: vote.data!.components![0]!.components![0]!.custom_id!, ...member(GUILD, '2600000000000000299') }),
      ),
    );
    expect(voted.data!.content).toBe('Thanks — noted.');
    expect(late(t.fake)).toEqual([]);

    holder.exec('COMMIT');
    const saved = (await t.fake.waitForEdit(form.token, 10_000)) as { content?: string };
    expect(saved.content).toMatch(/^Added claim/);
    const held = (await t.fake.waitForEdit(correction.token, 10_000)) as { content?: string };
    expect(held.content).toMatch(/^This changes the answer of .* — corrections are public: add a note\./);
    // The questions and the vote were written once the lock was free.
    const stats = await t.kb.scope(GUILD).stats(1);
    expect(stats.answered + stats.suggested + stats.unanswered).toBe(QUESTIONS.length * 2);
    expect(stats.helpful).toBe(1);
  });

  it('refuses a moderator’s form with a clear reply when the lock is held too long, answering questions all the while', async () => {
    holder!.exec('BEGIN IMMEDIATE');
    const form = t.fake.sendInteraction(
      t.fake.modalSubmit({ customId: 'claim:add', components: { ...FORM, statement: 'The ferry stops at the new pier.' }, ...moderator(GUILD, MOD) }),
    );
    expect(((await t.fake.waitForCallback(form.id, DEADLINE_MS)) as Callback).type).toBe(5);
    for (let round = 0; round < 3; round++) expect((await ask(t.fake, QUESTIONS)).every((cb) => cb.type === 4)).toBe(true);
    const refused = (await t.fake.waitForEdit(form.token, 20_000)) as { content?: string; embeds?: Array<{ description?: string }> };
    holder!.exec('COMMIT');
    expect(refused.content).toMatch(/^\*\*Not saved\*\* — the database is busy with another program’s change/);
    expect(refused.embeds![0]!.description).toBe('```\nThe ferry stops at the new pier.\n```');
    expect(late(t.fake)).toEqual([]);
    expect((await t.kb.scope(GUILD).list()).map((c) => c.statement)).not.toContain('The ferry stops at the new pier.');
  }, 40_000);
});

describe('a disk that refuses writes', () => {
  let fake: FakeDiscord | undefined;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    bot?.child.kill('SIGKILL');
    await fake?.stop();
  });

  it('still gets every question answered, and says in the log that the questions could not be written', async () => {
    fake = await startFakeDiscord({ callbackDeadlineMs: DEADLINE_MS });
    const databasePath = tempDatabasePath();
    await (await KnowledgeBase.open({ databasePath })).close();
    // With a file size limit of 32 KiB, the database's log takes a few commits, then every write fails, as on a full
    // disk (SQLite reports a write refused this way as "disk I/O error"; on a full disk, "database or disk is full").
    bot = await startBotProcess(fake, { databasePath, fileSizeLimitBlocks: 64, env: { FACTCHECK_COOLDOWN_SECONDS: '0' } });

    const replies: Callback[] = [];
    for (let round = 0; round < 5; round++) replies.push(...(await ask(fake, QUESTIONS)));
    expect(replies.filter((cb) => cb.type !== 4 || !cb.data!.embeds?.length)).toEqual([]);
    expect(JSON.stringify(replies)).not.toContain('Something went wrong');
    expect(late(fake)).toEqual([]);
    await bot.waitForLog('question log: cannot write', 5000);
    const refusals = bot
      .log()
      .split('\n')
      .filter((line) => line.includes('question log: cannot write'));
    // Reported once (not once per retry), with SQLite's reason.
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatch(/disk I\/O error|disk is full/);
  }, 60_000);
});
