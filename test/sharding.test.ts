// The sharded gateway (`npm run start:sharded`) as a user runs it: discord.js's ShardingManager asks the fake
// Discord how many shards (SHARD_COUNT=auto → 2), starts one process per shard, and each identifies as its shard,
// gets only its own servers, and answers the interactions Discord routes to it, from the one shared database.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { shardOf, startFakeDiscord, type FakeDiscord, type GatewayFrame } from './support/fakeDiscord.js';
import { PROJECT_ROOT, tempFolder, tramClaim } from './support/knowledge.js';

// Server ids whose shard, of two, is 0 and 1: Discord routes by (id >> 22) % shard count.
const SERVER_0 = String((1_000_000_000_000n << 22n) | 7n);
const SERVER_1 = String((1_000_000_000_001n << 22n) | 7n);

let fake: FakeDiscord;
let dbPath: string;
beforeAll(async () => {
  expect([shardOf(SERVER_0, 2), shardOf(SERVER_1, 2)]).toEqual([0, 1]);
  fake = await startFakeDiscord({ shards: 2, guilds: [{ id: SERVER_0 }, { id: SERVER_1 }] });
  dbPath = join(tempFolder(), 'shared.db');
  // A claim of the second server only, in the database both shards share.
  const kb = await KnowledgeBase.open({ databasePath: dbPath });
  await kb.scope(SERVER_1).add(tramClaim(), { by: '5500000000000000099' });
  await kb.close();
});
afterAll(async () => {
  await fake?.stop();
});

type Callback = { type: number; data?: { embeds?: Array<{ title?: string }>; content?: string } };

describe('npm run start:sharded with SHARD_COUNT=auto', () => {
  it('starts two shards, each with its own servers, each answering them from the shared database, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/sharded.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: fake.botToken,
        DISCORD_CLIENT_ID: fake.appId,
        DISCORD_API_URL: fake.apiUrl,
        DATABASE_PATH: dbPath,
        SHARD_COUNT: 'auto',
        FACTCHECK_COOLDOWN_SECONDS: '0',
        LOG_LEVEL: 'info',
      },
    });
    let logs = '';
    child.stderr.on('data', (d) => (logs += String(d)));
    child.stdout.on('data', (d) => (logs += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 50_000;
      while (!logs.includes('2 shard(s) ready') && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 100));
      expect(logs).toContain('2 shard(s) ready');

      // Each process identified as one shard of two and was given only that shard's server.
      const identifies = fake.gatewayLog.filter((f) => f.direction === 'in' && f.op === 2);
      const shardOfConnection = new Map(identifies.map((f) => [f.connection, (f.d as { shard: [number, number] }).shard]));
      expect([...shardOfConnection.values()].sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const readies = fake.gatewayLog.filter((f) => f.direction === 'out' && f.t === 'READY');
      const serversOf = (f: GatewayFrame) => (f.d as { guilds: Array<{ id: string }> }).guilds.map((g) => g.id);
      expect(new Map(readies.map((f) => [shardOfConnection.get(f.connection)![0], serversOf(f)]))).toEqual(
        new Map([
          [0, [SERVER_0]],
          [1, [SERVER_1]],
        ]),
      );
      expect(logs).toContain('in 1 server(s) (shard 0 of 2)');
      expect(logs).toContain('in 1 server(s) (shard 1 of 2)');

      const ask = async (guildId: string, question: string) => {
        const { id } = fake.sendInteraction(fake.chatInput({ name: 'factcheck', guildId, options: { question } }));
        const callback = (await fake.waitForCallback(id, 10_000)) as Callback;
        const frame = fake.gatewayLog.find((f) => f.t === 'INTERACTION_CREATE' && (f.d as { id: string }).id === id)!;
        return { callback, shard: shardOfConnection.get(frame.connection)![0] };
      };
      // Each server's questions went to its own shard, which answered them.
      const fromFirst = await ask(SERVER_0, 'how many barrels of crude has russia shipped to pyongyang');
      expect(fromFirst.shard).toBe(0);
      expect(fromFirst.callback.data!.embeds![0]!.title).toContain('million barrels');
      const fromSecond = await ask(SERVER_1, 'did the council approve the tram line?');
      expect(fromSecond.shard).toBe(1);
      expect(fromSecond.callback.data!.embeds![0]!.title).toBe(tramClaim().statement);
      // The second server's claim is its own: the first server's shard does not answer with it.
      const elsewhere = await ask(SERVER_0, 'did the council approve the tram line?');
      expect(elsewhere.shard).toBe(0);
      expect(JSON.stringify(elsewhere.callback)).not.toContain(tramClaim().statement);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(logs).toContain('stopped');
    expect(logs).not.toContain(fake.botToken);
  }, 90_000);
});
