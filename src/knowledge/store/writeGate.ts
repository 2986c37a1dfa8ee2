// Every write to the database goes through here.
// - On SQLite, it never blocks the event loop on a lock another process holds (an import from the command line).
//   SQLite's busy wait is synchronous: while it waited, no member's question was answered. So the connection does
//   not wait (busy_timeout 0); a write is tried at once and, while the lock is taken, again a little later, for up
//   to WRITE_WAIT_MS, and is then refused with a CannotWriteError. Questions are answered meanwhile.
// - It refuses to write to a SQLite file that was deleted or replaced (a backup copied over it, `rm`) while the
//   process had it open: SQLite goes on writing to the file it opened, which nobody will open again, and reports
//   success, so every claim "added" from then on would be gone at the next start.
// On PostgreSQL, a write waiting for a lock waits on the server, never in this process: it is run as it comes.
import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { CannotWriteError } from '../errors.js';

/** How long a write keeps trying while another process holds the write lock (a 100,000-claim import holds it ~5 s). */
export const WRITE_WAIT_MS = 10_000;
const RETRY_FIRST_MS = 5;
const RETRY_MAX_MS = 100;

/** A write that could not start because another connection holds the write lock. */
export const BUSY = Symbol('busy');

const isBusy = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_'));
};

interface FileIdentity {
  dev: number;
  ino: number;
}

function identityOf(path: string): FileIdentity | null {
  const stat = statSync(path, { throwIfNoEntry: false });
  return stat ? { dev: stat.dev, ino: stat.ino } : null;
}

export class WriteGate {
  private readonly identity: FileIdentity | null;

  /** `sqlite`: the SQLite connection writes go through (null for PostgreSQL); `path`: where the store is, for messages. */
  constructor(
    sqlite: Database.Database | null,
    readonly path: string,
  ) {
    this.identity = sqlite && path !== ':memory:' ? identityOf(path) : null;
    sqlite?.pragma('busy_timeout = 0');
  }

  /** Throws CannotWriteError('replaced') when the file at the database's path is no longer the one open. */
  checkFile(): void {
    if (!this.identity) return;
    const now = identityOf(this.path);
    if (!now || now.dev !== this.identity.dev || now.ino !== this.identity.ino) throw new CannotWriteError('replaced', this.path);
  }

  /** Runs `write` (one transaction) once, without waiting for a lock: its result, or BUSY when another connection holds it. */
  async tryNow<T>(write: () => Promise<T>): Promise<T | typeof BUSY> {
    this.checkFile();
    try {
      return await write();
    } catch (error) {
      if (isBusy(error)) return BUSY;
      throw error;
    }
  }

  /**
   * Runs `write` (one transaction), trying again while another connection holds the write lock, for up to
   * WRITE_WAIT_MS; then a CannotWriteError('busy'). The event loop runs between tries.
   */
  async run<T>(write: () => Promise<T>): Promise<T> {
    const deadline = performance.now() + WRITE_WAIT_MS;
    for (let wait = RETRY_FIRST_MS; ; wait = Math.min(RETRY_MAX_MS, wait * 2)) {
      const result = await this.tryNow(write);
      if (result !== BUSY) return result;
      if (performance.now() + wait > deadline) throw new CannotWriteError('busy', this.path);
      await sleep(wait);
    }
  }
}
