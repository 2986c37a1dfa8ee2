// Opens the embedded SQLite database: creates its folder, sets WAL and a busy timeout, and upgrades the schema.
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

export type Db = Database.Database;

/**
 * How long opening the database (its upgrade) waits for another process's lock; SQLite waits synchronously, which
 * is fine before anything is served. Once open, writes go through the write gate, which never waits this way.
 */
export const BUSY_TIMEOUT_MS = 5000;

export function openDatabase(path: string): Db {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true });
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' });
      // SQLite would quietly open a read-only file read-only, and the first write (a question) would fail.
      accessSync(path, constants.R_OK | constants.W_OK);
    }
  }
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000'); // BUSY_TIMEOUT_MS
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
