// `npm run bench:queries`: how many database statements one interaction costs, on SQLite, counted where
// better-sqlite3 runs them (every run/get/all/iterate of a prepared statement, exec and pragma), in one HTTP worker
// answering signed interactions from the fake Discord. This is what a shared PostgreSQL would receive as round
// trips per interaction (a statement is one round trip there; SQLite's are function calls). Phases: /factcheck
// (the load test's questions), a moderator adding a claim, and a moderator correcting one with its note.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cooldowns } from '../src/commands/shared/cooldowns.js';
import { parseEnv } from '../src/config/env.js';
import { startHttpWorker } from '../src/http/interactionsServer.js';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { createLogger } from '../src/log.js';
import { snowflake, startFakeDiscord } from '../test/support/fakeDiscord.js';
import { addLocalClaim, correctAnswer, newSession } from './loadtest/moderator.js';
import { loadQuestions } from './loadtest/workload.js';

type Statement = { source: string } & Record<'run' | 'get' | 'all' | 'iterate', (...args: unknown[]) => unknown>;
type SqliteDatabase = { prepare(sql: string): Statement; close(): void } & Record<'exec' | 'pragma', (...args: unknown[]) => unknown>;

/** Statements run since the last `take()`, by their SQL's first words. */
const counted = new Map<string, number>();
function count(sql: string): void {
  const key = sql.replace(/\s+/g, ' ').trim().slice(0, 70);
  counted.set(key, (counted.get(key) ?? 0) + 1);
}
function take(): Map<string, number> {
  const copy = new Map(counted);
  counted.clear();
  return copy;
}

// better-sqlite3's own classes, wrapped once before the knowledge base opens: nothing in src/ changes.
const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as { new (path: string): SqliteDatabase; prototype: SqliteDatabase };
const probe = new Database(':memory:');
const statementProto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Statement;
probe.close();
for (const method of ['run', 'get', 'all', 'iterate'] as const) {
  const original = statementProto[method];
  statementProto[method] = function (this: Statement, ...args: unknown[]) {
    count(this.source);
    return original.apply(this, args);
  };
}
for (const method of ['exec', 'pragma'] as const) {
  const original = Database.prototype[method];
  Database.prototype[method] = function (this: SqliteDatabase, ...args: unknown[]) {
    count(`${method === 'pragma' ? 'PRAGMA ' : ''}${String(args[0])}`);
    return original.apply(this, args);
  };
}

const folder = mkdtempSync(join(tmpdir(), 'factcheck-queries-'));
const fake = await startFakeDiscord();
const env = parseEnv({
  INTERACTIONS_MODE: 'http',
  DISCORD_PUBLIC_KEY: fake.publicKeyHex,
  DISCORD_API_URL: fake.apiUrl,
  MODERATOR_WRITE_COOLDOWN_SECONDS: '0',
});
const kb = await KnowledgeBase.open({ databasePath: join(folder, 'queries.db') });
const worker = await startHttpWorker(
  { kb, env, log: createLogger('silent'), cooldowns: Cooldowns.fromEnv(env) },
  { host: '127.0.0.1', port: 0, publicKey: fake.publicKeyHex },
);
const endpoint = `${worker.url}/interactions`;
const session = newSession(fake);

const rows: Array<{ phase: string; interactions: number; statements: Map<string, number> }> = [];
async function phase(name: string, interactions: number, run: () => Promise<void>): Promise<void> {
  take();
  await run();
  await sleep(300); // the question log is written right after each answer
  rows.push({ phase: name, interactions, statements: take() });
}

// Warm: the first question reads what start-up left (curated base caches).
await fake.postInteraction(endpoint, fake.chatInput({ name: 'factcheck', options: { question: 'warm up' }, guildId: '7500000000000000001' }));
const questions = loadQuestions(300, 7);
await phase('/factcheck (a mix of curated questions, pasted posts, off-topic)', questions.length, async () => {
  for (const [i, q] of questions.entries()) {
    const guildId = String(7500000000000000000n + BigInt(i % 50));
    await fake.postInteraction(endpoint, fake.chatInput({ name: 'factcheck', guildId, userId: snowflake(), options: { question: q.question } }));
  }
});
let id = '';
await phase('claim form submitted (a claim added)', 1, async () => {
  id = await addLocalClaim(session, endpoint);
});
await phase('correction: /claim edit, form, note button, note form (4 interactions)', 4, async () => {
  await correctAnswer(session, endpoint, id, () => undefined);
});

await worker.stop();
await kb.close();
await fake.stop();
rmSync(folder, { recursive: true, force: true });

for (const row of rows) {
  const total = [...row.statements.values()].reduce((a, b) => a + b, 0);
  const writes = [...row.statements].filter(([sql]) => /^(INSERT|UPDATE|DELETE|REPLACE)/i.test(sql)).reduce((a, [, n]) => a + n, 0);
  process.stdout.write(
    `\n${row.phase}: ${row.interactions} interaction(s), ${total} statements (${(total / row.interactions).toFixed(2)} each; writes ${(writes / row.interactions).toFixed(2)})\n`,
  );
  for (const [sql, n] of [...row.statements].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    process.stdout.write(`  ${(n / row.interactions).toFixed(2).padStart(6)}  ${sql}\n`);
  }
}
