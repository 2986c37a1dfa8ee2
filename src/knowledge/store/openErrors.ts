// Why a database file could not be opened, in one line a person can act on. SQLite's and the file system's own
// messages ("file is not a database", "unable to open database file") do not say which file, or what to do.
import { redactedUrl } from './database.js';

const HINTS: Record<string, string> = {
  SQLITE_NOTADB: 'is not a SQLite database (a damaged file, or another kind of file); move it away or point DATABASE_PATH at another file',
  SQLITE_CORRUPT: 'is damaged (SQLite: database disk image is malformed); restore it from a backup or move it away',
  SQLITE_READONLY: 'is read-only; the bot must be able to write to it',
  SQLITE_BUSY: 'is locked by another process that did not let go within 5 seconds',
  SQLITE_FULL: 'cannot be written: the disk is full',
  SQLITE_IOERR: 'cannot be read or written (an I/O error)',
  SQLITE_CANTOPEN: 'cannot be opened or created: its folder must exist and be writable (SQLite keeps -wal and -shm files beside it)',
  EISDIR: 'is a folder, not a file',
  ENOSPC: 'cannot be written: the disk is full',
};

/** What a PostgreSQL server's error codes (or the network's) mean for someone setting DATABASE_URL. */
const PG_HINTS: Record<string, string> = {
  ECONNREFUSED: 'refused the connection: is the PostgreSQL server running, on that host and port?',
  ENOTFOUND: 'names a host that does not resolve',
  ETIMEDOUT: 'did not answer in time',
  '28P01': 'refused the password for that user',
  '28000': 'refused that user (see pg_hba.conf)',
  '3D000': 'names a database that does not exist: create it (createdb), see docs/scaling.md',
  '42501': 'names a user without the rights to create the tables: grant it CREATE on the database (see docs/scaling.md)',
};

/** One line naming DATABASE_PATH (or DATABASE_URL, its password hidden), and the problem; never a stack trace. */
export function describeOpenError(path: string, error: unknown, url?: string): string {
  const { code, syscall, message } = (error ?? {}) as { code?: unknown; syscall?: unknown; message?: unknown };
  if (url) {
    const what = `DATABASE_URL ${redactedUrl(url)}`;
    const pgHint = typeof code === 'string' ? PG_HINTS[code] : undefined;
    return pgHint ? `${what} ${pgHint}` : `${what} cannot be opened: ${String(message ?? error).split('\n')[0]}`;
  }
  const what = `DATABASE_PATH ${path}`;
  if (syscall === 'mkdir' && (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')) {
    return `${what}: cannot create its folder (permission denied); create it, or make its parent writable`;
  }
  if (syscall === 'mkdir' && (code === 'ENOTDIR' || code === 'EEXIST')) return `${what}: cannot create its folder: part of that path is a file`;
  if (syscall === 'access' && (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')) return `${what} ${HINTS.SQLITE_READONLY}`;
  const family = typeof code === 'string' ? code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1') : undefined;
  const hint = family ? HINTS[family] : undefined;
  if (hint) return `${what} ${hint}`;
  return `${what} cannot be opened: ${String(message ?? error).split('\n')[0]}`;
}
