// The store behind the knowledge base: schema migrations, the curated sync, servers kept apart, the audit trail,
// all-or-nothing imports, the unanswered log, and changes reaching the next question (also from another process).
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readCuratedFile } from '../src/knowledge/curated/index.js';
import { ClaimNotFoundError, ReadOnlyClaimError, ValidationError } from '../src/knowledge/errors.js';
import { KnowledgeBase } from '../src/knowledge/knowledgeBase.js';
import type { Actor } from '../src/knowledge/store/claimStore.js';
import { SCHEMA_VERSION } from '../src/knowledge/store/migrations.js';
import { GUILD_A, GUILD_B, MODERATOR, tempDatabasePath, tramClaim } from './support/knowledge.js';

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const handle of opened.splice(0)) handle.close();
});

function open(databasePath = tempDatabasePath()): KnowledgeBase {
  const kb = KnowledgeBase.open({ databasePath });
  opened.push(kb);
  return kb;
}

/** A second, plain connection to the file: what another process (or a curious admin) sees. */
function rawConnection(databasePath: string): Database.Database {
  const db = new Database(databasePath);
  opened.push(db);
  return db;
}

const count = (db: Database.Database, table: 'claims' | 'audit') =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

const curatedRecords = () => readCuratedFile() as Array<Record<string, unknown>>;
const moderatorOfA: Actor = { actor: MODERATOR, guildId: GUILD_A };
const TRAM_QUESTION = 'did the city council approve the tram line?';

