// The sample nginx configuration (deploy/nginx.conf), run by a real nginx in front of three HTTP workers sharing
// one database: Discord's signed requests pass through it unchanged (PONG, 401 for a bad signature, answers), every
// worker takes some of them, and when a worker stops the others answer everything, each interaction exactly once.
// Only the addresses change (loopback ports, a self-signed certificate for 127.0.0.1). Skipped, with one line saying
// why, where nginx is not installed (`apt-get install nginx-light`; .ci/run installs it).
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cooldowns } from '../src/commands/shared/cooldowns.js';
import { parseEnv } from '../src/config/env.js';
import { startHttpWorker, type RunningHttpWorker } from '../src/http/interactionsServer.js';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { createLogger } from '../src/log.js';
import { startFakeDiscord, type FakeDiscord } from './support/fakeDiscord.js';
import { PROJECT_ROOT, tempFolder } from './support/knowledge.js';
import { nginxMissing, SAMPLE_NGINX_CONF as SAMPLE, startNginx, type RunningNginx } from './support/nginx.js';

const missing = nginxMissing();
if (missing) console.warn(`test/loadBalancer.test.ts skipped: ${missing} is not installed (apt-get install nginx-light openssl).`);

const GUILD = '6600000000000000001';

describe('the README’s nginx configuration', () => {
  it('is what the README shows: every line of its nginx block is in deploy/nginx.conf', () => {
    const block = /```nginx\n([\s\S]*?)```/.exec(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8'))?.[1];
    const lines = (block ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    const sample = new Set(SAMPLE.split('\n').map((l) => l.trim()));
    expect(lines.filter((l) => !sample.has(l))).toEqual([]);
  });
});

describe.skipIf(missing !== null)('the sample nginx load balancer', () => {
  let fake: FakeDiscord;
  const kbs: KnowledgeBase[] = [];
  const workers: RunningHttpWorker[] = [];
  /** Interactions each worker took (counted where each one's deadline starts). */
  const taken = [0, 0, 0];
  let nginx: RunningNginx | undefined;
  let endpoint: string;
  let ca: string;
  let folder: string;

  beforeAll(async () => {
    folder = tempFolder();
    fake = await startFakeDiscord();
    const databasePath = join(folder, 'shared.db');
    const env = parseEnv({
      INTERACTIONS_MODE: 'http',
      DISCORD_PUBLIC_KEY: fake.publicKeyHex,
      DISCORD_API_URL: fake.apiUrl,
      DATABASE_PATH: databasePath,
      FACTCHECK_COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'silent',
    });
    for (let i = 0; i < 3; i++) {
      const kb = await KnowledgeBase.open({ databasePath });
      kbs.push(kb);
      workers.push(
        await startHttpWorker(
          { kb, env, log: createLogger('silent'), cooldowns: Cooldowns.fromEnv(env) },
          {
            host: '127.0.0.1',
            port: 0,
            publicKey: fake.publicKeyHex,
            deadline: (_id, signal) => {
              taken[i]! += 1;
              return new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
            },
          },
        ),
      );
    }

    // The sample, with loopback addresses: the workers' ports, a free port, and a certificate made for 127.0.0.1.
    nginx = await startNginx({ folder, upstreams: workers.map((w) => w.port) });
    endpoint = nginx.endpoint;
    ca = nginx.ca;
  }, 60_000);

  afterAll(async () => {
    await nginx?.stop();
    for (const worker of workers) await worker.stop();
    for (const kb of kbs) await kb.close();
    await fake?.stop();
  });

  const ask = (question: string) => fake.chatInput({ name: 'factcheck', guildId: GUILD, options: { question } });

  it('passes Discord’s signed requests through: PONG, 401 for a bad signature, and answers', async () => {
    expect((await fake.postInteraction(endpoint, { type: 1 }, { ca })).body).toEqual({ type: 1 });
    expect((await fake.postInteraction(endpoint, { type: 1 }, { ca, headers: {} })).status).toBe(401);
    const r = await fake.postInteraction(endpoint, ask('how many barrels of crude has russia shipped to pyongyang'), { ca });
    expect(r).toMatchObject({ status: 200, accepted: true });
    expect((r.body as { data: { embeds: Array<{ title: string }> } }).data.embeds[0]!.title).toContain('million barrels');
  });

  it('spreads interactions over every worker, and when one stops the others answer each interaction exactly once', async () => {
    const before = [...taken];
    for (let i = 0; i < 30; i++) {
      const r = await fake.postInteraction(endpoint, ask(`did north korea launch a spy satellite? (${i})`), { ca });
      expect(r).toMatchObject({ status: 200, accepted: true });
    }
    expect(taken.map((n, i) => n - before[i]!).every((n) => n > 0)).toBe(true);

    await workers[2]!.stop();
    const stopped = taken[2];
    const answers = [];
    for (let i = 0; i < 15; i++) answers.push(await fake.postInteraction(endpoint, ask(`did russia send troops to north korea? (${i})`), { ca }));
    expect(answers.map((r) => r.status)).toEqual(Array(15).fill(200));
    expect(answers.every((r) => r.accepted)).toBe(true);
    expect(taken[2]).toBe(stopped);
    expect(taken[0]! + taken[1]! - before[0]! - before[1]!).toBeGreaterThanOrEqual(15);
  });
});
