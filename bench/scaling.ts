// What one worker holds in memory, per claim and per server, and the CPU time it spends on one interaction, for
// docs/scaling.md. Each figure is measured in a
// child process of its own (so one measurement's garbage is not the next one's), after a full garbage collection:
// the live JS heap (with array buffers) and the resident set (which also holds SQLite's page cache and native code).
//
//   npm run bench:scaling
//
// - knowledge base: the curated base alone; 10,000 and 20,000 claims in one server; 10,000 claims over 1,000
//   servers (10 each). Per claim is the slope between 10k and 20k; per server, what 1,000 servers add to 10k claims.
// - gateway: a discord.js client logged in to the fake Discord, in 0 or 2,000 servers, each server as the fake
//   sends it (1 channel, 1 role), and as a community server (30 channels, 20 roles).
// - HTTP worker: live heap after 2,000 and 6,000 /factcheck interactions, each from a server and member of its own
//   (it caches no server), and its CPU time per interaction over the last 4,000 (signed by the fake Discord in the
//   parent process, one at a time).
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'discord.js';
import { Cooldowns } from '../src/commands/shared/cooldowns.js';
import { parseEnv } from '../src/config/env.js';
import { clientOptions } from '../src/discord/clientOptions.js';
import { startHttpWorker } from '../src/http/interactionsServer.js';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { createLogger } from '../src/log.js';
import { startFakeDiscord } from '../test/support/fakeDiscord.js';
import { makeClaim } from './synthetic.js';

interface Sample {
  heapMb: number;
  rssMb: number;
  /** CPU time (user + system) of the process so far. */
  cpuMs: number;
}
const mb = (bytes: number) => bytes / 1024 / 1024;
function sample(): Sample {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench:scaling)');
  const cpu = process.cpuUsage();
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { heapMb: mb(m.heapUsed + m.arrayBuffers), rssMb: mb(m.rss), cpuMs: (cpu.user + cpu.system) / 1000 };
}

const SERVER = (i: number) => String(7_000_000_000_000_000_000n + BigInt(i));

// ---- in a child: one measurement ----------------------------------------------------------------------------
async function child(kind: string, arg: string): Promise<Sample> {
  if (kind === 'kb') {
    const kb = await KnowledgeBase.open({ databasePath: arg, syncCurated: false });
    await kb.scope(null).answer('is this base open', { log: false });
    const s = sample();
    await kb.close();
    return s;
  }
  if (kind === 'gateway') {
    const [apiUrl, token] = arg.split(' ') as [string, string];
    const client = new Client(clientOptions({ DISCORD_API_URL: apiUrl }));
    const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
    await client.login(token);
    await ready;
    const s = sample();
    await client.destroy();
    return s;
  }
  if (kind === 'http') {
    const [apiUrl, publicKey, databasePath] = arg.split(' ') as [string, string, string];
    const env = parseEnv({ INTERACTIONS_MODE: 'http', DISCORD_PUBLIC_KEY: publicKey, DISCORD_API_URL: apiUrl, FACTCHECK_COOLDOWN_SECONDS: '0' });
    const kb = await KnowledgeBase.open({ databasePath });
    const worker = await startHttpWorker(
      { kb, env, log: createLogger('silent'), cooldowns: Cooldowns.fromEnv(env) },
      { host: '127.0.0.1', port: 0, publicKey },
    );
    process.send!({ url: `${worker.url}/interactions`, before: sample() });
    // Asked for a sample after each round of interactions; 'done' ends it.
    for (;;) {
      const message = await new Promise<unknown>((resolve) => process.once('message', resolve));
      if (message === 'done') break;
      process.send!({ round: sample() });
    }
    const s = sample();
    await worker.stop();
    await kb.close();
    return s;
  }
  throw new Error(`unknown measurement ${kind}`);
}

// ---- the parent: builds the bases, runs the children, prints the table ------------------------------------
/** Samples a child sent in between (the HTTP worker's, after each round of interactions). */
const rounds: Sample[] = [];
const nextRound = async (count: number) => {
  while (rounds.length < count) await new Promise((r) => setTimeout(r, 20));
  return rounds[count - 1]!;
};

function measure(kind: string, arg: string, whileRunning?: (child: ReturnType<typeof fork>, first: unknown) => Promise<void>): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const c = fork(new URL(import.meta.url), ['--child', kind, arg], { execArgv: ['--expose-gc', '--import', 'tsx'] });
    let got = false;
    c.on('message', (message: { sample?: Sample; round?: Sample }) => {
      if (message.sample) resolve(message.sample);
      else if (message.round) rounds.push(message.round);
      else if (!got && whileRunning) {
        got = true;
        whileRunning(c, message).catch(reject);
      }
    });
    c.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`${kind} measurement exited ${code}`))));
  });
}

