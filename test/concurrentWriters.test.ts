// Two processes write one database at the same time: the bot (spawned as `npm start` runs it, against the fake
// Discord) taking /claim add form submits, and `npm run claims -- import` run again and again. No user may see
// "database is locked" (or any failure), no write may be lost, and Discord's 3 s deadline must hold throughout.
// The test counts what each process wrote, and finds exactly that in the file.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_PERMISSIONS, startFakeDiscord, type FakeDiscord } from './support/fakeDiscord.js';
import { PROJECT_ROOT, tempDatabasePath, tempFolder } from './support/knowledge.js';

const GUILD = '8800000000000000001';
const MODERATOR = '8800000000000000002';
const IMPORTER = '8800000000000000003';
const IMPORT_RUNS = 6;
/** Large enough that an import holds the write lock for a while: with no busy timeout, the bot's writes then fail. */
const CLAIMS_PER_IMPORT = 1000;
const MIN_SUBMITS = 200;
const IN_FLIGHT = 8;

const figures = { botAcknowledged: 0, botRows: 0, importRuns: 0, importReported: 0, importRows: 0, slowestFormMs: 0 };
afterAll(() => {
  if (!figures.botAcknowledged) return;
  console.log(
    `Concurrent writers on one database: the bot saved ${figures.botAcknowledged} /claim add forms (${figures.botRows} rows found, ` +
      `slowest form ${figures.slowestFormMs.toFixed(0)} ms to its answer) while ${figures.importRuns} \`claims import\` runs added ` +
      `${figures.importReported} claims (${figures.importRows} rows found); 0 "database is locked", 0 lost`,
  );
});

interface Output {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Output> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function importFile(folder: string, runNumber: number): string {
  const path = join(folder, `import-${runNumber}.json`);
  const claims = Array.from({ length: CLAIMS_PER_IMPORT }, (_, i) => ({
    id: `imported-${runNumber}-${i}`,
    statement: `Import ${runNumber} claim ${i}: the library extended its opening hours.`,
    answer: `Written by import run ${runNumber}.`,
    confidence: 'confirmed',
    sources: [{ name: 'Library notice', url: `https://example.org/library/${runNumber}/${i}` }],
  }));
  writeFileSync(path, JSON.stringify(claims));
  return path;
}

describe('the bot and `claims import` writing one database at once', () => {
  let fake: FakeDiscord;
  let bot: ChildProcess | undefined;
  afterAll(async () => {
    bot?.kill('SIGKILL');
    await fake?.stop();
  });

  it('loses no write and shows no "database is locked" to anyone', async () => {
    fake = await startFakeDiscord({ callbackDeadlineMs: 3000 });
    const databasePath = tempDatabasePath();
    const folder = tempFolder();
    const env = { DATABASE_PATH: databasePath, DISCORD_TOKEN: '', DISCORD_CLIENT_ID: '', LOG_LEVEL: 'info' };

    bot = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...env,
        DISCORD_TOKEN: fake.botToken,
        DISCORD_CLIENT_ID: fake.appId,
        DISCORD_API_URL: fake.apiUrl,
        MODERATOR_WRITE_COOLDOWN_SECONDS: '0',
      },
    });
    let botLog = '';
    bot.stderr!.on('data', (d) => (botLog += String(d)));
    const exited = new Promise<number | null>((resolve) => bot!.on('exit', (code) => resolve(code)));
    await fake.waitForGateway((f) => f.direction === 'out' && f.t === 'READY', 20_000);
    for (let waited = 0; !botLog.includes('ready as') && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));

    // The command line: one import after another, each a new process opening the same file.
    let importsDone = false;
    const imports = (async () => {
      const outputs: Output[] = [];
      for (let n = 0; n < IMPORT_RUNS; n++) {
        outputs.push(await run(['src/cli/claims.ts', 'import', importFile(folder, n), '--guild', GUILD, '--actor', IMPORTER], env));
      }
      importsDone = true;
      return outputs;
    })();

    // The bot: moderators submitting /claim add forms, IN_FLIGHT at a time, for as long as the imports run.
    const answers: string[] = [];
    let sent = 0;
    const submitter = async () => {
      while (!importsDone || sent < MIN_SUBMITS) {
        const n = sent++;
        const started = performance.now();
        const { id, token } = fake.sendInteraction(
          fake.modalSubmit({
            customId: 'claim:add',
            guildId: GUILD,
            userId: MODERATOR,
            permissions: ADMIN_PERMISSIONS,
            components: {
              statement: `Form ${n}: the harbour ferry timetable changed for route ${n}.`,
              answer: `Saved by the bot while an import was running (${n}).`,
              confidence: 'confirmed',
              claimant: '',
              sources: `Harbour notice | https://example.org/ferry/${n} | 2026-01-01`,
            },
          }),
        );
        const callback = await fake.waitForCallback(id, 10_000);
        // A deferred form is answered by editing the reply; a failure after deferring comes as a follow-up.
        const data = callback.type === 5 ? await Promise.race([fake.waitForEdit(token, 10_000), fake.waitForFollowup(token, 10_000)]) : callback.data;
        figures.slowestFormMs = Math.max(figures.slowestFormMs, performance.now() - started);
        answers.push(typeof data?.content === 'string' ? data.content : '');
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, submitter));
    const outputs = await imports;

    // Every form was saved and said so; nobody was told about a lock or a failure; no callback missed 3 s.
    expect(answers).toHaveLength(sent);
    const refused = answers.filter((a) => !a.startsWith('Added claim'));
    expect(refused, refused.slice(0, 3).join('\n')).toEqual([]);
    expect(fake.requests.filter((r) => r.status === 404 && r.route.includes('/callback'))).toEqual([]);
    expect(botLog).not.toMatch(/locked|SQLITE_BUSY|interaction failed/i);
    figures.botAcknowledged = answers.length;

    // Every import succeeded and said how many it added.
    for (const output of outputs) {
      expect(output.stderr).not.toMatch(/locked|SQLITE_BUSY/i);
      expect(output.status, output.stderr).toBe(0);
      const added = /: (\d+) added, 0 updated, 0 unchanged/.exec(output.stdout);
      expect(added, output.stdout).not.toBeNull();
      figures.importReported += Number(added![1]);
    }
    figures.importRuns = outputs.length;
    expect(figures.importReported).toBe(IMPORT_RUNS * CLAIMS_PER_IMPORT);

    // The file holds exactly what each process acknowledged, each with its audit row.
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    bot = undefined;
    const db = new Database(databasePath, { readonly: true });
    try {
      const count = (sql: string, ...params: string[]) => (db.prepare(sql).get(...params) as { n: number }).n;
      figures.botRows = count('SELECT COUNT(*) AS n FROM claims WHERE guild_id = ? AND created_by = ?', GUILD, MODERATOR);
      figures.importRows = count('SELECT COUNT(*) AS n FROM claims WHERE guild_id = ? AND created_by = ?', GUILD, IMPORTER);
      expect(figures.botRows).toBe(figures.botAcknowledged);
      expect(figures.importRows).toBe(figures.importReported);
      expect(count("SELECT COUNT(*) AS n FROM audit WHERE action = 'add' AND actor = ?", MODERATOR)).toBe(figures.botRows);
      expect(count("SELECT COUNT(*) AS n FROM audit WHERE action = 'import' AND actor = ?", IMPORTER)).toBe(figures.importRows);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 120_000);
});
