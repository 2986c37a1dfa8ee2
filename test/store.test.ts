// The store behind the knowledge base: schema migrations (SQLite files of every older version), and then its
// contract, on each engine (SQLite, and PostgreSQL when the test run has a server): the curated sync, servers kept
// apart, the audit trail, all-or-nothing imports, the question log, and two workers on one database (changes
// reaching the other's next question, pending edits saved once, notices sent once, votes, cooldowns, start-up).
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkCorrectionNote,
  ClaimNotFoundError,
  KnowledgeBase,
  readCuratedFile,
  ReadOnlyClaimError,
  ValidationError,
} from '../src/knowledge/index.js';
// White-box: which schema version a database is at (the migrations are the store's own business).
import { buildLegacySqlite, SCHEMA_VERSION } from '../src/knowledge/store/migrations.js';
import { ENGINES, freshStore, type TestStore } from './support/engines.js';
import { claimOf, GUILD_A, GUILD_B, matchOf, MODERATOR, tempDatabasePath, tempFolder, tramClaim } from './support/knowledge.js';

const opened: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.close();
});

async function open(databasePath = tempDatabasePath(), curatedRecords?: unknown[]): Promise<KnowledgeBase> {
  return openAt({ databasePath }, curatedRecords);
}

async function openAt(location: TestStore['location'], curatedRecords?: unknown[]): Promise<KnowledgeBase> {
  let curatedFile: string | undefined;
  if (curatedRecords) {
    curatedFile = join(tempFolder(), 'claims.json');
    writeFileSync(curatedFile, JSON.stringify(curatedRecords));
  }
  const kb = await KnowledgeBase.open({ ...location, ...(curatedFile ? { curatedFile } : {}) });
  opened.push(kb);
  return kb;
}

/** A knowledge base on a test store (SQLite or PostgreSQL). */
const openOn = (store: TestStore, curatedRecords?: unknown[]) => openAt(store.location, curatedRecords);

