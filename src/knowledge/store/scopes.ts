// What every store's queries share: a query builder that reads, and the rows of one scope.
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Db } from './tables.js';

/** A query builder that reads: the store's reader, or a write's transaction (which sees its own changes). */
export type Reads = Db;

/**
 * The rows of one scope (`guildId`; `null`: the curated base, or outside any server): `guild_id IS NULL` or
 * `guild_id = ?`, which an index serves on both engines (PostgreSQL's IS NOT DISTINCT FROM would not use one).
 */
export const inScopeOf =
  (guildId: string | null, column = 'guild_id') =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table with a guild_id column
  (eb: ExpressionBuilder<any, any>) =>
    guildId === null ? eb(sql.ref(column), 'is', null) : eb(sql.ref(column), '=', guildId);

/**
 * Runs `work` in one transaction on one connection, committed when it returns and rolled back when it throws. The
 * error thrown is the one that stopped the work: SQLite rolls a transaction back by itself after some failures (a
 * disk I/O error), and the rollback that then fails ("no transaction is active") must not hide why.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration's untyped view of the schema, or the store's
export async function inTransaction<T, D extends Kysely<any> = Db>(
  db: D,
  work: (trx: D) => Promise<T>,
  mode: 'immediate' | 'default' = 'default',
): Promise<T> {
  return db.connection().execute(async (conn) => {
    // `immediate` (SQLite only: migrations) takes the write lock first, waiting for it as the busy timeout says.
    await (mode === 'immediate' ? sql`begin immediate` : sql`begin`).execute(conn);
    let result: T;
    try {
      result = await work(conn as D);
      await sql`commit`.execute(conn);
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
    return result;
  });
}
