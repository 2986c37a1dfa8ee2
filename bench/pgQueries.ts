// How many queries one interaction costs the PostgreSQL store, for docs/scaling.md: an HTTP worker on a throw-away
// PostgreSQL server (scripts/testPostgres.mjs, with pg_stat_statements), sent signed /factcheck interactions by the
// fake Discord, each from a member of its own (so every cooldown is taken, as in a busy server). The server counts
// the statements itself (pg_stat_statements), so nothing in the bot is instrumented.
//
//   npm run bench:queries
//
// Printed: statements and transactions per interaction (answered, and without an answer), and a moderator's
// /claim list page for comparison.
import pg from 'pg';
import { Cooldowns } from '../src/commands/shared/cooldowns.js';
import { parseEnv } from '../src/config/env.js';
import { startHttpWorker } from '../src/http/interactionsServer.js';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { createLogger } from '../src/log.js';
import { startFakeDiscord } from '../test/support/fakeDiscord.js';

/** scripts/testPostgres.mjs (plain Node.js, without types): a throw-away server with these settings. */
type StartPostgres = (bin?: string, settings?: string[]) => Promise<{ url: string; stop(): Promise<void> }>;
const { startPostgres } = (await import(new URL('../scripts/testPostgres.mjs', import.meta.url).href)) as { startPostgres: StartPostgres };

const ROUNDS = 200;
const server = await startPostgres(undefined, ['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all']);
const admin = new pg.Client({ connectionString: server.url });
try {
  await admin.connect();
  await admin.query('CREATE DATABASE factcheck_bench');
  const url = server.url.replace(/\/postgres$/, '/factcheck_bench');
  const stats = new pg.Client({ connectionString: url });
  await stats.connect();
  await stats.query('CREATE EXTENSION pg_stat_statements');
  /** Statements and transactions the bot's database ran since the last call (this client's own left out). */
  let last = { statements: 0, commits: 0 };
  const counts = async () => {
    const s = await stats.query<{ n: string }>(
      `SELECT COALESCE(SUM(calls), 0) AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = 'factcheck_bench' AND s.query NOT ILIKE '%pg_stat%'`,
    );
    // Statistics of committed transactions reach pg_stat_database at the end of each backend's transaction.
    const c = await stats.query<{ n: string }>("SELECT xact_commit AS n FROM pg_stat_database WHERE datname = 'factcheck_bench'");
    const now = { statements: Number(s.rows[0]!.n), commits: Number(c.rows[0]!.n) };
    const diff = { statements: now.statements - last.statements, commits: now.commits - last.commits };
    last = now;
    return diff;
  };

  const fake = await startFakeDiscord();
  const env = parseEnv({ INTERACTIONS_MODE: 'http', DISCORD_PUBLIC_KEY: fake.publicKeyHex, DISCORD_API_URL: fake.apiUrl, DATABASE_URL: url });
  const kb = await KnowledgeBase.open({ databasePath: ':memory:', databaseUrl: url });
  const worker = await startHttpWorker(
    { kb, env, log: createLogger('silent'), cooldowns: Cooldowns.fromEnv(env, kb) },
    { host: '127.0.0.1', port: 0, publicKey: fake.publicKeyHex },
  );
  const endpoint = `${worker.url}/interactions`;
  const GUILD = '7000000000000000001';
  const ask = async (question: string, i: number) => {
    const payload = fake.chatInput({
      name: 'factcheck',
      guildId: GUILD,
      userId: String(7_100_000_000_000_000_000n + BigInt(i)),
      options: { question },
    });
    await fake.postInteraction(endpoint, payload);
    fake.forget(payload.id);
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300)); // the question log writes right after the reply
  const perInteraction = async (label: string, question: string, offset: number) => {
    for (let i = 0; i < 20; i++) await ask(question, offset + i); // warm-up
    await settle();
    await stats.query('SELECT pg_stat_statements_reset()');
    await counts();
    last.statements = 0;
    for (let i = 0; i < ROUNDS; i++) await ask(question, offset + 1000 + i);
    await settle();
    const { statements, commits } = await counts();
    process.stdout.write(`${label}: ${(statements / ROUNDS).toFixed(1)} statements, ${(commits / ROUNDS).toFixed(1)} transactions per interaction\n`);
    const top = await stats.query<{ calls: string; query: string }>(
      `SELECT calls, query FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = 'factcheck_bench' AND s.query NOT ILIKE '%pg_stat%' AND calls >= ${ROUNDS / 2} ORDER BY calls DESC`,
    );
    for (const row of top.rows)
      process.stdout.write(`  ${(Number(row.calls) / ROUNDS).toFixed(2)} × ${row.query.replace(/\s+/g, ' ').slice(0, 110)}\n`);
  };
  await counts();
  await perInteraction('/factcheck answered', 'how many barrels of oil has russia sent to north korea', 0);
  await perInteraction('/factcheck without an answer', 'who won the chess final in oslo', 10_000);
  await worker.stop();
  await kb.close();
  await fake.stop();
  await stats.end();
} finally {
  await admin.end().catch(() => undefined);
  await server.stop();
}
