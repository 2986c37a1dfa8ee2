// Start-up failures, as `npm start` meets them: an unwritable data folder, a read-only or corrupt database file,
// missing or malformed values in .env. Each must stop the bot with one line on stderr naming the problem, a non-zero
// exit code, and no stack trace (and never the token).
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { PROJECT_ROOT } from './support/knowledge.js';

const ENTRY = join(PROJECT_ROOT, 'src/index.ts');
/** tsx by absolute URL, so the entry point can run from any working directory (where its .env is read). */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.secret-token-value-for-the-start-up-tests';
/** Root ignores file permissions: the permission cases then run the bot as nobody. */
const AS_NOBODY = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'factcheck-startup-'));
  chmodSync(dir, 0o755);
});
afterAll(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the bot as `npm start` does, from `cwd` (its .env is read there), with only `env` set. */
function start(env: Record<string, string>, options: { cwd?: string; asNobody?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, ENTRY], {
      cwd: options.cwd ?? PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: dir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.asNobody ? AS_NOBODY : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** The lines the bot itself writes when it cannot start (anything else on stderr comes from Node or tsx). */
const OWN_LINE = /^(factcheck-bot could not start: |Configuration error: )/;

/**
 * What the person who ran `npm start` sees: exactly one line of the bot's own on stderr, naming the problem with
 * every expected phrase, exit code 1, nothing on stdout, no stack trace, no token. A line Node or tsx adds on a busy
 * machine (a warning) is not the bot's: the test counts the bot's lines, not every line.
 */
async function expectOneClearLine(expect: ExpectStatic, running: Promise<Run>, ...phrases: string[]): Promise<void> {
  const run = await running;
  expect(run.status, run.stderr).toBe(1);
  const own = run.stderr.split('\n').filter((line) => OWN_LINE.test(line));
  expect(own, run.stderr).toHaveLength(1);
  for (const phrase of phrases) expect(own[0]).toContain(phrase);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stderr).not.toMatch(/\b(Error|TypeError|SqliteError):/);
  expect(run.stdout).toBe('');
  expect(run.stderr + run.stdout).not.toContain(TOKEN);
}

describe.concurrent('the data folder and the database file', () => {
  it('names DATABASE_PATH when its folder cannot be created (parent not writable)', async ({ expect }) => {
    const parent = join(dir, 'locked-parent');
    mkdirSync(parent, { mode: 0o555 });
    const path = join(parent, 'data', 'factcheck.db');
    await expectOneClearLine(
      expect,
      start({ DATABASE_PATH: path }, { asNobody: true }),
      `DATABASE_PATH ${path}`,
      'cannot create its folder',
      'permission denied',
    );
  });

  it('names DATABASE_PATH when its folder exists but is not writable', async ({ expect }) => {
    const folder = join(dir, 'read-only-data');
    mkdirSync(folder, { mode: 0o555 });
    const path = join(folder, 'factcheck.db');
    await expectOneClearLine(expect, start({ DATABASE_PATH: path }, { asNobody: true }), `DATABASE_PATH ${path}`, 'must exist and be writable');
  });

  it('refuses a database file it could only read, instead of failing at the first question', async ({ expect }) => {
    const folder = join(dir, 'read-only-file');
    mkdirSync(folder, { mode: 0o777 });
    const path = join(folder, 'factcheck.db');
    await (await KnowledgeBase.open({ databasePath: path })).close();
    chmodSync(path, 0o444);
    await expectOneClearLine(expect, start({ DATABASE_PATH: path }, { asNobody: true }), `DATABASE_PATH ${path}`, 'is read-only');
  });

  it('says a file of garbage is not a SQLite database', async ({ expect }) => {
    const path = join(dir, 'garbage.db');
    writeFileSync(path, Buffer.from(Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 251)));
    await expectOneClearLine(expect, start({ DATABASE_PATH: path }), `DATABASE_PATH ${path}`, 'is not a SQLite database');
  });

  it('says a database with damaged pages is damaged', async ({ expect }) => {
    const path = join(dir, 'damaged.db');
    await (await KnowledgeBase.open({ databasePath: path })).close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, 4096 * 3);
    closeSync(fd);
    await expectOneClearLine(expect, start({ DATABASE_PATH: path }), `DATABASE_PATH ${path}`, 'is damaged');
  });

  it('says when DATABASE_PATH is a folder', async ({ expect }) => {
    const path = join(dir, 'a-folder.db');
    mkdirSync(path);
    await expectOneClearLine(expect, start({ DATABASE_PATH: path }), `DATABASE_PATH ${path}`, 'is a folder');
  });
});

describe.concurrent('a PostgreSQL store that cannot be used', () => {
  it('names DATABASE_URL, its password hidden, when no server answers there', async ({ expect }) => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const url = 'postgres://factcheck:s3cret-password@127.0.0.1:1/factcheck';
    const running = start({ DATABASE_URL: url, DATABASE_PATH: join(dir, 'unused.db') });
    await expectOneClearLine(expect, running, 'DATABASE_URL postgres://factcheck:***@127.0.0.1:1/factcheck', 'refused the connection');
    expect((await running).stderr).not.toContain('s3cret-password');
  });

  it('names DATABASE_URL when it is not a postgres:// URL', async ({ expect }) => {
    await expectOneClearLine(expect, start({ DATABASE_URL: 'mysql://localhost/factcheck' }), 'DATABASE_URL', 'postgres://');
  });
});

describe.concurrent('.env values', () => {
  const cases: Array<[string, string, string[]]> = [
    ['a log level pino does not have', 'LOG_LEVEL=loud', ['LOG_LEVEL']],
    ['an application id that is not a Discord id', `DISCORD_TOKEN=${TOKEN}\nDISCORD_CLIENT_ID=abc`, ['DISCORD_CLIENT_ID', 'Discord id']],
    ['a token without its application id', `DISCORD_TOKEN=${TOKEN}`, ['DISCORD_CLIENT_ID is required']],
    ['a token with a space in it', `DISCORD_TOKEN="${TOKEN} x"\nDISCORD_CLIENT_ID=1100000000000000001`, ['DISCORD_TOKEN', 'spaces']],
    ['a negative cooldown', 'FACTCHECK_COOLDOWN_SECONDS=-1', ['FACTCHECK_COOLDOWN_SECONDS', 'whole number']],
    ['a moderator role that is not an id', 'MODERATOR_ROLE_IDS=123456789012345678,admins', ['MODERATOR_ROLE_IDS']],
    ['an API URL that is not http(s)', 'DISCORD_API_URL=ftp://127.0.0.1/api', ['DISCORD_API_URL', 'http(s) URL']],
  ];
  for (const [what, dotenv, phrases] of cases) {
    it(`stops on ${what}, naming the variable`, async ({ expect }) => {
      const cwd = mkdtempSync(join(dir, 'cwd-'));
      writeFileSync(join(cwd, '.env'), `${dotenv}\nDATABASE_PATH=${join(cwd, 'factcheck.db')}\n`);
      await expectOneClearLine(expect, start({}, { cwd }), 'Configuration error:', ...phrases);
    });
  }
});
