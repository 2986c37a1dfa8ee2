// The two engines the store runs on, for the store contract suite: a fresh store on each (a SQLite file in a temp
// folder, or a database of its own on the PostgreSQL server scripts/testPostgres.mjs started or TEST_DATABASE_URL
// names), and a plain connection to it, to look at what was written as another program would.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { tempDatabasePath } from './knowledge.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

export type Engine = 'sqlite' | 'postgres';

/** The PostgreSQL server of this test run, or null (the PostgreSQL half is skipped: the setup said why). */
export const POSTGRES_URL = inject('postgresUrl');

/** The engines this run tests: SQLite always, PostgreSQL when there is a server. */
export const ENGINES: Engine[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** Where one test's store lives, as KnowledgeBase.open takes it, and a plain connection to it. */
export interface TestStore {
  engine: Engine;
  /** KnowledgeBase.open's options for this store. */
  location: { databasePath: string; databaseUrl?: string };
  /** Runs a query on a connection of its own (`?` placeholders on both engines); its rows. */
  query(text: string, params?: unknown[]): Promise<Array<Record<string, unknown>>>;
  /** Rows in a table. */
  count(table: string): Promise<number>;
}

const clients: Array<{ end(): Promise<void> | void }> = [];
let admin: pg.Pool | null = null;
const databases: string[] = [];

afterAll(async () => {
  for (const client of clients.splice(0)) await client.end();
  if (admin) {
    for (const name of databases.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    admin = null;
  }
});

/** A url to a new, empty database on the test server. */
export async function freshPostgresUrl(): Promise<string> {
  if (!POSTGRES_URL) throw new Error('no PostgreSQL server in this test run');
  admin ??= new pg.Pool({ connectionString: POSTGRES_URL, max: 2 });
  const name = `factcheck_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  databases.push(name);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh, empty store on `engine`. */
export async function freshStore(engine: Engine): Promise<TestStore> {
  const databasePath = tempDatabasePath();
  if (engine === 'sqlite') {
    let db: Database.Database | null = null;
    const open = () => {
      if (!db) {
        db = new Database(databasePath);
        clients.push({
          end: () => {
            db?.close();
          },
        });
      }
      return db;
    };
    const query = (text: string, params: unknown[] = []) => {
      const statement = open().prepare(text);
      return Promise.resolve(statement.reader ? (statement.all(...params) as Array<Record<string, unknown>>) : (statement.run(...params), []));
    };
    return { engine, location: { databasePath }, query, count: async (table) => Number((await query(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n) };
  }
  const databaseUrl = await freshPostgresUrl();
  let client: pg.Client | null = null;
  const query = async (text: string, params: unknown[] = []) => {
    if (!client) {
      client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      clients.push(client);
    }
    let n = 0;
    const result = await client.query(
      text.replace(/\?/g, () => `$${++n}`),
      params,
    );
    return result.rows as Array<Record<string, unknown>>;
  };
  return {
    engine,
    location: { databasePath, databaseUrl },
    query,
    count: async (table) => Number((await query(`SELECT COUNT(*) AS n FROM ${table}`))[0]!.n),
  };
}
