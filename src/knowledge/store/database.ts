// Opens the store on one of two engines behind one Kysely interface: the embedded SQLite file (the default: no
// server to run) or a PostgreSQL server (DATABASE_URL=postgres://…, shared by every worker). Either way the schema
// is brought up to date before anything is served.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import { migrate, SCHEMA_VERSION, upgradeLegacySqlite } from './migrations.js';
import type { Db, Engine } from './tables.js';
import { WriteGate } from './writeGate.js';

export type { Db, Engine } from './tables.js';

/**
 * How long opening the database (its upgrade) waits for another process's lock; SQLite waits synchronously, which
 * is fine before anything is served. Once open, writes go through the write gate, which never waits this way.
 */
export const BUSY_TIMEOUT_MS = 5000;

/** Where the store lives: a SQLite file (`path`), or a PostgreSQL server (`url`, which wins when both are given). */
export interface StoreLocation {
  path: string;
  url?: string | undefined;
}

/** An open store: the connection writes go through, one that reads, and the write gate in front of the writer. */
export interface OpenStore {
  engine: Engine;
  /** Writes (and reads inside a write's transaction). */
  db: Db;
  /**
   * Reads outside a transaction. On SQLite a second connection, so a question is never queued behind this
   * process's own long write (a 100,000-claim import): SQLite's WAL lets it read the last commit meanwhile. On
   * PostgreSQL the same pool, whose connections read in parallel anyway.
   */
  reader: Db;
  gate: WriteGate;
  /** A name for messages: the file's path, or the server without its password. */
  where: string;
  close(): Promise<void>;
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** pg returns 64-bit integers and numerics as strings; every id, revision and count of the store fits a number. */
function numbersAsNumbers(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID || oid === NUMERIC_OID
        ? (value: string) => Number(value)
        : (types.getTypeParser(oid, format) as unknown)) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** A PostgreSQL url with its password hidden. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

export async function openStore(location: StoreLocation): Promise<OpenStore> {
  return location.url ? openPostgres(location.url) : openSqlite(location.path);
}

function sqliteConnection(path: string): Database.Database {
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000'); // BUSY_TIMEOUT_MS
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

async function openSqlite(path: string): Promise<OpenStore> {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
      // SQLite would quietly open a read-only file read-only, and the first write (a question) would fail.
      accessSync(path, constants.R_OK | constants.W_OK);
    }
  }
  const writer = sqliteConnection(path);
  let reader: Database.Database | null = null;
  let db: Db | null = null;
  try {
    // A file written by an older bot first takes the upgrades it was written for, as they ran then.
    const found = writer.pragma('user_version', { simple: true }) as number;
    if (found > SCHEMA_VERSION) throw new Error(`database schema version ${found} is newer than this bot understands (${SCHEMA_VERSION})`);
    upgradeLegacySqlite(writer);
    // From here on the writer never waits for a lock synchronously (the gate retries between events): another
    // store opening in the same process (a test, the sharded launcher's first start) must get its turn meanwhile.
    const gate = new WriteGate(writer, path);
    db = new Kysely({ dialect: new SqliteDialect({ database: writer }) });
    await migrate(db, 'sqlite', writer.pragma('user_version', { simple: true }) as number, (work) => gate.run(work));
    // Kept in step with store_state, so that an older bot (which reads only this) refuses the file as newer.
    if (writer.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
      await gate.run(() => Promise.resolve(writer.pragma(`user_version = ${SCHEMA_VERSION}`)));
    }
    // An in-memory database is one connection's own: there, the writer reads too.
    reader = path === ':memory:' ? null : sqliteConnection(path);
    const readDb = reader ? new Kysely<never>({ dialect: new SqliteDialect({ database: reader }) }) : db;
    const kdb = db;
    return {
      engine: 'sqlite',
      db: kdb,
      reader: readDb as unknown as Db,
      gate,
      where: path,
      async close() {
        if (readDb !== (kdb as unknown)) await readDb.destroy();
        await kdb.destroy();
      },
    };
  } catch (error) {
    reader?.close();
    if (db) await db.destroy();
    else writer.close();
    throw error;
  }
}

async function openPostgres(url: string): Promise<OpenStore> {
  // Loaded only here: the SQLite default (and every command-line run of it) does without it.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, types: numbersAsNumbers(pg.types), max: 10 });
  // A connection that breaks while idle (the server restarted) is dropped by the pool; it must not crash the bot.
  pool.on('error', () => undefined);
  const db: Db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { engine: 'postgres', db, reader: db, gate: new WriteGate(null, redactedUrl(url)), where: redactedUrl(url), close: () => db.destroy() };
}
