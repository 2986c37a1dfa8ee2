// Schema migrations, versioned in code. PRAGMA user_version records how far a database file has been upgraded,
// so a file written by an older version of the bot opens and is brought up to date in one transaction. Each
// migration sets its own version in its SQL (`PRAGMA user_version = N;` last), so no SQL is ever built from values.
import type Database from 'better-sqlite3';

const MIGRATIONS: string[] = [
  // 1: claims, their audit trail, and questions the bot could not answer.
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
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema version ${current} is newer than this bot understands (${SCHEMA_VERSION})`);
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version]!);
      const reached = db.pragma('user_version', { simple: true }) as number;
      if (reached !== version + 1) throw new Error(`migration ${version + 1} must end with PRAGMA user_version = ${version + 1}`);
    }).immediate();
  }
}
