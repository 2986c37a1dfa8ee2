// A newsroom imports its archive while members ask questions: the bot (spawned as `npm start` runs it, against the
// fake Discord with Discord's 3 s deadline) must answer every question in time while `claims import` writes 50,000
// claims in one transaction, and while the search then takes them in; and the archive's claims must be answered
// once it landed.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from './support/fakeDiscord.js';
import { PROJECT_ROOT, tempDatabasePath, tempFolder } from './support/knowledge.js';

const GUILD = '8900000000000000001';
const ARCHIVE = 50_000;
const QUESTION_EVERY_MS = 150;

const figures = { asked: 0, slowestMs: 0, importMs: 0, landedMs: 0 };
afterAll(() => {
  if (!figures.asked) return;
  console.log(
    `Import under load: ${figures.asked} questions asked while \`claims import\` wrote ${ARCHIVE.toLocaleString('en')} claims ` +
      `(${(figures.importMs / 1000).toFixed(1)} s) and the bot took them in; every one answered inside 3 s ` +
      `(slowest ${figures.slowestMs.toFixed(0)} ms); the archive answered ${(figures.landedMs / 1000).toFixed(1)} s after the import ended`,
  );
});

/** An archive of fact checks on one server's local news, each about its own street. */
function archive(folder: string): string {
  const path = join(folder, 'archive.json');
  const claims = Array.from({ length: ARCHIVE }, (_, i) => ({
    id: `archive-${i}`,
    statement: `The council resurfaced street number ${i} of the harbour district in ward ${i % 97}.`,
    answer: `Council works log entry ${i}: the street was resurfaced; ward ${i % 97} paid for it.`,
    confidence: 'confirmed',
    sources: [{ name: 'Council works log' }],
    keywords: [`street ${i}`],
  }));
  writeFileSync(path, JSON.stringify(claims));
  return path;
}

describe('questions asked while a 50,000-claim import lands', () => {
  let fake: FakeDiscord;
  let bot: ChildProcess | undefined;
  afterAll(async () => {
    bot?.kill('SIGKILL');
    await fake?.stop();
  });

  it('are all answered inside Discord’s deadline, and the archive is answered once it landed', async () => {
    fake = await startFakeDiscord({ callbackDeadlineMs: 3000 });
    const databasePath = tempDatabasePath();
    const file = archive(tempFolder());
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: databasePath, LOG_LEVEL: 'info', FACTCHECK_COOLDOWN_SECONDS: '0' };
    bot = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...env, DISCORD_TOKEN: fake.botToken, DISCORD_CLIENT_ID: fake.appId, DISCORD_API_URL: fake.apiUrl },
    });
    let botLog = '';
    bot.stderr!.on('data', (d) => (botLog += String(d)));
    await fake.waitForGateway((f) => f.direction === 'out' && f.t === 'READY', 20_000);
    for (let waited = 0; !botLog.includes('ready as') && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));

    let importing = true;
    const started = performance.now();
    const importer = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/claims.ts', 'import', file, '--guild', GUILD, '--actor', '8900000000000000002'],
        {
          cwd: PROJECT_ROOT,
          env: { ...env, DISCORD_TOKEN: '', DISCORD_CLIENT_ID: '' },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.on('close', (status) => {
        importing = false;
        resolve({ status, stdout, stderr });
      });
    });

    // Members keep asking about the curated base, in the server the archive goes into, for as long as it imports
    // and a few seconds after (while the search takes the 50,000 claims in).
    const titles: string[] = [];
    const asking = (async () => {
      let after = 0;
      while (importing || after++ < 20) {
        const asked = performance.now();
        const { id } = fake.sendInteraction(
          fake.chatInput({ name: 'factcheck', options: { question: 'how many barrels of crude has russia shipped to pyongyang' }, guildId: GUILD }),
        );
        const callback = (await fake.waitForCallback(id, 10_000)) as { type: number; data?: { embeds?: Array<{ title?: string }> } };
        figures.slowestMs = Math.max(figures.slowestMs, performance.now() - asked);
        expect(callback.type).toBe(4);
        titles.push(callback.data?.embeds?.[0]?.title ?? '');
        await new Promise((r) => setTimeout(r, QUESTION_EVERY_MS));
      }
    })();
    const imported = await importer;
    figures.importMs = performance.now() - started;
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`${ARCHIVE} added`);

    // Meanwhile, from the moment the import ends: the archive's claims are answered once the search took them in.
    const ended = performance.now();
    let title = '';
    for (let tries = 0; tries < 100 && !title.includes('street number 41234'); tries++) {
      const { id } = fake.sendInteraction(
        fake.chatInput({
          name: 'factcheck',
          options: { question: 'did the council resurface street number 41234 in the harbour district?' },
          guildId: GUILD,
        }),
      );
      const callback = (await fake.waitForCallback(id, 10_000)) as { data?: { embeds?: Array<{ title?: string }> } };
      title = callback.data?.embeds?.[0]?.title ?? '';
      if (!title.includes('street number 41234')) await new Promise((r) => setTimeout(r, 100));
    }
    figures.landedMs = performance.now() - ended;
    expect(title).toContain('street number 41234');
    await asking;
    figures.asked = titles.length;

    // None missed the deadline (the fake Discord refuses a late callback with 404), each got its answer.
    expect(fake.requests.filter((r) => r.status === 404 && r.route.includes('/callback'))).toEqual([]);
    expect(titles.filter((t) => !t.includes('million barrels'))).toEqual([]);
    expect(botLog).not.toMatch(/interaction failed|SQLITE_BUSY/i);
  }, 240_000);
});
