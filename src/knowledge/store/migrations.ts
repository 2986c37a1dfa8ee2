// Schema migrations, versioned in code, one set for both engines, written with Kysely's schema builder. The
// version a database has reached is kept in store_state (from version 10 on), so every worker of a shared
// PostgreSQL store, and an older SQLite file, is brought up to date in one transaction at start-up.
//
// SQLite files written before this (versions 1 to 9, PRAGMA user_version) first take the upgrades they were
// written for, below as they were, so a file of any age opens without loss; a new database, on either engine,
// starts from the schema of version 9 (`baseline`) and takes the migrations after it.
import type Database from 'better-sqlite3';
import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import { inTransaction } from './scopes.js';
import type { Engine } from './tables.js';

/** The upgrades of SQLite files made before Kysely (to PRAGMA user_version 9), exactly as they ran then. */
const SQLITE_UPGRADES: string[] = [
  // 1: claims, their audit trail, and questions the bot could not answer (folded into asked by migration 5).
  `
  CREATE TABLE claims (
    id          TEXT PRIMARY KEY,
    guild_id    TEXT,
    status      TEXT NOT NULL CHECK (status IN ('active', 'retired')),
    statement   TEXT NOT NULL,
    answer      TEXT NOT NULL,
    confidence  TEXT NOT NULL CHECK (confidence IN ('confirmed', 'alleged')),
    claimant    TEXT,
    sources     TEXT NOT NULL,
    questions   TEXT NOT NULL,
    keywords    TEXT NOT NULL,
    tags        TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    rev         INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX claims_guild ON claims (guild_id, status);
  CREATE INDEX claims_rev ON claims (rev);
  CREATE TABLE audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    claim_id  TEXT NOT NULL,
    guild_id  TEXT,
    action    TEXT NOT NULL,
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL,
    before    TEXT,
    after     TEXT,
    note      TEXT
  );
  CREATE INDEX audit_claim ON audit (claim_id, id);
  CREATE TABLE unanswered (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id      TEXT,
    question      TEXT NOT NULL,
    asked_at      TEXT NOT NULL,
    best_claim_id TEXT,
    best_score    REAL,
    dismissed_at  TEXT
  );
  CREATE INDEX unanswered_guild ON unanswered (guild_id, dismissed_at, asked_at);
  PRAGMA user_version = 1;
  `,
  // 2: every question asked and its outcome (for stats), and members' feedback on answers.
  `
  CREATE TABLE asked (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id  TEXT,
    question  TEXT NOT NULL,
    asked_at  TEXT NOT NULL,
    outcome   TEXT NOT NULL CHECK (outcome IN ('answered', 'suggested', 'unanswered')),
    claim_id  TEXT,
    score     REAL
  );
  CREATE INDEX asked_guild_time ON asked (guild_id, asked_at);
  CREATE TABLE feedback (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_id  INTEGER NOT NULL REFERENCES asked (id),
    guild_id  TEXT,
    user_id   TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('helpful', 'not_what_i_asked')),
    at        TEXT NOT NULL,
    UNIQUE (asked_id, user_id)
  );
  CREATE INDEX feedback_guild_time ON feedback (guild_id, at);
  PRAGMA user_version = 2;
  `,
  // 3: the claims a question was offered as "closest claims" (JSON array of ids), so a suggestion button can name
  // the question and its position instead of a claim, and the answer it shows can carry feedback buttons.
  `
  ALTER TABLE asked ADD COLUMN suggested TEXT;
  PRAGMA user_version = 3;
  `,
  // 4: an answer a member got by choosing one of the closest claims points at the question that offered them, so
  // stats count that question once (as suggested), not again as answered.
  `
  ALTER TABLE asked ADD COLUMN picked_from INTEGER REFERENCES asked (id);
  PRAGMA user_version = 4;
  `,
  // 5: one log of questions. The unanswered table held the same questions as asked (written beside it by every
  // question without an answer, and by every "Not what I asked" vote); it folds into asked, nothing lost:
  // - a dismissal is kept on the asked row (dismissed_at): a question without an answer was dismissed when a
  //   dismissal of the same question in the same server came after it; an answer marked "Not what I asked" counts
  //   the votes after its question's last dismissal;
  // - a row of unanswered that no asked row stands for (written before migration 2, or by a process stopped
  //   between its two writes) becomes an asked row of its own;
  // - the moderators' queue of questions to answer becomes a view over the log (open_questions).
  `
  ALTER TABLE asked ADD COLUMN dismissed_at TEXT;
  UPDATE asked SET dismissed_at = (
      SELECT MIN(u.dismissed_at) FROM unanswered u
      WHERE u.guild_id IS asked.guild_id AND lower(u.question) = lower(asked.question) AND u.dismissed_at >= asked.asked_at)
    WHERE outcome != 'answered';
  UPDATE asked SET dismissed_at = (
      SELECT MAX(u.dismissed_at) FROM unanswered u WHERE u.guild_id IS asked.guild_id AND lower(u.question) = lower(asked.question))
    WHERE outcome = 'answered' AND EXISTS (SELECT 1 FROM feedback f WHERE f.asked_id = asked.id AND f.kind = 'not_what_i_asked');
  INSERT INTO asked (guild_id, question, asked_at, outcome, claim_id, score, dismissed_at)
    SELECT u.guild_id, u.question, u.asked_at, CASE WHEN u.best_claim_id IS NULL THEN 'unanswered' ELSE 'suggested' END,
      u.best_claim_id, u.best_score, u.dismissed_at
    FROM unanswered u
    WHERE NOT EXISTS (
        SELECT 1 FROM asked a WHERE a.guild_id IS u.guild_id AND a.question = u.question AND a.outcome != 'answered'
          AND abs(julianday(a.asked_at) - julianday(u.asked_at)) * 86400 < 10)
      AND NOT EXISTS (
        SELECT 1 FROM asked a JOIN feedback f ON f.asked_id = a.id
        WHERE a.guild_id IS u.guild_id AND a.question = u.question AND f.kind = 'not_what_i_asked'
          AND abs(julianday(f.at) - julianday(u.asked_at)) * 86400 < 10)
    ORDER BY u.id;
  DROP TABLE unanswered;
  CREATE INDEX asked_open ON asked (guild_id, outcome, dismissed_at);
  -- Questions waiting for a claim: each question without an answer, and each "Not what I asked" vote since its
  -- answer's last dismissal, with the claim it came closest to (or got).
  CREATE VIEW open_questions AS
    SELECT id, guild_id, question, asked_at AS at, claim_id, score, 1 AS n FROM asked
      WHERE outcome != 'answered' AND dismissed_at IS NULL
    UNION ALL
    SELECT a.id, a.guild_id, a.question, MAX(f.at), a.claim_id, a.score, COUNT(*) FROM asked a JOIN feedback f ON f.asked_id = a.id
      WHERE a.outcome = 'answered' AND f.kind = 'not_what_i_asked' AND f.at > COALESCE(a.dismissed_at, '')
      GROUP BY a.id;
  PRAGMA user_version = 5;
  `,
  // 6: a claim's language, and its text in other languages (localized variants of the same claim).
  `
  ALTER TABLE claims ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
  ALTER TABLE claims ADD COLUMN translations TEXT NOT NULL DEFAULT '{}';
  PRAGMA user_version = 6;
  `,
  // 7: members waiting for an answer to a question ("Notify me"), per server, until a moderator's claim answers it.
  // A subscription goes waiting → due (a claim answers it) → sending → sent (in the channel or by DM), or held (to
  // show at the member's next /factcheck) → shown; or ended (unsubscribed, or its question dismissed). `sending`
  // is taken by one process before it sends, so a notice is sent at most once, restarts and shards included.
  `
  CREATE TABLE subscriptions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    asked_id    INTEGER NOT NULL,
    question    TEXT NOT NULL,
    channel_id  TEXT,
    message_id  TEXT,
    created_at  TEXT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('waiting', 'due', 'sending', 'sent', 'held', 'shown', 'ended')),
    claim_id    TEXT,
    via         TEXT CHECK (via IN ('channel', 'dm')),
    changed_at  TEXT NOT NULL
  );
  CREATE UNIQUE INDEX subscriptions_one_per_question ON subscriptions (guild_id, user_id, lower(question)) WHERE state = 'waiting';
  CREATE INDEX subscriptions_state ON subscriptions (guild_id, state);
  PRAGMA user_version = 7;
  `,
  // 8: a fact-checker's verdict on a claim (the rating as worded, its numeric scale, who rated it, when, and the
  // review's url), and the schema.org ClaimReview record a claim was imported from (JSON), kept so that export gives
  // back what came in.
  `
  ALTER TABLE claims ADD COLUMN verdict_label TEXT;
  ALTER TABLE claims ADD COLUMN verdict_value REAL;
  ALTER TABLE claims ADD COLUMN verdict_best REAL;
  ALTER TABLE claims ADD COLUMN verdict_worst REAL;
  ALTER TABLE claims ADD COLUMN verdict_by TEXT;
  ALTER TABLE claims ADD COLUMN verdict_on TEXT;
  ALTER TABLE claims ADD COLUMN verdict_url TEXT;
  ALTER TABLE claims ADD COLUMN claim_review TEXT;
  PRAGMA user_version = 8;
  `,
  // 9: a claim id is unique within its scope (the curated base, or one server), not across all of them: a server's
  // claim no longer blocks another server's claim of the same id, nor a release of the curated base that adds it
  // (in that server, its own claim is the one the id names). SQLite cannot change a primary key in place, so the
  // table is copied, with every column migrations 6 and 8 added (language, translations, verdict, ClaimReview
  // record) and their data. And edits waiting for their public correction note are kept here, so a restart loses
  // none: each is its moderator's, in its server (null: the console's curated base), made against one version of the claim (`base_rev`); once its note
  // saved it, `saved_at` and `saved_rev` say so to a repeated submit.
  `
  CREATE TABLE claims_scoped (
    id            TEXT NOT NULL,
    guild_id      TEXT,
    status        TEXT NOT NULL CHECK (status IN ('active', 'retired')),
    statement     TEXT NOT NULL,
    answer        TEXT NOT NULL,
    confidence    TEXT NOT NULL CHECK (confidence IN ('confirmed', 'alleged')),
    claimant      TEXT,
    sources       TEXT NOT NULL,
    questions     TEXT NOT NULL,
    keywords      TEXT NOT NULL,
    tags          TEXT NOT NULL,
    reviewed_at   TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    rev           INTEGER NOT NULL DEFAULT 0,
    language      TEXT NOT NULL DEFAULT 'en',
    translations  TEXT NOT NULL DEFAULT '{}',
    verdict_label TEXT,
    verdict_value REAL,
    verdict_best  REAL,
    verdict_worst REAL,
    verdict_by    TEXT,
    verdict_on    TEXT,
    verdict_url   TEXT,
    claim_review  TEXT
  );
  INSERT INTO claims_scoped (id, guild_id, status, statement, answer, confidence, claimant, sources, questions, keywords, tags,
      reviewed_at, created_at, updated_at, created_by, updated_by, rev, language, translations, verdict_label, verdict_value,
      verdict_best, verdict_worst, verdict_by, verdict_on, verdict_url, claim_review)
    SELECT id, guild_id, status, statement, answer, confidence, claimant, sources, questions, keywords, tags,
      reviewed_at, created_at, updated_at, created_by, updated_by, rev, language, translations, verdict_label, verdict_value,
      verdict_best, verdict_worst, verdict_by, verdict_on, verdict_url, claim_review FROM claims;
  DROP TABLE claims;
  ALTER TABLE claims_scoped RENAME TO claims;
  CREATE UNIQUE INDEX claims_scope_id ON claims (ifnull(guild_id, ''), id);
  CREATE INDEX claims_id ON claims (id);
  CREATE INDEX claims_guild ON claims (guild_id, status, created_at);
  CREATE INDEX claims_rev ON claims (rev);
  CREATE INDEX audit_scope_claim ON audit (claim_id, guild_id, id);
  CREATE TABLE pending_edits (
    id          TEXT PRIMARY KEY,
    guild_id    TEXT,
    user_id     TEXT NOT NULL,
    claim_id    TEXT NOT NULL,
    base_rev    INTEGER NOT NULL,
    changes     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    saved_at    TEXT,
    saved_rev   INTEGER
  );
  CREATE INDEX pending_edits_owner ON pending_edits (guild_id, user_id, created_at);
  PRAGMA user_version = 9;
  `,
];

