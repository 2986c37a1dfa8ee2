// The real entry points, spawned as a user runs them: the offline console with piped input, configuration
// errors, `npm start` with a token against the fake Discord, the HTTP interactions worker, and the deploy script.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './support/fakeDiscord.js';

const ROOT = new URL('..', import.meta.url).pathname;
const TSX = ['--import', 'tsx'];
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'factcheck-entry-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

/** Runs a script to completion without blocking this process (the fake Discord lives here and must answer). */
function runAsync(script: string, env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...TSX, script], { cwd: ROOT, env: cleanEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

function run(script: string, env: Record<string, string>, input?: string) {
  return spawnSync(process.execPath, [...TSX, script], { cwd: ROOT, env: cleanEnv(env), input: input ?? '', encoding: 'utf8', timeout: 30_000 });
}

describe('offline console (npm start without a token)', () => {
  it('answers each piped line as a question, says it is offline, and exits at end of input', () => {
    const db = join(dir, 'console.db');
    const out = run(
      'src/index.ts',
      { DATABASE_PATH: db },
      'how many barrels of oil has russia sent to north korea?\nbest pizza in new york\n/about\n',
    );
    expect(out.status).toBe(0);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain('offline console');
    expect(out.stdout).toContain('million barrels');
    expect(out.stdout).toContain('Alleged');
    expect(out.stdout).toContain('claimed by Analysts');
    expect(out.stdout).toContain('No vetted claim');
    expect(out.stdout).toContain('About factcheck-bot');
  });
});

describe('configuration errors', () => {
  it('stops with one line naming the variable, no stack trace, and never prints the token', () => {
    const token = 'SECRET-token-value-1234567890';
    const out = run('src/index.ts', { DISCORD_TOKEN: token, DISCORD_CLIENT_ID: 'not-a-number', DATABASE_PATH: join(dir, 'bad.db') });
    expect(out.status).not.toBe(0);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).toContain('DISCORD_CLIENT_ID');
    expect(out.stderr + out.stdout).not.toContain(token);
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });

  it('asks for DISCORD_PUBLIC_KEY in HTTP mode, in one line', () => {
    const out = run('src/index.ts', { INTERACTIONS_MODE: 'http', DATABASE_PATH: join(dir, 'nokey.db') });
    expect(out.status).not.toBe(0);
    expect(out.stderr.trim()).toBe('Configuration error: DISCORD_PUBLIC_KEY is required when INTERACTIONS_MODE is http');
  });

  it('names DATABASE_PATH when the database cannot be opened', () => {
    const notAFolder = join(dir, 'plain-file');
    writeFileSync(notAFolder, 'not a folder');
    const out = run('src/index.ts', { DATABASE_PATH: join(notAFolder, 'x.db') }, '');
    expect(out.status).not.toBe(0);
    expect(out.stderr).toContain('DATABASE_PATH');
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('with a token, against the fake Discord', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake.stop();
  });

  it('npm start connects, answers /factcheck, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [...TSX, 'src/index.ts'], {
      cwd: ROOT,
      env: cleanEnv({
        DISCORD_TOKEN: fake.botToken,
        DISCORD_CLIENT_ID: fake.appId,
        DISCORD_API_URL: fake.apiUrl,
        DATABASE_PATH: join(dir, 'bot.db'),
        LOG_LEVEL: 'info',
      }),
    });
    let logs = '';
    child.stderr.on('data', (d) => (logs += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await fake.waitForGateway((f) => f.direction === 'out' && f.t === 'READY', 20_000);
    const deadline = Date.now() + 10_000;
    while (!logs.includes('ready as') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(logs).toContain('in 0 server(s)');
    const identify = await fake.waitForGateway((f) => f.direction === 'in' && f.op === 2);
    expect((identify.d as { intents: number }).intents).toBe(1);

    const { id } = fake.sendInteraction(
      fake.chatInput({ name: 'factcheck', options: { question: 'how many barrels of crude has russia shipped to pyongyang' } }),
    );
    const cb = (await fake.waitForCallback(id, 10_000)) as { type: number; data: { embeds: Array<{ title: string }> } };
    expect(cb.type).toBe(4);
    expect(cb.data.embeds[0]!.title).toContain('million barrels');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logs).not.toContain(fake.botToken);
  }, 40_000);

  it('INTERACTIONS_MODE=http (npm run start:http) answers signed interactions at /interactions and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [...TSX, 'src/index.ts'], {
      cwd: ROOT,
      env: cleanEnv({
        INTERACTIONS_MODE: 'http',
        DISCORD_PUBLIC_KEY: fake.publicKeyHex,
        DISCORD_API_URL: fake.apiUrl,
        PORT: '0',
        DATABASE_PATH: join(dir, 'http.db'),
        LOG_LEVEL: 'info',
      }),
    });
    let logs = '';
    child.stderr.on('data', (d) => (logs += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 20_000;
    while (!/answering interactions at (http:[^\s"]+)/.test(logs) && Date.now() < deadline && child.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    const endpoint = /answering interactions at (http:[^\s"]+)/.exec(logs)?.[1];
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/interactions$/);

    expect((await fake.postInteraction(endpoint!, { type: 1 })).body).toEqual({ type: 1 });
    expect((await fake.postInteraction(endpoint!, { type: 1 }, { headers: {} })).status).toBe(401);
    const answer = await fake.postInteraction(
      endpoint!,
      fake.chatInput({ name: 'factcheck', options: { question: 'how many barrels of crude has russia shipped to pyongyang' } }),
    );
    expect((answer.body as { type: number; data: { embeds: Array<{ title: string }> } }).data.embeds[0]!.title).toContain('million barrels');

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 40_000);

  it('npm run deploy-commands registers the message command, /factcheck, /claim and /about, each where it may be used', async () => {
    const guild = '4400000000000000001';
    const out = await runAsync('src/discord/deployCommands.ts', {
      DISCORD_TOKEN: fake.botToken,
      DISCORD_CLIENT_ID: fake.appId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_GUILD_ID: guild,
    });
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Registered 4 commands');
    const registered = fake.commands.get(guild) ?? [];
    const where = (name: string) => {
      const c = registered.find((r) => r.name === name)!;
      return { type: c.type, integration_types: c.integration_types, contexts: c.contexts, dm_permission: c.dm_permission };
    };
    expect(registered.map((c) => c.name).sort()).toEqual(['about', 'claim', 'factcheck', 'Fact-check this message'].sort());
    // Guild install and user install; in servers, the bot's DM and other DMs. /claim: servers that installed the bot.
    const everywhere = { integration_types: [0, 1], contexts: [0, 1, 2], dm_permission: true };
    expect(where('Fact-check this message')).toEqual({ type: 3, ...everywhere });
    expect(where('factcheck')).toEqual({ type: 1, ...everywhere });
    expect(where('about')).toEqual({ type: 1, ...everywhere });
    expect(where('claim')).toEqual({ type: 1, integration_types: [0], contexts: [0], dm_permission: true });
    expect(fake.requests.find((r) => r.method === 'PUT')!.body).toSatisfy((body: Array<Record<string, unknown>>) =>
      body.every((c) => !('dm_permission' in c)),
    );
    const factcheck = registered.find((c) => c.name === 'factcheck') as { options: Array<{ name: string; autocomplete?: boolean }> };
    expect(factcheck.options[0]).toMatchObject({ name: 'question', autocomplete: true });
    // Both install links, built from the application id.
    expect(out.stdout).toContain(
      `https://discord.com/oauth2/authorize?client_id=${fake.appId}&scope=bot%20applications.commands&permissions=84992&integration_type=0`,
    );
    expect(out.stdout).toContain(`https://discord.com/oauth2/authorize?client_id=${fake.appId}&scope=applications.commands&integration_type=1`);
  });
});