async function base(folder: string, name: string, claims: number, servers: number): Promise<string> {
  const databasePath = join(folder, `${name}.db`);
  const kb = await KnowledgeBase.open({ databasePath, syncCurated: servers === 0 });
  for (let s = 0; s < servers; s++) {
    const records = [];
    for (let i = s; i < claims; i += servers) {
      const { id, statement, answer, confidence, claimant, sources, questions, keywords, tags } = makeClaim(i);
      records.push({ id, statement, answer, confidence, claimant, sources, questions, keywords, tags });
    }
    await kb.scope(SERVER(s)).import(records, { by: '7000000000000000999' });
  }
  await kb.close();
  return databasePath;
}

async function parent(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'factcheck-memory-'));
  const rows: Array<[string, string]> = [];
  const print = (label: string, value: string) => {
    rows.push([label, value]);
    process.stdout.write(`${label}: ${value}\n`);
  };
  const f = (n: number, digits = 1) => n.toFixed(digits);
  try {
    const empty = await measure('kb', await base(folder, 'curated', 0, 0));
    const k10 = await measure('kb', await base(folder, 'k10', 10_000, 1));
    const k20 = await measure('kb', await base(folder, 'k20', 20_000, 1));
    const k10s = await measure('kb', await base(folder, 'k10s', 10_000, 1_000));
    const k10h = await measure('kb', await base(folder, 'k10h', 10_000, 100));
    print('knowledge base, curated only', `${f(empty.heapMb)} MB heap, ${f(empty.rssMb)} MB RSS`);
    print('knowledge base, 10k claims, 1 server', `${f(k10.heapMb)} MB heap, ${f(k10.rssMb)} MB RSS`);
    print('knowledge base, 20k claims, 1 server', `${f(k20.heapMb)} MB heap, ${f(k20.rssMb)} MB RSS`);
    print('knowledge base, 10k claims, 1,000 servers', `${f(k10s.heapMb)} MB heap, ${f(k10s.rssMb)} MB RSS`);
    print('knowledge base, 10k claims, 100 servers', `${f(k10h.heapMb)} MB heap, ${f(k10h.rssMb)} MB RSS`);
    print('per claim', `${f(((k20.heapMb - k10.heapMb) * 1024) / 10_000, 2)} KB heap, ${f(((k20.rssMb - k10.rssMb) * 1024) / 10_000, 2)} KB RSS`);
    print('per server with 10 claims (knowledge base)', `${f(((k10s.heapMb - k10.heapMb) * 1024) / 999, 1)} KB heap`);
    print('per server with 100 claims (knowledge base)', `${f(((k10h.heapMb - k10.heapMb) * 1024) / 99, 1)} KB heap`);

    for (const [label, shape] of [
      ['as the fake sends it', {}],
      ['30 channels, 20 roles', { channels: 30, roles: 20 }],
    ] as const) {
      const none = await startFakeDiscord();
      const zero = await measure('gateway', `${none.apiUrl} ${none.botToken}`);
      await none.stop();
      const fake = await startFakeDiscord({
        guilds: Array.from({ length: 2_000 }, (_, i) => ({ id: SERVER(i), channelId: SERVER(10_000 + i), ...shape })),
      });
      const many = await measure('gateway', `${fake.apiUrl} ${fake.botToken}`);
      await fake.stop();
      print(`gateway client, 2,000 servers ${label}`, `${f(many.heapMb - zero.heapMb)} MB heap more than in none`);
      print(`per server (gateway cache, ${label})`, `${f(((many.heapMb - zero.heapMb) * 1024) / 2_000, 2)} KB heap`);
    }

    const fake = await startFakeDiscord();
    let before: Sample | undefined;
    const after = await measure('http', `${fake.apiUrl} ${fake.publicKeyHex} ${join(folder, 'curated.db')}`, async (c, first) => {
      const { url, before: b } = first as { url: string; before: Sample };
      before = b;
      for (let i = 0; i < 6_000; i++) {
        if (i === 2_000) {
          c.send('measure');
          await nextRound(1);
        }
        const payload = fake.chatInput({
          name: 'factcheck',
          guildId: SERVER(i),
          userId: String(7_100_000_000_000_000_000n + BigInt(i)),
          options: { question: 'how many barrels of oil has russia sent to north korea' },
        });
        await fake.postInteraction(url, payload);
        fake.forget(payload.id);
      }
      c.send('measure');
      await nextRound(2);
      c.send('done');
    });
    await fake.stop();
    print('HTTP worker, after 2,000 interactions from 2,000 servers', `${f(rounds[0]!.heapMb - before!.heapMb)} MB heap more than before them`);
    print('HTTP worker, after 6,000 interactions from 6,000 servers', `${f(rounds[1]!.heapMb - before!.heapMb)} MB heap more than before them`);
    print('HTTP worker, CPU per /factcheck interaction', `${f((rounds[1]!.cpuMs - rounds[0]!.cpuMs) / 4_000, 2)} ms`);
    print('HTTP worker, closing after them', `${f(after.heapMb)} MB heap, ${f(after.rssMb)} MB RSS`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  const s = await child(process.argv[at + 1]!, process.argv[at + 2]!);
  process.send!({ sample: s });
  process.disconnect();
} else {
  await parent();
}