const LEGACY_VERSION = SQLITE_UPGRADES.length;

/** Brings a SQLite file written at versions 1..8 to version 9 (no-op for a new file or a newer one). */
export function upgradeLegacySqlite(db: Database.Database, target = LEGACY_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === 0 || current >= target) return;
  for (let version = current; version < target; version++) {
    db.transaction(() => {
      db.exec(SQLITE_UPGRADES[version]!);
      const reached = db.pragma('user_version', { simple: true }) as number;
      if (reached !== version + 1) throw new Error(`migration ${version + 1} must end with PRAGMA user_version = ${version + 1}`);
    }).immediate();
  }
}

/**
 * Builds an older bot's SQLite database (`target` 1..9) exactly as that bot did, for tests: the upgrade of such a
 * file is what they check.
 */
export function buildLegacySqlite(db: Database.Database, target: number): void {
  for (let version = db.pragma('user_version', { simple: true }) as number; version < target; version++) {
    db.transaction(() => db.exec(SQLITE_UPGRADES[version]!)).immediate();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration sees the schema of its own time, not today's types
type AnyDb = Kysely<any>;

interface Migration {
  version: number;
  up(db: AnyDb, engine: Engine): Promise<void>;
}

/** An id column's type: SQLite's rowid alias must be spelt `integer`; PostgreSQL's ids outgrow 32 bits. */
const autoId = (engine: Engine) => (engine === 'sqlite' ? 'integer' : 'bigint');

/** The schema of version 9, built on either engine: a new database starts here. */
async function baseline(db: AnyDb, engine: Engine): Promise<void> {
  const auto = (col: ColumnDefinitionBuilder) =>
    engine === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey().generatedByDefaultAsIdentity();
  const real = 'double precision';
  await db.schema
    .createTable('claims')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('guild_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('active', 'retired')`))
    .addColumn('statement', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('confidence', 'text', (c) => c.notNull().check(sql`confidence in ('confirmed', 'alleged')`))
    .addColumn('claimant', 'text')
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('rev', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .addColumn('translations', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('verdict_label', 'text')
    .addColumn('verdict_value', real)
    .addColumn('verdict_best', real)
    .addColumn('verdict_worst', real)
    .addColumn('verdict_by', 'text')
    .addColumn('verdict_on', 'text')
    .addColumn('verdict_url', 'text')
    .addColumn('claim_review', 'text')
    .execute();
  await db.schema
    .createIndex('claims_scope_id')
    .on('claims')
    .unique()
    .expression(sql`coalesce(guild_id, ''), id`)
    .execute();
  await db.schema.createIndex('claims_id').on('claims').column('id').execute();
  await db.schema.createIndex('claims_guild').on('claims').columns(['guild_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('claims_rev').on('claims').column('rev').execute();

  await db.schema
    .createTable('audit')
    .addColumn('id', autoId(engine), (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('guild_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('audit_claim').on('audit').columns(['claim_id', 'id']).execute();
  await db.schema.createIndex('audit_scope_claim').on('audit').columns(['claim_id', 'guild_id', 'id']).execute();

  await db.schema
    .createTable('asked')
    .addColumn('id', autoId(engine), auto)
    .addColumn('guild_id', 'text')
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('answered', 'suggested', 'unanswered')`))
    .addColumn('claim_id', 'text')
    .addColumn('score', real)
    .addColumn('suggested', 'text')
    .addColumn('picked_from', 'bigint', (c) => c.references('asked.id'))
    .addColumn('dismissed_at', 'text')
    .execute();
  await db.schema.createIndex('asked_guild_time').on('asked').columns(['guild_id', 'asked_at']).execute();
  await db.schema.createIndex('asked_open').on('asked').columns(['guild_id', 'outcome', 'dismissed_at']).execute();

  await db.schema
    .createTable('feedback')
    .addColumn('id', autoId(engine), auto)
    .addColumn('asked_id', 'bigint', (c) => c.notNull().references('asked.id'))
    .addColumn('guild_id', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('helpful', 'not_what_i_asked')`))
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('feedback_one_vote', ['asked_id', 'user_id'])
    .execute();
  await db.schema.createIndex('feedback_guild_time').on('feedback').columns(['guild_id', 'at']).execute();

  // Questions waiting for a claim: each question without an answer, and each "Not what I asked" vote since its
  // answer's last dismissal, with the claim it came closest to (or got).
  await db.schema
    .createView('open_questions')
    .as(
      db
        .selectFrom('asked')
        .select(['id', 'guild_id', 'question', 'asked_at as at', 'claim_id', 'score', sql<number>`1`.as('n')])
        .where('outcome', '!=', 'answered')
        .where('dismissed_at', 'is', null)
        .unionAll(
          db
            .selectFrom('asked as a')
            .innerJoin('feedback as f', 'f.asked_id', 'a.id')
            .select([
              'a.id',
              'a.guild_id',
              'a.question',
              (eb) => eb.fn.max('f.at').as('at'),
              'a.claim_id',
              'a.score',
              (eb) => eb.fn.countAll<number>().as('n'),
            ])
            .where('a.outcome', '=', 'answered')
            .where('f.kind', '=', 'not_what_i_asked')
            .where((eb) => eb('f.at', '>', eb.fn.coalesce('a.dismissed_at', sql.lit(''))))
            .groupBy('a.id'),
        ),
    )
    .execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', autoId(engine), auto)
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('asked_id', 'bigint', (c) => c.notNull())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('waiting', 'due', 'sending', 'sent', 'held', 'shown', 'ended')`))
    .addColumn('claim_id', 'text')
    .addColumn('via', 'text', (c) => c.check(sql`via in ('channel', 'dm')`))
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subscriptions_one_per_question')
    .on('subscriptions')
    .unique()
    .expression(sql`guild_id, user_id, lower(question)`)
    .where(sql.ref('state'), '=', sql.lit('waiting'))
    .execute();
  await db.schema.createIndex('subscriptions_state').on('subscriptions').columns(['guild_id', 'state']).execute();

  await db.schema
    .createTable('pending_edits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('guild_id', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('claim_id', 'text', (c) => c.notNull())
    .addColumn('base_rev', 'bigint', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text')
    .addColumn('saved_rev', 'bigint')
    .execute();
  await db.schema.createIndex('pending_edits_owner').on('pending_edits').columns(['guild_id', 'user_id', 'created_at']).execute();
}

const MIGRATIONS: Migration[] = [
  { version: 9, up: baseline },
  // 10: the store's state in a table both engines have: the schema's version (SQLite's user_version has no
  // PostgreSQL twin) and the revision of the last claim change. Every claim writer takes this row first, so
  // writers commit one at a time on either engine and revisions (audit ids, given by the store) come in commit
  // order: a worker reading on from the last revision it saw misses nothing. One small read of it per question
  // tells a worker whether any other changed a claim. And two kinds of state that must outlive a worker: the
  // members' cooldowns, and the verdicts of /claim add waiting for their form.
  {
    version: 10,
    async up(db) {
      await db.schema
        .createTable('store_state')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('schema_version', 'integer', (c) => c.notNull())
        .addColumn('revision', 'bigint', (c) => c.notNull())
        .execute();
      await db
        .insertInto('store_state')
        .columns(['id', 'schema_version', 'revision'])
        .expression(
          db
            .selectFrom('audit')
            .select([sql.lit(1).as('id'), sql.lit(10).as('schema_version'), (eb) => eb.fn.coalesce(eb.fn.max('id'), sql.lit(0)).as('revision')]),
        )
        .execute();
      await db.schema
        .createTable('cooldowns')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('until_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('cooldowns_pk', ['action', 'user_id'])
        .execute();
      await db.schema
        .createTable('pending_verdicts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('guild_id', 'text')
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('pending_verdicts_age').on('pending_verdicts').column('created_at').execute();
      // When a claim was last reviewed, as a number both engines compare the same way (SQLite compared ISO texts
      // of any offset with julianday(), which PostgreSQL does not have).
      await db.schema.alterTable('claims').addColumn('reviewed_ms', 'bigint').execute();
      for (;;) {
        const rows = await db.selectFrom('claims').select(['id', 'guild_id', 'reviewed_at']).where('reviewed_ms', 'is', null).limit(1000).execute();
        if (rows.length === 0) break;
        for (const row of rows as Array<{ id: string; guild_id: string | null; reviewed_at: string }>) {
          await db
            .updateTable('claims')
            .set({ reviewed_ms: Date.parse(row.reviewed_at) || 0 })
            .where('id', '=', row.id)
            .where((eb) => (row.guild_id === null ? eb('guild_id', 'is', null) : eb('guild_id', '=', row.guild_id)))
            .execute();
        }
      }
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** The version a database is at: store_state's, else 9 for a SQLite file of the old kind (`legacyVersion`), else 0. */
export async function schemaVersion(db: AnyDb, legacyVersion = 0): Promise<number> {
  const tables = await db.introspection.getTables();
  if (tables.some((t) => t.name === 'store_state')) {
    const row = await db.selectFrom('store_state').select('schema_version').where('id', '=', 1).executeTakeFirst();
    return Number((row as { schema_version?: unknown } | undefined)?.schema_version ?? 0);
  }
  if (tables.some((t) => t.name === 'claims')) {
    if (legacyVersion >= LEGACY_VERSION) return LEGACY_VERSION;
    throw new Error('the database has tables of the bot but no schema version; it was not made by this bot');
  }
  return 0;
}

/**
 * Upgrades the database to this bot's schema, all pending migrations in one transaction. Several workers starting
 * at once on one store may race: on SQLite the transaction takes the write lock first and looks again; on
 * PostgreSQL the loser's transaction fails on a table the winner made, and it then finds the schema up to date.
 */
export async function migrate(
  db: AnyDb,
  engine: Engine,
  legacyVersion = 0,
  /** How a write is run: SQLite's write gate retries it while another connection holds the lock. */
  run: (work: () => Promise<void>) => Promise<void> = (work) => work(),
): Promise<void> {
  const check = async (q: AnyDb) => {
    const current = await schemaVersion(q, legacyVersion);
    if (current > SCHEMA_VERSION) throw new Error(`database schema version ${current} is newer than this bot understands (${SCHEMA_VERSION})`);
    if (current !== 0 && current < LEGACY_VERSION) throw new Error(`database schema version ${current} cannot be upgraded here`);
    return MIGRATIONS.filter((m) => m.version > current);
  };
  for (let attempt = 0; ; attempt++) {
    if ((await check(db)).length === 0) return;
    try {
      await run(() =>
        inTransaction(
          db,
          async (trx) => {
            const pending = await check(trx);
            if (pending.length === 0) return;
            for (const migration of pending) await migration.up(trx, engine);
            await trx.updateTable('store_state').set({ schema_version: SCHEMA_VERSION }).where('id', '=', 1).execute();
          },
          engine === 'sqlite' ? 'immediate' : 'default',
        ),
      );
      return;
    } catch (error) {
      if (attempt > 0 || (await schemaVersion(db, legacyVersion)) < SCHEMA_VERSION) throw error;
    }
  }
}
