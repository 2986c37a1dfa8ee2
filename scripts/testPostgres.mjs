// A throw-away PostgreSQL server for the tests (vitest's globalSetup), on 127.0.0.1 and a free port, its data in a
// fresh folder under the OS temp dir, removed at the end. TEST_DATABASE_URL, when set, names a server to use
// instead (the tests make a database of their own on it for each store they open). Without either, the PostgreSQL
// half of the store contract suite is skipped, and this says why in one line.
//
// Run on its own (`node scripts/testPostgres.mjs`), it starts the server, prints its url, and stops on Ctrl-C.
//
// PostgreSQL's initdb refuses to run as root: as root, the server is made and run as the `postgres` user (Debian's
// package creates it), or else `nobody`.
import { spawn, spawnSync } from 'node:child_process';
import console from 'node:console';
import { setTimeout } from 'node:timers';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const READY_TIMEOUT_MS = 30_000;

/** The folder of PostgreSQL's server binaries (initdb, postgres), or null: on PATH, or Debian's versioned folders. */
export function postgresBinaries() {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return join(onPath, '..');
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Who runs the server: this user, or (as root, which initdb refuses) `postgres`, else `nobody`: spawn's uid and gid. */
function serverUser() {
  if (process.getuid?.() !== 0) return {};
  for (const user of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root, and there is no postgres or nobody user to run PostgreSQL as');
}

async function waitUntilReady(url, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited with code ${child.exitCode}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Starts a server; returns its url and how to stop it. */
export async function startPostgres(bin = postgresBinaries(), extraSettings = []) {
  if (!bin) throw new Error('no PostgreSQL binaries');
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'factcheck-pg-'));
  const data = join(dir, 'data');
  // The server's user must own its folder; the folder holds nothing but this throw-away server.
  chmodSync(dir, 0o777);
  const initArgs = ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'];
  const init = spawnSync(join(bin, 'initdb'), initArgs, { encoding: 'utf8', cwd: dir, ...user });
  if (init.status !== 0) throw new Error(`initdb failed: ${(init.stderr || init.stdout || '').trim().split('\n').pop()}`);
  const port = await freePort();
  const settings = [
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
    ...extraSettings.flatMap((s) => ['-c', s]),
  ];
  const args = ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, ...settings];
  const child = spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir, ...user });
  let log = '';
  child.stderr.on('data', (chunk) => {
    log = (log + chunk).slice(-4000);
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${error.message}: ${log.trim().split('\n').pop() ?? ''}`);
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // SIGINT: PostgreSQL's fast shutdown (the connections are the tests', all closed by now).
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let running = null;

/** vitest: provides `postgresUrl` (null when there is no PostgreSQL) to the tests. */
export async function setup({ provide }) {
  if (process.env.TEST_DATABASE_URL) {
    provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const bin = postgresBinaries();
  if (!bin) {
    console.log("PostgreSQL store suite skipped: no PostgreSQL here (install Debian's postgresql, or set TEST_DATABASE_URL)");
    provide('postgresUrl', null);
    return;
  }
  try {
    running = await startPostgres(bin);
  } catch (error) {
    console.log(`PostgreSQL store suite skipped: could not start a test server (${error.message})`);
    provide('postgresUrl', null);
    return;
  }
  provide('postgresUrl', running.url);
}

export async function teardown() {
  await running?.stop();
  running = null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startPostgres();
  console.log(server.url);
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