/** Makes every write of a claim whose id or answer is `boom` fail, in the engine's own trigger language. */
async function failClaimWrites(store: TestStore): Promise<void> {
  if (store.engine === 'sqlite') {
    await store.query("CREATE TRIGGER fail_update BEFORE UPDATE ON claims WHEN NEW.answer = 'boom' BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    await store.query("CREATE TRIGGER fail_insert BEFORE INSERT ON claims WHEN NEW.id = 'boom' BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
    return;
  }
  await store.query(`CREATE FUNCTION fail_boom() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.answer = 'boom' OR NEW.id = 'boom' THEN RAISE EXCEPTION 'disk says no'; END IF; RETURN NEW; END $$`);
  await store.query('CREATE TRIGGER fail_boom BEFORE INSERT OR UPDATE ON claims FOR EACH ROW EXECUTE FUNCTION fail_boom()');
}

/** A second, plain connection to the file: what another process (or a curious admin) sees. */
function rawConnection(databasePath: string): Database.Database {
  const db = new Database(databasePath);
  opened.push(db);
  return db;
}

const count = (db: Database.Database, table: 'claims' | 'audit') => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

const curatedRecords = () => readCuratedFile() as Array<Record<string, unknown>>;
const moderatorOfA = { by: MODERATOR };
const TRAM_QUESTION = 'did the city council approve the tram line?';

async function validationIssues(action: () => Promise<unknown>): Promise<string[]> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('migrations', () => {
  it('upgrades a database at version 0 with no tables, and reopening it changes nothing', async () => {
    const path = tempDatabasePath();
    const empty = new Database(path);
    expect(empty.pragma('user_version', { simple: true })).toBe(0);
    empty.close();

    const kb = await open(path);
    const curatedCount = curatedRecords().length;
    expect(await kb.scope(null).visible()).toHaveLength(curatedCount);
    await kb.scope(GUILD_A).add(tramClaim(), moderatorOfA);
    await kb.close();

    const again = await open(path);
    expect(again.syncReport).toEqual({ added: 0, updated: 0, unchanged: curatedCount, retired: 0 });
    expect((await claimOf(again, 'council-approved-tram-line', GUILD_A))?.status).toBe('active');
    expect((await matchOf(again, TRAM_QUESTION, GUILD_A)).match?.claim.id).toBe('council-approved-tram-line');
    const raw = rawConnection(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(count(raw, 'claims')).toBe(curatedCount + 1);
  });

  it('upgrades a version 4 database with rows in both question tables into one log, nothing lost', async () => {
    // Written by the v4 code itself (test/fixtures/v4-database.sql): what it showed moderators is below.
    const path = tempDatabasePath();
    const v4 = new Database(path);
    v4.exec(readFileSync(new URL('./fixtures/v4-database.sql', import.meta.url), 'utf8'));
    const v4Asked = (v4.prepare('SELECT COUNT(*) AS n FROM asked').get() as { n: number }).n;
    v4.close();
    const [A, B] = ['7700000000000000001', '7700000000000000002'];
    const now = new Date('2026-12-01T20:19:36.473Z');

    const kb = await open(path);
    const queue = async (guildId: string | null) => (await kb.scope(guildId).unanswered(100)).map(({ id: _id, ...group }) => group);
    // The same queue v4 showed, in the same order: each dismissal kept, each "Not what I asked" vote counted once,
    // and the question that only the unanswered table had (from before the question log) still there.
    expect(await queue(A)).toEqual([
      { question: 'where is the best pizza in new york', count: 3, lastAskedAt: '2026-12-01T20:18:36.469Z', bestClaimId: null, bestScore: null },
      {
        question: 'did moscow give the north anti aircraft weapons',
        count: 2,
        lastAskedAt: '2026-12-01T20:18:36.472Z',
        bestClaimId: 'russia-supplied-air-defence-missiles',
        bestScore: 1,
      },
      {
        question: 'did belarus deploy soldiers into ukraine',
        count: 2,
        lastAskedAt: '2026-12-01T20:18:36.469Z',
        bestClaimId: 'north-korean-troops-deployed-to-ukraine',
        bestScore: 0.5238152489943743,
      },
      { question: 'who won the chess final', count: 1, lastAskedAt: '2026-12-01T20:18:36.468Z', bestClaimId: null, bestScore: null },
      {
        question: 'an old question from before the question log',
        count: 1,
        lastAskedAt: '2026-01-02T03:04:05.000Z',
        bestClaimId: null,
        bestScore: null,
      },
    ]);
    expect(await queue(B)).toEqual([
      { question: 'when does the pool open', count: 1, lastAskedAt: '2026-12-01T20:18:36.472Z', bestClaimId: null, bestScore: null },
    ]);
    expect((await queue(null)).map((g) => g.question)).toEqual(['who won the cup']);

    // The same figures v4 showed, except that dismissed questions are no longer most-asked unanswered: v4 listed
    // "who won the chess final" twice (once dismissed) and the dismissed "is it raining in oslo".
    expect(await kb.scope(A).stats(30, now)).toEqual({
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
      topNotWhatIAsked: [
        {
          claimId: 'russia-supplied-air-defence-missiles',
          count: 2,
          statement: (await claimOf(kb, 'russia-supplied-air-defence-missiles', A))!.statement,
        },
      ],
    });
    expect(await kb.scope(B).stats(30, now)).toMatchObject({ unanswered: 1, topUnanswered: [{ question: 'when does the pool open', count: 1 }] });
    const raw = rawConnection(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'unanswered'").all()).toEqual([]);
    expect((raw.prepare('SELECT COUNT(*) AS n FROM asked').get() as { n: number }).n).toBe(v4Asked + 1);

    // The question whose closest claims were offered still offers them.
    expect((await kb.scope(A).answerSuggestion(2, 2))?.claim?.id).toBe('weapons-for-troops-quid-pro-quo');

    // Dismissing a migrated question works as for any other.
    const pizza = (await kb.scope(A).unanswered(100))[0]!;
    expect((await kb.scope(A).dismiss(pizza.id)).count).toBe(3);
    expect((await kb.scope(A).unanswered(100)).map((g) => g.question)).not.toContain('where is the best pizza in new york');
  });

  it('upgrades a version 8 database to ids unique per scope, keeping every claim’s language, translations, verdict and ClaimReview record', async () => {
    const path = tempDatabasePath();
    const v8 = new Database(path);
    buildLegacySqlite(v8, 8);
    const at = '2026-03-01T00:00:00.000Z';
    const review = { '@type': 'ClaimReview', url: 'https://checkers.example.org/pier' };
    v8.prepare(
      `INSERT INTO claims (id, guild_id, status, statement, answer, confidence, claimant, sources, questions, keywords, tags,
        reviewed_at, created_at, updated_at, created_by, updated_by, rev, language, translations, verdict_label, verdict_value,
        verdict_best, verdict_worst, verdict_by, verdict_on, verdict_url, claim_review)
        VALUES ('pier-reopens', ?, 'active', 'The pier reopens in May.', 'The harbour office said so.', 'alleged', 'The harbour office',
        ?, '[]', '[]', '[]', ?, ?, ?, ?, ?, 1, 'es', ?, 'Mostly false', 2, 5, 1, 'Checkers', '2026-02-28', ?, ?)`,
    ).run(
      GUILD_A,
      JSON.stringify([{ name: 'Harbour office', url: 'https://example.org/pier' }]),
      at,
      at,
      at,
      MODERATOR,
      MODERATOR,
      JSON.stringify({ en: { statement: 'The pier reopens in May.', answer: 'The harbour office said so.' } }),
      'https://checkers.example.org/pier',
      JSON.stringify(review),
    );
    v8.close();

    const kb = await open(path);
    const pier = (await claimOf(kb, 'pier-reopens', GUILD_A))!;
    expect(pier.language).toBe('es');
    expect(pier.translations).toMatchObject({ en: { statement: 'The pier reopens in May.', answer: 'The harbour office said so.' } });
    expect(pier.verdict).toEqual({
      label: 'Mostly false',
      ratingValue: 2,
      bestRating: 5,
      worstRating: 1,
      ratedBy: 'Checkers',
      ratedOn: '2026-02-28',
      url: 'https://checkers.example.org/pier',
    });
    expect(pier.claimReview).toEqual(review);
    expect(rawConnection(path).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // Another server may now hold a claim of the same id: ids are unique per scope.
    const other = await kb.scope(GUILD_B).add(tramClaim({ id: 'pier-reopens' }), moderatorOfA);
    expect(other.id).toBe('pier-reopens');
    expect((await claimOf(kb, 'pier-reopens', GUILD_A))!.statement).toBe('The pier reopens in May.');
  });

  it('upgrades a version 9 database written by the bot before the Kysely store in place: every row kept, and it works on', async () => {
    // Written by the v9 code itself (test/fixtures/v9-database.sql): every row of every table must survive.
    const path = tempDatabasePath();
    const v9 = new Database(path);
    v9.exec(readFileSync(new URL('./fixtures/v9-database.sql', import.meta.url), 'utf8'));
    const tables = ['claims', 'audit', 'asked', 'feedback', 'subscriptions', 'pending_edits'] as const;
    const rowsOf = (db: Database.Database, table: string) =>
      db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Array<Record<string, unknown>>;
    const before = Object.fromEntries(tables.map((t) => [t, rowsOf(v9, t)]));
    v9.close();
    const [A, B, MOD, MEMBER] = ['7700000000000000001', '7700000000000000002', '7700000000000000009', '7700000000000000008'];

    const kb = await open(path);
    expect(kb.syncReport).toEqual({ added: 0, updated: 0, unchanged: curatedRecords().length, retired: 0 });
    const raw = rawConnection(path);
    for (const table of tables) {
      const after = rowsOf(raw, table).map((row) => {
        const { reviewed_ms: _added, ...rest } = row; // migration 10's column, beside the old ones
        return rest;
      });
      expect(after, table).toEqual(before[table]);
    }
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);

    // What the bot showed before, it shows now: the edited claim with its correction, in its server only.
    const tram = await kb.scope(A).answer('did the city council approve the tram line?', { log: false });
    expect(tram.claim?.answer).toBe('The council voted 32 to 11 on Tuesday to approve the tram line.');
    expect(tram.correction?.note).toBe('The vote count was wrong: it was 32 to 11, says the corrected minutes.');
    expect((await kb.scope(B).answer('did the city council approve the tram line?', { log: false })).claim?.answer).toBe(
      'In server B the council vote was reported as 30 to 13.',
    );
    expect((await kb.scope(A).history('council-approved-tram-line')).map((e) => e.action)).toEqual(['add', 'edit']);
    expect((await claimOf(kb, 'the-pier-reopens-in-may', A))?.verdict?.label).toBe('Mostly false');
    expect((await kb.scope(A).unanswered()).map((q) => [q.question.toLowerCase(), q.count])).toEqual([
      ['when does the swimming pool open?', 2],
      ['did the city council approve the tram line?', 1],
    ]);
    expect(await kb.scope(A).stats(36500)).toMatchObject({ helpful: 1, notWhatIAsked: 1 });
    expect((await kb.scope(A).waiting(MEMBER)).map((s) => s.question)).toEqual(['when does the swimming pool open?']);
    // The edit that waited for its note is still there, and saves once.
    const pendingId = String(before.pending_edits![0]!.id);
    const now = new Date('2099-01-01T00:01:00Z');
    expect((await kb.scope(A).heldEdit(pendingId, { by: MOD, now })).status).toBe('waiting');
    const note = checkCorrectionNote('The line goes on to the airport, the council said on Friday.');
    if (!note.ok) throw new Error(note.problems.join('; '));
    expect((await kb.scope(A).saveHeldEdit(pendingId, { by: MOD, note: note.note, now })).status).toBe('saved');
    // New changes come after the old revisions: another connection's search sees them.
    const other = await open(path);
    await kb.scope(A).add(tramClaim({ id: 'ferry-route', statement: 'The ferry route to the island was cancelled.', keywords: ['ferry'] }), {
      by: MOD,
    });
    expect((await matchOf(other, 'was the ferry route to the island cancelled?', A)).match?.claim.id).toBe('ferry-route');
  });

  it('refuses a database written by a newer version of the bot', async () => {
    const path = tempDatabasePath();
    const future = new Database(path);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    await expect(open(path)).rejects.toThrow(/newer/);
  });
});

describe.each(ENGINES)('the store on %s', (engine) => {
  describe('curated sync', () => {
    it('updates a changed claim, retires a removed one and leaves servers’ claims alone', async () => {
      const store = await freshStore(engine);
      const first = await openOn(store);
      const moderatorClaim = await first.scope(GUILD_A).add(tramClaim(), moderatorOfA);
      const records = curatedRecords();
      const changedId = 'un-oil-cap-500000-barrels';
      const removedId = 'north-korea-accuses-south-of-leaflets';
      const edited = records
        .filter((r) => r.id !== removedId)
        .map((r) => (r.id === changedId ? { ...r, answer: 'A corrected answer about the UN oil cap.' } : r));

      // A release with the edited curated file starts.
      const kb = await openOn(store, edited);
      expect(kb.syncReport).toEqual({ added: 0, updated: 1, unchanged: records.length - 2, retired: 1 });
      expect((await claimOf(kb, changedId, null))?.answer).toBe('A corrected answer about the UN oil cap.');
      expect((await claimOf(kb, removedId, null))?.status).toBe('retired');
      expect((await kb.scope(null).visible()).map((c) => c.id)).not.toContain(removedId);
      expect((await matchOf(kb, 'why is north korea angry about the leaflets?', null)).match?.claim.id).not.toBe(removedId);
      expect((await kb.scope(null).history(removedId)).at(-1)).toMatchObject({
        action: 'sync',
        actor: 'curated',
        note: 'removed from the curated file',
      });
      expect(await claimOf(kb, moderatorClaim.id, GUILD_A)).toEqual(moderatorClaim);
      expect(await kb.scope(GUILD_A).history(moderatorClaim.id)).toHaveLength(1);

      // Back in the file, the claim is active again.
      const again = await openOn(store, records);
      expect(again.syncReport).toMatchObject({ updated: 2, retired: 0 });
      expect((await claimOf(again, removedId, null))?.status).toBe('active');
    });

    it('keeps claims imported into the curated scope that the file does not list', async () => {
      const store = await freshStore(engine);
      const kb = await openOn(store);
      await kb.scope(null).import([tramClaim({ id: 'curated-import' })], { by: 'curated' });
      const again = await openOn(store, curatedRecords());
      expect(again.syncReport).toMatchObject({ retired: 0 });
      expect((await claimOf(again, 'curated-import', null))?.status).toBe('active');
    });
  });

  describe('servers are kept apart', () => {
    it('answers a server’s claim in that server only', async () => {
      const kb = await openOn(await freshStore(engine));
      const claim = await kb.scope(GUILD_A).add(tramClaim(), moderatorOfA);
      expect(claim.guildId).toBe(GUILD_A);
      expect((await matchOf(kb, TRAM_QUESTION, GUILD_A)).match?.claim.id).toBe(claim.id);
      expect((await kb.scope(GUILD_A).autocomplete('tram li')).map((c) => c.id)).toContain(claim.id);
      for (const elsewhere of [GUILD_B, null]) {
        const result = await matchOf(kb, TRAM_QUESTION, elsewhere);
        expect([result.match, ...result.suggestions].map((s) => s?.claim.id)).not.toContain(claim.id);
        expect((await kb.scope(elsewhere).autocomplete('tram li')).map((c) => c.id)).not.toContain(claim.id);
        expect((await kb.scope(elsewhere).visible()).map((c) => c.id)).not.toContain(claim.id);
        expect(await claimOf(kb, claim.id, elsewhere)).toBeUndefined();
      }
    });

    it('lets no other server see, edit, retire or take over a server’s claim', async () => {
      const kb = await openOn(await freshStore(engine));
      const claim = await kb.scope(GUILD_A).add(tramClaim(), moderatorOfA);
      const fromB = kb.scope(GUILD_B);
      await expect(fromB.edit(claim.id, tramClaim({ answer: 'Hijacked.' }), { by: MODERATOR, note: 'Taking this over.' })).rejects.toThrow(
        ClaimNotFoundError,
      );
      await expect(fromB.retire(claim.id, { by: MODERATOR, note: 'Taking this down.' })).rejects.toThrow(ClaimNotFoundError);
      await expect(fromB.history(claim.id)).rejects.toThrow(ClaimNotFoundError);
      // Ids are unique within a server: B importing the same id makes B's own claim, and A's is untouched.
      expect(await fromB.import([tramClaim({ answer: 'A claim of B.' })], { by: MODERATOR })).toEqual({ added: 1, updated: 0, unchanged: 0 });
      expect(await claimOf(kb, claim.id, GUILD_A)).toEqual(claim);
      expect(await claimOf(kb, claim.id, GUILD_B)).toMatchObject({ guildId: GUILD_B, answer: 'A claim of B.' });
    });

    it('keeps the curated base read-only to servers', async () => {
      const kb = await openOn(await freshStore(engine));
      const curated = (await kb.scope(null).visible())[0]!;
      const fromA = kb.scope(GUILD_A);
      await expect(fromA.edit(curated.id, tramClaim(), { ...moderatorOfA, note: 'Rewriting the curated claim.' })).rejects.toThrow(
        ReadOnlyClaimError,
      );
      await expect(fromA.retire(curated.id, { ...moderatorOfA, note: 'Removing the curated claim.' })).rejects.toThrow(ReadOnlyClaimError);
      expect(await claimOf(kb, curated.id, GUILD_A)).toEqual(curated);
    });
  });

  describe('audit trail', () => {
    it('records add, edit, import and retire with who did it, before and after', async () => {
      const kb = await openOn(await freshStore(engine));
      const a = kb.scope(GUILD_A);
      const { id } = await a.add(tramClaim(), moderatorOfA);
      await a.edit(id, tramClaim({ answer: 'Edited answer.' }), { ...moderatorOfA, note: 'fixed the vote count' });
      await a.import([tramClaim({ answer: 'Imported answer.' })], { by: 'curated' });
      await a.retire(id, { ...moderatorOfA, note: 'superseded' });
      const trail = (await a.history(id)).map((e) => [e.action, e.actor, e.before?.answer ?? null, e.after?.answer, e.note]);
      const original = tramClaim().answer;
      expect(trail).toEqual([
        ['add', MODERATOR, null, original, null],
        ['edit', MODERATOR, original, 'Edited answer.', 'fixed the vote count'],
        ['import', 'curated', 'Edited answer.', 'Imported answer.', null],
        ['retire', MODERATOR, 'Imported answer.', 'Imported answer.', 'superseded'],
      ]);
      expect((await claimOf(kb, id, GUILD_A))?.status).toBe('retired');
    });

    it('keeps neither the claim change nor its audit row when the write fails half-way', async () => {
      const store = await freshStore(engine);
      const kb = await openOn(store);
      const a = kb.scope(GUILD_A);
      const claim = await a.add(tramClaim(), moderatorOfA);
      // The claim row is written after its audit row; make that second write fail (a trigger in each engine's own SQL).
      await failClaimWrites(store);
      const audits = await store.count('audit');
      const claims = await store.count('claims');

      await expect(a.add(tramClaim({ id: 'boom' }), moderatorOfA)).rejects.toThrow(/disk says no/);
      await expect(a.edit(claim.id, tramClaim({ answer: 'boom' }), { ...moderatorOfA, note: 'Corrected the answer.' })).rejects.toThrow(
        /disk says no/,
      );
      await expect(
        a.import([tramClaim({ id: 'first-of-two', statement: 'A new bridge opens in June.' }), tramClaim({ id: 'boom' })], moderatorOfA),
      ).rejects.toThrow(/disk says no/);

      expect(await store.count('audit')).toBe(audits);
      expect(await store.count('claims')).toBe(claims);
      expect(await claimOf(kb, 'first-of-two', GUILD_A)).toBeUndefined();
      expect(await claimOf(kb, claim.id, GUILD_A)).toEqual(claim);
      expect((await matchOf(kb, 'when does the new bridge open?', GUILD_A)).match).toBeNull();
    });
  });

  describe('import', () => {
    it('writes nothing when any entry is bad, and reports every bad entry by index, field and rule', async () => {
      const store = await freshStore(engine);
      const kb = await openOn(store);
      const audits = await store.count('audit');
      const records = [
        tramClaim({ id: 'good-one' }),
        { ...tramClaim({ id: 'bad-confidence' }), confidence: 'rumoured' },
        tramClaim({ id: 'good-two' }),
        { ...tramClaim({ id: 'bad-alleged', confidence: 'alleged' }), sources: [] },
      ];
      const issues = await validationIssues(() => kb.scope(GUILD_A).import(records, moderatorOfA));
      expect(issues).toHaveLength(3);
      expect(issues[0]).toMatch(/^claim 1 \(bad-confidence\): confidence: /);
      expect(issues).toContain('claim 3 (bad-alleged): sources: at least one source');
      expect(issues).toContain('claim 3 (bad-alleged): claimant: required when confidence is "alleged"');
      expect(await kb.scope(GUILD_A).list()).toEqual([]);
      expect(await store.count('audit')).toBe(audits);
    });

    it('rejects a file that uses one id twice', async () => {
      const kb = await openOn(await freshStore(engine));
      const issues = await validationIssues(() =>
        kb.scope(GUILD_A).import([tramClaim({ id: 'same-id' }), tramClaim({ id: 'same-id', answer: 'Other.' })], moderatorOfA),
      );
      expect(issues).toEqual(['claim 1 (same-id): id: duplicate of claim 0 (same-id)']);
      expect(await claimOf(kb, 'same-id', GUILD_A)).toBeUndefined();
    });

    it('adds new claims, updates changed ones and leaves identical ones alone', async () => {
      const kb = await openOn(await freshStore(engine));
      const first = [tramClaim({ id: 'tram-one' }), tramClaim({ id: 'tram-two' })];
      expect(await kb.scope(GUILD_A).import(first, moderatorOfA)).toEqual({ added: 2, updated: 0, unchanged: 0 });
      const second = [tramClaim({ id: 'tram-one' }), tramClaim({ id: 'tram-two', answer: 'Changed.' })];
      expect(await kb.scope(GUILD_A).import(second, moderatorOfA)).toEqual({ added: 0, updated: 1, unchanged: 1 });
      expect((await claimOf(kb, 'tram-two', GUILD_A))?.answer).toBe('Changed.');
    });
  });

  describe('unanswered questions', () => {
    it('groups repeats regardless of case, most asked first, separately for each server', async () => {
      const kb = await openOn(await freshStore(engine));
      await kb.scope(GUILD_A).answer('Who won the chess final?');
      await kb.scope(GUILD_A).answer('Is it raining in Oslo?');
      await kb.scope(GUILD_A).answer('  who won the CHESS final?  ');
      await kb.scope(GUILD_B).answer('Who won the chess final?');
      expect((await kb.scope(GUILD_A).unanswered()).map((g) => [g.question.toLowerCase(), g.count])).toEqual([
        ['who won the chess final?', 2],
        ['is it raining in oslo?', 1],
      ]);
      expect((await kb.scope(GUILD_B).unanswered()).map((g) => g.count)).toEqual([1]);
      expect(await kb.scope(null).unanswered()).toEqual([]);
    });

    it('dismisses a question in its own server only', async () => {
      const kb = await openOn(await freshStore(engine));
      await kb.scope(GUILD_A).answer('Who won the chess final?');
      await kb.scope(GUILD_A).answer('WHO WON THE CHESS FINAL?');
      await kb.scope(GUILD_B).answer('Who won the chess final?');
      const [groupA] = await kb.scope(GUILD_A).unanswered();
      expect((await kb.scope(GUILD_B).dismiss(groupA!.id)).count).toBe(0);
      expect((await kb.scope(GUILD_A).dismiss(groupA!.id)).count).toBe(2);
      expect(await kb.scope(GUILD_A).unanswered()).toEqual([]);
      expect((await kb.scope(GUILD_B).unanswered()).map((g) => g.count)).toEqual([1]);
    });
  });

  describe('changes reach the next question', () => {
    it('answers from an edit at once, without reopening', async () => {
      const kb = await openOn(await freshStore(engine));
      const { id } = await kb.scope(GUILD_A).add(tramClaim(), moderatorOfA);
      expect((await matchOf(kb, TRAM_QUESTION, GUILD_A)).match?.claim.id).toBe(id);
      await kb.scope(GUILD_A).edit(
        id,
        tramClaim({
          statement: 'The city council rejected the ferry route to the island.',
          answer: 'The ferry route was voted down on Tuesday.',
          questions: ['Did the council reject the ferry route?'],
          keywords: ['ferry'],
        }),
        { ...moderatorOfA, note: 'The vote was on the ferry route, not the tram line.' },
      );
      expect((await matchOf(kb, 'was the ferry route to the island rejected?', GUILD_A)).match?.claim.id).toBe(id);
      expect((await matchOf(kb, TRAM_QUESTION, GUILD_A)).match).toBeNull();
    });

    it('sees a write made through another KnowledgeBase on the same database (another process or worker) at the next question', async () => {
      const store = await freshStore(engine);
      const bot = await openOn(store);
      const cli = await openOn(store);
      expect((await matchOf(bot, TRAM_QUESTION, GUILD_A)).match).toBeNull();
      await cli.scope(GUILD_A).import([tramClaim()], { by: 'curated' });
      expect((await matchOf(bot, TRAM_QUESTION, GUILD_A)).match?.claim.id).toBe('council-approved-tram-line');
      await cli.scope(GUILD_A).retire('council-approved-tram-line', { ...moderatorOfA, note: 'The line was cancelled.' });
      expect((await matchOf(bot, TRAM_QUESTION, GUILD_A)).match).toBeNull();
    });
  });

  describe('two workers on one database', () => {
    it('keep every change of both, each worker’s search seeing all of them, revisions in commit order', async () => {
      const store = await freshStore(engine);
      const [one, two] = [await openOn(store), await openOn(store)];
      const writes = Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? one : two)
          .scope(GUILD_A)
          .add(tramClaim({ id: `tram-stop-${i}`, statement: `Tram stop ${i} opens on the ${i + 1}th of May.` }), moderatorOfA),
      );
      await Promise.all(writes);
      for (const kb of [one, two]) {
        expect((await kb.scope(GUILD_A).list()).map((c) => c.id).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `tram-stop-${i}`).sort());
        expect((await kb.scope(GUILD_A).autocomplete('tram stop', { limit: 25 })).length).toBe(12);
      }
      const revisions = (await store.query('SELECT id FROM audit ORDER BY id')).map((r) => Number(r.id));
      expect(new Set(revisions).size).toBe(revisions.length);
      const claimRevs = (await store.query('SELECT rev FROM claims WHERE guild_id = ?', [GUILD_A])).map((r) => Number(r.rev));
      expect(claimRevs.every((rev) => revisions.includes(rev))).toBe(true);
    });

    it('save a pending edit once, whichever worker gets each of two submits', async () => {
      const store = await freshStore(engine);
      const [one, two] = [await openOn(store), await openOn(store)];
      const claim = await one.scope(GUILD_A).add(tramClaim(), moderatorOfA);
      const draft = await one.scope(GUILD_A).draftEdit(claim.id, tramClaim({ answer: 'The vote was 30 to 13.' }));
      if (draft.kind !== 'edit') throw new Error('expected an edit draft');
      const held = await one.scope(GUILD_A).holdEdit(draft, moderatorOfA);
      if (held.status !== 'held') throw new Error('expected the edit to be held');
      const checked = checkCorrectionNote('The vote count on Tuesday was wrong: it was 30 to 13.');
      if (!checked.ok) throw new Error(checked.problems.join('; '));
      const note = checked.note;
      const results = await Promise.all([
        one.scope(GUILD_A).saveHeldEdit(held.id, { ...moderatorOfA, note }),
        two.scope(GUILD_A).saveHeldEdit(held.id, { ...moderatorOfA, note }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['already-saved', 'saved']);
      expect((await two.scope(GUILD_A).history(claim.id)).map((e) => e.action)).toEqual(['add', 'edit']);
      expect((await matchOf(two, 'what was the vote on the tram line?', GUILD_A)).match?.claim.answer).toBe('The vote was 30 to 13.');
    });

    it('send each notice once: one worker takes the notices due, the other gets none', async () => {
      const store = await freshStore(engine);
      const [one, two] = [await openOn(store), await openOn(store)];
      const asked = await one.scope(GUILD_A).answer('Did the council approve the tram line?');
      expect(asked.outcome).toBe('unanswered');
      await one.scope(GUILD_A).unanswered(); // reading the queue writes the worker's question log first
      const subscribed = await two.scope(GUILD_A).subscribe(asked.askedId!, MODERATOR, { channelId: null, messageId: null });
      expect(subscribed.status).toBe('subscribed');
      await one.scope(GUILD_A).add(tramClaim(), moderatorOfA);
      expect((await two.scope(GUILD_A).linkAnswered('council-approved-tram-line')).members).toBe(1);
      const taken = await Promise.all([one.scope(GUILD_A).takeDue(), two.scope(GUILD_A).takeDue()]);
      expect(taken.map((t) => t.length).sort()).toEqual([0, 1]);
    });

    it('share one vote per member per answer, and the moderators’ queue', async () => {
      const store = await freshStore(engine);
      const [one, two] = [await openOn(store), await openOn(store)];
      await one.scope(GUILD_A).add(tramClaim(), moderatorOfA);
      const answer = await one.scope(GUILD_A).answer(TRAM_QUESTION);
      expect(answer.outcome).toBe('answered');
      await one.close(); // its question log is written
      expect((await two.scope(GUILD_A).vote(answer.askedId!, MODERATOR, 'not_what_i_asked')).status).toBe('recorded');
      await two.scope(GUILD_A).unanswered(); // reading the queue writes the worker's question log first
      const again = await openOn(store);
      expect((await again.scope(GUILD_A).vote(answer.askedId!, MODERATOR, 'helpful')).status).toBe('already-recorded');
      expect((await again.scope(GUILD_A).unanswered()).map((q) => [q.question, q.count])).toEqual([[TRAM_QUESTION, 1]]);
      expect(await again.scope(GUILD_A).stats(7)).toMatchObject({ answered: 1, notWhatIAsked: 1, helpful: 0 });
    });

    it('share the members’ cooldowns and the verdicts waiting for their form', async () => {
      const store = await freshStore(engine);
      const [one, two] = [await openOn(store), await openOn(store)];
      const now = Date.parse('2026-05-01T12:00:00Z');
      expect(await one.shared.takeCooldown('factcheck', MODERATOR, 5, now)).toBe(0);
      expect(await two.shared.takeCooldown('factcheck', MODERATOR, 5, now + 1000)).toBe(4);
      expect(await two.shared.takeCooldown('claim-write', MODERATOR, 5, now + 1000)).toBe(0);
      expect(await two.shared.takeCooldown('factcheck', MODERATOR, 5, now + 5000)).toBe(0);
      const verdict = { label: 'False', ratedBy: 'Checkers' };
      const id = await one.shared.holdVerdict({ userId: MODERATOR, guildId: GUILD_A, verdict });
      expect(await two.shared.heldVerdict(id, MODERATOR, GUILD_B)).toBeUndefined();
      expect(await two.shared.heldVerdict(id, MODERATOR, GUILD_A)).toEqual({ userId: MODERATOR, guildId: GUILD_A, verdict });
      await two.shared.dropVerdict(id);
      expect(await one.shared.heldVerdict(id, MODERATOR, GUILD_A)).toBeUndefined();
    });

    it('start together on a new database: one upgrades it, the others find it upgraded', async () => {
      const store = await freshStore(engine);
      const workers = await Promise.all([openOn(store), openOn(store), openOn(store)]);
      const curatedCount = curatedRecords().length;
      for (const kb of workers) expect(await kb.scope(null).visible()).toHaveLength(curatedCount);
      expect(await store.count('claims')).toBe(curatedCount);
    });
  });
});