function validationIssues(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('migrations', () => {
  it('upgrades a database at version 0 with no tables, and reopening it changes nothing', () => {
    const path = tempDatabasePath();
    const empty = new Database(path);
    expect(empty.pragma('user_version', { simple: true })).toBe(0);
    empty.close();

    const kb = open(path);
    const curatedCount = curatedRecords().length;
    expect(kb.visible(null)).toHaveLength(curatedCount);
    kb.add(tramClaim(), moderatorOfA);
    kb.close();

    const again = open(path);
    expect(again.syncReport).toEqual({ added: 0, updated: 0, unchanged: curatedCount, retired: 0 });
    expect(again.get('council-approved-tram-line', GUILD_A)?.status).toBe('active');
    expect(again.ask(TRAM_QUESTION, GUILD_A).match?.claim.id).toBe('council-approved-tram-line');
    const raw = rawConnection(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(count(raw, 'claims')).toBe(curatedCount + 1);
  });

  it('upgrades a version 4 database with rows in both question tables into one log, nothing lost', () => {
    // Written by the v4 code itself (test/fixtures/v4-database.sql): what it showed moderators is below.
    const path = tempDatabasePath();
    const v4 = new Database(path);
    v4.exec(readFileSync(new URL('./fixtures/v4-database.sql', import.meta.url), 'utf8'));
    const v4Asked = (v4.prepare('SELECT COUNT(*) AS n FROM asked').get() as { n: number }).n;
    v4.close();
    const [A, B] = ['7700000000000000001', '7700000000000000002'];
    const now = new Date('2026-12-01T20:19:36.473Z');

    const kb = open(path);
    const queue = (guildId: string | null) => kb.listUnanswered(guildId, 100).map(({ id: _id, ...group }) => group);
    // The same queue v4 showed, in the same order: each dismissal kept, each "Not what I asked" vote counted once,
    // and the question that only the unanswered table had (from before the question log) still there.
    expect(queue(A)).toEqual([
      { question: 'where is the best pizza in new york', count: 3, lastAskedAt: '2026-12-01T20:18:36.469Z', bestClaimId: null, bestScore: null },
      { question: 'did moscow give the north anti aircraft weapons', count: 2, lastAskedAt: '2026-12-01T20:18:36.472Z', bestClaimId: 'russia-supplied-air-defence-missiles', bestScore: 1 },
      { question: 'did belarus deploy soldiers into ukraine', count: 2, lastAskedAt: '2026-12-01T20:18:36.469Z', bestClaimId: 'north-korean-troops-deployed-to-ukraine', bestScore: 0.5238152489943743 },
      { question: 'who won the chess final', count: 1, lastAskedAt: '2026-12-01T20:18:36.468Z', bestClaimId: null, bestScore: null },
      { question: 'an old question from before the question log', count: 1, lastAskedAt: '2026-01-02T03:04:05.000Z', bestClaimId: null, bestScore: null },
    ]);
    expect(queue(B)).toEqual([{ question: 'when does the pool open', count: 1, lastAskedAt: '2026-12-01T20:18:36.472Z', bestClaimId: null, bestScore: null }]);
    expect(queue(null).map((g) => g.question)).toEqual(['who won the cup']);

    // The same figures v4 showed, except that dismissed questions are no longer most-asked unanswered: v4 listed
    // "who won the chess final" twice (once dismissed) and the dismissed "is it raining in oslo".
    expect(kb.questions.stats(A, 30, now)).toEqual({
      days: 30,
      answered: 2,
      suggested: 2,
      unanswered: 6,
      helpful: 1,
      notWhatIAsked: 2,
      topUnanswered: [
        { question: 'Where is the best pizza in New York', count: 3 },
        { question: 'did belarus deploy soldiers into ukraine', count: 2 },
        { question: 'who won the chess final', count: 1 },
      ],
      topNotWhatIAsked: [{ claimId: 'russia-supplied-air-defence-missiles', count: 2 }],
    });
    expect(kb.questions.stats(B, 30, now)).toMatchObject({ unanswered: 1, topUnanswered: [{ question: 'when does the pool open', count: 1 }] });
    // A chosen suggestion still names its question, and the answer marked "Not what I asked" keeps its votes.
    expect(kb.questions.get(10, A)).toMatchObject({ outcome: 'answered', claim_id: 'north-korean-troops-deployed-to-ukraine' });
    expect(kb.questions.get(2, A)?.suggested).toEqual(['north-korean-troops-deployed-to-ukraine', 'weapons-for-troops-quid-pro-quo']);

    const raw = rawConnection(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'unanswered'").all()).toEqual([]);
    expect((raw.prepare('SELECT COUNT(*) AS n FROM asked').get() as { n: number }).n).toBe(v4Asked + 1);

    // Dismissing a migrated question works as for any other.
    const pizza = kb.listUnanswered(A, 100)[0]!;
    expect(kb.dismissUnanswered(A, pizza.id)).toBe(3);
    expect(kb.listUnanswered(A, 100).map((g) => g.question)).not.toContain('where is the best pizza in new york');
  });

  it('refuses a database written by a newer version of the bot', () => {
    const path = tempDatabasePath();
    const future = new Database(path);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    expect(() => open(path)).toThrow(/newer/);
  });
});

describe('curated sync', () => {
  it('updates a changed claim, retires a removed one and leaves servers’ claims alone', () => {
    const kb = open();
    const moderatorClaim = kb.add(tramClaim(), moderatorOfA);
    const records = curatedRecords();
    const changedId = 'un-oil-cap-500000-barrels';
    const removedId = 'north-korea-accuses-south-of-leaflets';
    const edited = records
      .filter((r) => r.id !== removedId)
      .map((r) => (r.id === changedId ? { ...r, answer: 'A corrected answer about the UN oil cap.' } : r));

    expect(kb.claims.syncCurated(edited)).toEqual({ added: 0, updated: 1, unchanged: records.length - 2, retired: 1 });
    expect(kb.get(changedId, null)?.answer).toBe('A corrected answer about the UN oil cap.');
    expect(kb.get(removedId, null)?.status).toBe('retired');
    expect(kb.visible(null).map((c) => c.id)).not.toContain(removedId);
    expect(kb.ask('why is north korea angry about the leaflets?', null).match?.claim.id).not.toBe(removedId);
    expect(kb.history(removedId, null).at(-1)).toMatchObject({ action: 'sync', actor: 'curated', note: 'removed from the curated file' });
    expect(kb.get(moderatorClaim.id, GUILD_A)).toEqual(moderatorClaim);
    expect(kb.history(moderatorClaim.id, GUILD_A)).toHaveLength(1);

    // Back in the file, the claim is active again.
    expect(kb.claims.syncCurated(records)).toMatchObject({ updated: 2, retired: 0 });
    expect(kb.get(removedId, null)?.status).toBe('active');
  });

  it('keeps claims imported into the curated scope that the file does not list', () => {
    const kb = open();
    kb.import([tramClaim({ id: 'curated-import' })], { actor: 'curated', guildId: null });
    expect(kb.claims.syncCurated(curatedRecords())).toMatchObject({ retired: 0 });
    expect(kb.get('curated-import', null)?.status).toBe('active');
  });
});

describe('servers are kept apart', () => {
  it('answers a server’s claim in that server only', () => {
    const kb = open();
    const claim = kb.add(tramClaim(), moderatorOfA);
    expect(claim.guildId).toBe(GUILD_A);
    expect(kb.ask(TRAM_QUESTION, GUILD_A).match?.claim.id).toBe(claim.id);
    expect(kb.autocomplete('tram li', GUILD_A).map((s) => s.claim.id)).toContain(claim.id);
    for (const elsewhere of [GUILD_B, null]) {
      const result = kb.ask(TRAM_QUESTION, elsewhere);
      expect([result.match, ...result.suggestions].map((s) => s?.claim.id)).not.toContain(claim.id);
      expect(kb.autocomplete('tram li', elsewhere).map((s) => s.claim.id)).not.toContain(claim.id);
      expect(kb.visible(elsewhere).map((c) => c.id)).not.toContain(claim.id);
      expect(kb.get(claim.id, elsewhere)).toBeUndefined();
    }
  });

  it('lets no other server see, edit, retire or take over a server’s claim', () => {
    const kb = open();
    const claim = kb.add(tramClaim(), moderatorOfA);
    const fromB: Actor = { actor: MODERATOR, guildId: GUILD_B };
    expect(() => kb.edit(claim.id, tramClaim({ answer: 'Hijacked.' }), fromB, 'Taking this over.')).toThrow(ClaimNotFoundError);
    expect(() => kb.retire(claim.id, fromB, 'Taking this down.')).toThrow(ClaimNotFoundError);
    expect(() => kb.history(claim.id, GUILD_B)).toThrow(ClaimNotFoundError);
    expect(validationIssues(() => kb.import([tramClaim({ answer: 'Hijacked.' })], fromB))).toEqual([
      'claim 0 (council-approved-tram-line): id: already used by another scope\'s claim',
    ]);
    expect(kb.get(claim.id, GUILD_A)).toEqual(claim);
  });

  it('keeps the curated base read-only to servers', () => {
    const kb = open();
    const curated = kb.visible(null)[0]!;
    expect(() => kb.edit(curated.id, tramClaim(), moderatorOfA, 'Rewriting the curated claim.')).toThrow(ReadOnlyClaimError);
    expect(() => kb.retire(curated.id, moderatorOfA, 'Removing the curated claim.')).toThrow(ReadOnlyClaimError);
    expect(kb.get(curated.id, GUILD_A)).toEqual(curated);
  });
});

describe('audit trail', () => {
  it('records add, edit, import and retire with who did it, before and after', () => {
    const kb = open();
    const { id } = kb.add(tramClaim(), moderatorOfA);
    kb.edit(id, tramClaim({ answer: 'Edited answer.' }), moderatorOfA, 'fixed the vote count');
    kb.import([tramClaim({ answer: 'Imported answer.' })], { actor: 'curated', guildId: GUILD_A });
    kb.retire(id, moderatorOfA, 'superseded');
    const trail = kb.history(id, GUILD_A).map((e) => [e.action, e.actor, e.before?.answer ?? null, e.after?.answer, e.note]);
    const original = tramClaim().answer;
    expect(trail).toEqual([
      ['add', MODERATOR, null, original, null],
      ['edit', MODERATOR, original, 'Edited answer.', 'fixed the vote count'],
      ['import', 'curated', 'Edited answer.', 'Imported answer.', null],
      ['retire', MODERATOR, 'Imported answer.', 'Imported answer.', 'superseded'],
    ]);
    expect(kb.get(id, GUILD_A)?.status).toBe('retired');
  });

  it('keeps neither the claim change nor its audit row when the write fails half-way', () => {
    const path = tempDatabasePath();
    const kb = open(path);
    const claim = kb.add(tramClaim(), moderatorOfA);
    const raw = rawConnection(path);
    // The claim row is written after its audit row; make that second write fail.
    raw.exec(`
      CREATE TRIGGER fail_update BEFORE UPDATE ON claims WHEN NEW.answer = 'boom' BEGIN SELECT RAISE(ABORT, 'disk says no'); END;
      CREATE TRIGGER fail_insert BEFORE INSERT ON claims WHEN NEW.id = 'boom' BEGIN SELECT RAISE(ABORT, 'disk says no'); END;`);
    const audits = count(raw, 'audit');
    const claims = count(raw, 'claims');

    expect(() => kb.add(tramClaim({ id: 'boom' }), moderatorOfA)).toThrow(/disk says no/);
    expect(() => kb.edit(claim.id, tramClaim({ answer: 'boom' }), moderatorOfA, 'Corrected the answer.')).toThrow(/disk says no/);
    expect(() => kb.import([tramClaim({ id: 'first-of-two', statement: 'A new bridge opens in June.' }), tramClaim({ id: 'boom' })], moderatorOfA)).toThrow(/disk says no/);

    expect(count(raw, 'audit')).toBe(audits);
    expect(count(raw, 'claims')).toBe(claims);
    expect(kb.get('first-of-two', GUILD_A)).toBeUndefined();
    expect(kb.get(claim.id, GUILD_A)).toEqual(claim);
    expect(kb.ask('when does the new bridge open?', GUILD_A).match).toBeNull();
  });
});

describe('import', () => {
  it('writes nothing when any entry is bad, and reports every bad entry by index, field and rule', () => {
    const path = tempDatabasePath();
    const kb = open(path);
    const raw = rawConnection(path);
    const audits = count(raw, 'audit');
    const records = [
      tramClaim({ id: 'good-one' }),
      { ...tramClaim({ id: 'bad-confidence' }), confidence: 'rumoured' },
      tramClaim({ id: 'good-two' }),
      { ...tramClaim({ id: 'bad-alleged', confidence: 'alleged' }), sources: [] },
    ];
    const issues = validationIssues(() => kb.import(records, moderatorOfA));
    expect(issues).toHaveLength(3);
    expect(issues[0]).toMatch(/^claim 1 \(bad-confidence\): confidence: /);
    expect(issues).toContain('claim 3 (bad-alleged): sources: at least one source');
    expect(issues).toContain('claim 3 (bad-alleged): claimant: required when confidence is "alleged"');
    expect(kb.claims.list(GUILD_A)).toEqual([]);
    expect(count(raw, 'audit')).toBe(audits);
  });

  it('rejects a file that uses one id twice', () => {
    const kb = open();
    const issues = validationIssues(() => kb.import([tramClaim({ id: 'same-id' }), tramClaim({ id: 'same-id', answer: 'Other.' })], moderatorOfA));
    expect(issues).toEqual(['claim 1 (same-id): id: duplicate of claim 0']);
    expect(kb.get('same-id', GUILD_A)).toBeUndefined();
  });

  it('adds new claims, updates changed ones and leaves identical ones alone', () => {
    const kb = open();
    const first = [tramClaim({ id: 'tram-one' }), tramClaim({ id: 'tram-two' })];
    expect(kb.import(first, moderatorOfA)).toEqual({ added: 2, updated: 0, unchanged: 0 });
    const second = [tramClaim({ id: 'tram-one' }), tramClaim({ id: 'tram-two', answer: 'Changed.' })];
    expect(kb.import(second, moderatorOfA)).toEqual({ added: 0, updated: 1, unchanged: 1 });
    expect(kb.get('tram-two', GUILD_A)?.answer).toBe('Changed.');
  });
});

describe('unanswered questions', () => {
  it('groups repeats regardless of case, most asked first, separately for each server', () => {
    const kb = open();
    kb.questions.record(GUILD_A, 'Who won the chess final?', 'unanswered');
    kb.questions.record(GUILD_A, 'Is it raining in Oslo?', 'unanswered');
    kb.questions.record(GUILD_A, '  who won the CHESS final?  ', 'unanswered');
    kb.questions.record(GUILD_B, 'Who won the chess final?', 'unanswered');
    expect(kb.listUnanswered(GUILD_A).map((g) => [g.question.toLowerCase(), g.count])).toEqual([
      ['who won the chess final?', 2],
      ['is it raining in oslo?', 1],
    ]);
    expect(kb.listUnanswered(GUILD_B).map((g) => g.count)).toEqual([1]);
    expect(kb.listUnanswered(null)).toEqual([]);
  });

  it('dismisses a question in its own server only', () => {
    const kb = open();
    kb.questions.record(GUILD_A, 'Who won the chess final?', 'unanswered');
    kb.questions.record(GUILD_A, 'WHO WON THE CHESS FINAL?', 'unanswered');
    kb.questions.record(GUILD_B, 'Who won the chess final?', 'unanswered');
    const [groupA] = kb.listUnanswered(GUILD_A);
    expect(kb.dismissUnanswered(GUILD_B, groupA!.id)).toBe(0);
    expect(kb.dismissUnanswered(GUILD_A, groupA!.id)).toBe(2);
    expect(kb.listUnanswered(GUILD_A)).toEqual([]);
    expect(kb.listUnanswered(GUILD_B).map((g) => g.count)).toEqual([1]);
  });
});

describe('changes reach the next question', () => {
  it('answers from an edit at once, without reopening', () => {
    const kb = open();
    const { id } = kb.add(tramClaim(), moderatorOfA);
    expect(kb.ask(TRAM_QUESTION, GUILD_A).match?.claim.id).toBe(id);
    kb.edit(
      id,
      tramClaim({
        statement: 'The city council rejected the ferry route to the island.',
        answer: 'The ferry route was voted down on Tuesday.',
        questions: ['Did the council reject the ferry route?'],
        keywords: ['ferry'],
      }),
      moderatorOfA,
      'The vote was on the ferry route, not the tram line.',
    );
    expect(kb.ask('was the ferry route to the island rejected?', GUILD_A).match?.claim.id).toBe(id);
    expect(kb.ask(TRAM_QUESTION, GUILD_A).match).toBeNull();
  });

  it('sees a write made through another KnowledgeBase on the same file (another process) at the next question', () => {
    const path = tempDatabasePath();
    const bot = open(path);
    const cli = open(path);
    expect(bot.ask(TRAM_QUESTION, GUILD_A).match).toBeNull();
    cli.import([tramClaim()], { actor: 'curated', guildId: GUILD_A });
    expect(bot.ask(TRAM_QUESTION, GUILD_A).match?.claim.id).toBe('council-approved-tram-line');
    cli.retire('council-approved-tram-line', moderatorOfA, 'The line was cancelled.');
    expect(bot.ask(TRAM_QUESTION, GUILD_A).match).toBeNull();
  });
});
