// Nobody let in: permission checks that hold when a server widens /claim with an override, forged custom_ids that
// name another server's claim or question, no SQL built from strings, the token never in a log line or an error,
// and per-user rate limits on /factcheck and on moderator writes.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_MODERATOR } from '../src/commands/claim/views/messages.js';
import { PENDING_GONE } from '../src/commands/claim/views/saved.js';
import { FEEDBACK_UNAVAILABLE } from '../src/commands/factcheck/views.js';
import { startTestBot, type TestBot } from './support/botHarness.js';
import { finalReply, moderator, type Who } from './support/discordPayloads.js';
import { DEFAULT_MEMBER_PERMISSIONS, startFakeDiscord } from './support/fakeDiscord.js';
import { claimOf, logQuestion, PROJECT_ROOT, tempDatabasePath } from './support/knowledge.js';
import { findSqlBuiltFromStrings } from './support/sqlScan.js';

const GUILD_A = '6600000000000000001';
const GUILD_B = '6600000000000000002';
const MOD_A = '6600000000000000101';
const MOD_B = '6600000000000000102';
const MEMBER = '6600000000000000103';
const MOD_ROLE = '6600000000000000900';
const OTHER_ROLE = '6600000000000000901';
const modA = moderator(GUILD_A, MOD_A);
const modB = moderator(GUILD_B, MOD_B);
/** A member a server let run /claim with a permission override: Discord shows and sends it, the member has no rights. */
const overriddenMember: Who = { guildId: GUILD_A, userId: MEMBER, permissions: DEFAULT_MEMBER_PERMISSIONS, roles: [OTHER_ROLE] };

const CLAIM = {
  statement: 'The harbour ferry now stops at the new pier.',
  answer: 'The harbour office said so.',
  confidence: 'confirmed',
  sources: [{ name: 'Harbour notice' }],
};
const FORM = {
  statement: 'The harbour ferry now stops at the new pier.',
  answer: 'The harbour office said so.',
  confidence: 'confirmed',
  claimant: '',
  sources: 'Harbour notice | https://example.org/harbour',
};

function client(t: TestBot) {
  const callback = (sent: { id: string; token: string }) => finalReply(t.fake, sent);
  return {
    command: (sub: string, who: Who, options: Record<string, string | number> = {}) =>
      callback(t.fake.sendInteraction(t.fake.chatInput({ name: 'claim', subcommand: sub, options, ...who }))),
    ask: (question: string, who: Who) => callback(t.fake.sendInteraction(t.fake.chatInput({ name: 'factcheck', options: { question }, ...who }))),
    submit: (customId: string, who: Who, values: Record<string, string>) =>
      callback(t.fake.sendInteraction(t.fake.modalSubmit({ customId, components: values, ...who }))),
    press: (customId: string, who: Who) => callback(t.fake.sendInteraction(t.fake.button({ customId, ...who }))),
    choose: (customId: string, value: string, who: Who) =>
      callback(t.fake.sendInteraction(t.fake.stringSelect({ customId, values: [value], ...who }))),
    autocomplete: (sub: string, who: Who, typed: string) =>
      callback(t.fake.sendInteraction(t.fake.autocomplete({ name: 'claim', subcommand: sub, options: { id: typed }, ...who }))),
  };
}

describe('permissions, forged ids', () => {
  let t: TestBot;
  let c: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestBot({ env: { MODERATOR_ROLE_IDS: MOD_ROLE } });
    c = client(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a member who can run /claim only through a server override, on every subcommand, form and control', async () => {
    const own = await t.kb.scope(GUILD_A).add({ ...CLAIM, statement: 'The harbour ferry runs hourly.' }, { by: MOD_A });
    const before = (await t.kb.scope(GUILD_A).history(own.id)).length;
    const refusals = [
      await c.command('add', overriddenMember),
      await c.command('edit', overriddenMember, { id: own.id }),
      await c.command('retire', overriddenMember, { id: own.id, note: 'Taking it down.' }),
      await c.command('review', overriddenMember, { id: own.id }),
      await c.command('show', overriddenMember, { id: own.id }),
      await c.command('list', overriddenMember),
      await c.command('history', overriddenMember, { id: own.id }),
      await c.command('unanswered', overriddenMember),
      await c.submit('claim:add', overriddenMember, FORM),
      await c.submit(`claim:edit:${own.id}_1`, overriddenMember, { ...FORM, statement: 'Hijacked.' }),
      await c.press('claim:list:1', overriddenMember),
      await c.choose('claim:dismiss', '1', overriddenMember),
    ];
    for (const refusal of refusals) {
      expect(refusal.type, 'refused with a message, never a form').toBe(4);
      expect(refusal.data!.flags).toBe(64);
      expect(refusal.data!.content).toBe(NOT_MODERATOR);
    }
    const choices = await c.autocomplete('edit', overriddenMember, 'harbour');
    expect(choices.data!.choices).toEqual([]);
    expect(await t.kb.scope(GUILD_A).list({ includeRetired: true })).toHaveLength(1);
    expect(await t.kb.scope(GUILD_A).history(own.id)).toHaveLength(before);
    expect((await claimOf(t.kb, own.id, GUILD_A))!.status).toBe('active');
  });

  it('lets in Manage Messages and the configured moderator role, and nothing else', async () => {
    expect((await c.command('add', modA)).type).toBe(9);
    expect((await c.command('add', { ...overriddenMember, roles: [MOD_ROLE] })).type).toBe(9);
    expect((await c.command('add', { ...overriddenMember, roles: [OTHER_ROLE, '6600000000000000902'] })).data!.content).toBe(NOT_MODERATOR);
    // A moderator elsewhere is nobody in a DM.
    expect((await c.submit('claim:add', { ...modA, guildId: null }, FORM)).data!.content).toBe(NOT_MODERATOR);
  });

  it('refuses forged buttons, selects and forms that name another server’s claim, question or pending edit', async () => {
    const claimB = await t.kb
      .scope(GUILD_B)
      .add({ ...CLAIM, statement: 'Glimmerton closed its ferry.', sources: [{ name: 'Minutes' }] }, { by: MOD_B });
    const suggestedB = logQuestion(t.dbPath, {
      guildId: GUILD_B,
      text: 'did glimmerton close the ferry',
      outcome: 'suggested',
      claimId: claimB.id,
      score: 0.4,
      suggested: [claimB.id],
    });
    const answeredB = logQuestion(t.dbPath, {
      guildId: GUILD_B,
      text: 'glimmerton ferry closed?',
      outcome: 'answered',
      claimId: claimB.id,
      score: 0.9,
    });
    logQuestion(t.dbPath, { guildId: GUILD_B, text: 'what about the glimmerton bridge', outcome: 'unanswered' });
    const unansweredB = (await t.kb.scope(GUILD_B).unanswered())[0]!.id;
    // B's moderator starts a material edit, which waits for its note.
    const editB = (await c.command('edit', modB, { id: claimB.id })).data!.custom_id!;
    const pending = await c.submit(editB, modB, {
      ...FORM,
      statement: 'Glimmerton closed its ferry for good.',
      sources: 'Minutes',
    });
    const noteButton = pending.data!.components![0]!.components![0]!.custom_id!;
    expect(noteButton).toMatch(/^claim:note:/);
    const before = { claim: await claimOf(t.kb, claimB.id, GUILD_B), history: (await t.kb.scope(GUILD_B).history(claimB.id)).length };

    const notAvailable = /not available in this server/;
    expect((await c.press(`fc:show:${claimB.id}`, modA)).data!.content).toMatch(notAvailable);
    expect((await c.press(`fc:pick:${suggestedB}-1`, modA)).data!.content).toMatch(notAvailable);
    expect((await c.press(`fb:helpful:${answeredB}`, modA)).data!.content).toBe(FEEDBACK_UNAVAILABLE);
    expect((await c.press(`fb:wrong:${answeredB}`, modA)).data!.content).toBe(FEEDBACK_UNAVAILABLE);
    expect((await c.submit(editB, modA, { ...FORM, statement: 'Taken over by A.' })).data!.content).toMatch(/There is no claim `.*` in this server/);
    expect((await c.command('retire', modA, { id: claimB.id, note: 'Taken down by A.' })).data!.content).toMatch(/There is no claim/);
    expect((await c.command('review', modA, { id: claimB.id })).data!.content).toMatch(/There is no claim/);
    expect((await c.command('history', modA, { id: claimB.id })).data!.content).toMatch(/There is no claim/);
    expect((await c.press(noteButton, modA)).data!.content).toBe(PENDING_GONE);
    expect((await c.submit(noteButton, modA, { note: 'A publishes B’s edit.' })).data!.content).toBe(PENDING_GONE);
    await c.choose('claim:dismiss', String(unansweredB), modA);

    expect(await claimOf(t.kb, claimB.id, GUILD_B)).toEqual(before.claim);
    expect(await t.kb.scope(GUILD_B).history(claimB.id)).toHaveLength(before.history);
    expect((await t.kb.scope(GUILD_B).unanswered()).map((u) => u.id)).toContain(unansweredB);
    const statsB = await t.kb.scope(GUILD_B).stats(1);
    expect(statsB.helpful + statsB.notWhatIAsked).toBe(0);
    // A malformed or foreign prefix is refused before any handler runs.
    for (const forged of [`claim:edit:${'x'.repeat(200)}`, 'claim:edit:../../etc', `fc:pick:${suggestedB}-0`, 'fb:helpful:-1', 'xx:show:a']) {
      const cb = await c.press(forged, modA);
      expect(cb.data!.flags).toBe(64);
      expect(JSON.stringify(cb.data)).not.toContain('Glimmerton');
    }
  });
});

describe('SQL', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
    });

  it('is never built from strings anywhere in src/', () => {
    const findings = files(join(PROJECT_ROOT, 'src')).flatMap((path) =>
      findSqlBuiltFromStrings(relative(PROJECT_ROOT, path), readFileSync(path, 'utf8')),
    );
    expect(findings.map((f) => `${f.file}:${f.line} ${f.why}: ${f.text}`)).toEqual([]);
  });

  it('the check finds each way of building SQL from strings', () => {
    const bad = [
      "db.prepare(`SELECT * FROM claims WHERE id = '${id}'`)",
      "this.db.prepare('SELECT * FROM claims WHERE id = ' + id)",
      'const sql = `DELETE FROM claims WHERE guild_id = ${guild}`;',
      "db.exec('DROP TABLE ' + table)",
      'db.pragma(`user_version = ${version + 1}`)',
      'db.exec(sqlFromSomewhere)',
      'const q = "UPDATE claims SET status = \'" + status + "\'";',
    ];
    for (const line of bad) expect(findSqlBuiltFromStrings('fixture.ts', line).length, line).toBeGreaterThan(0);
    const fine = [
      "db.prepare('SELECT * FROM claims WHERE id = ?').get(id)",
      'db.prepare(`SELECT *\n FROM claims WHERE rev > ?`)',
      "db.pragma('journal_mode = WAL')",
      'const MIGRATIONS = [`CREATE TABLE a (b)`, `ALTER TABLE a ADD c`];\ndb.exec(MIGRATIONS[version]!);',
      '/^(\\d+)$/.exec(arg)',
      'const text = `Updated ${at}: ${note}`;',
    ];
    for (const line of fine) expect(findSqlBuiltFromStrings('fixture.ts', line), line).toEqual([]);
  });
});

describe('the token', () => {
  interface BotRun {
    output: string;
    status: number | null;
  }

  type Fake = Awaited<ReturnType<typeof startFakeDiscord>>;
  /** Resolves once the bot has printed something matching `pattern`. */
  type WaitForOutput = (pattern: RegExp) => Promise<void>;

  /** Runs `npm start` against a fake Discord that knows `token`; `drive` acts while it runs (if it starts). */
  async function runBot(
    token: string,
    prepare: (fake: Fake) => void,
    drive?: (fake: Fake, waitForOutput: WaitForOutput) => Promise<void>,
  ): Promise<BotRun> {
    const fake = await startFakeDiscord({ botToken: token });
    try {
      prepare(fake);
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
        cwd: PROJECT_ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DISCORD_TOKEN: token,
          DISCORD_CLIENT_ID: fake.appId,
          DISCORD_API_URL: fake.apiUrl,
          DATABASE_PATH: tempDatabasePath(),
          LOG_LEVEL: 'trace',
        },
      });
      let output = '';
      child.stdout.on('data', (d) => (output += String(d)));
      child.stderr.on('data', (d) => (output += String(d)));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const waitForOutput: WaitForOutput = async (pattern) => {
        for (let waited = 0; !pattern.test(output) && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
        expect(output).toMatch(pattern);
      };
      if (drive) {
        await waitForOutput(/ready as/);
        await drive(fake, waitForOutput);
        child.kill('SIGTERM');
      }
      const status = await exited;
      return { output, status };
    } finally {
      await fake.stop();
    }
  }

  /** Neither the token nor any 12 characters in a row of its secret part. */
  function expectNoToken(output: string, token: string): void {
    expect(output).not.toContain(token);
    const secret = token.split('.').at(-1)!;
    for (let i = 0; i + 12 <= secret.length; i++) expect(output).not.toContain(secret.slice(i, i + 12));
  }

  it('is redacted from every log line, even when Discord echoes it back in an error', async () => {
    const token = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GxYz12.Qm9yaW5nU2VjcmV0VG9rZW5WYWx1ZTEyMzQ1Njc4OTA';
    const run = await runBot(
      token,
      () => undefined,
      async (fake, waitForOutput) => {
        // Discord refuses the answer, and then the error message, quoting the token each time; the bot logs both.
        fake.failNext(2, 400, { message: `Invalid Form Body: Bot ${token} is not allowed here`, code: 50035 }, '/callback');
        fake.sendInteraction(fake.chatInput({ name: 'factcheck', options: { question: 'did russia send oil to north korea?' } }));
        await waitForOutput(/could not tell the user about the failure/);
      },
    );
    expect(run.status).toBe(0);
    expect(run.output).toContain('interaction failed');
    expect(run.output).toContain('[redacted]');
    expectNoToken(run.output, token);
  }, 40_000);

  it('is redacted from the one line printed when logging in fails', async () => {
    const token = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GaBc34.QW5vdGhlclNlY3JldFRva2VuVmFsdWU5ODc2NTQzMjE';
    // A 4xx (not retried) whose message quotes the token, in answer to the first call of the login.
    const run = await runBot(token, (fake) =>
      fake.failNext(1, 400, { message: `Invalid Form Body: Bot ${token} refused`, code: 50035 }, '/gateway/bot'),
    );
    expect(run.status).toBe(1);
    expect(run.output.trimEnd().split('\n')).toHaveLength(1);
    expect(run.output).toContain('Discord login failed');
    expect(run.output).toContain('[redacted]');
    expectNoToken(run.output, token);
  }, 40_000);
});

describe('per-user rate limits', () => {
  let t: TestBot;
  let c: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestBot({ env: { FACTCHECK_COOLDOWN_SECONDS: '30', MODERATOR_WRITE_COOLDOWN_SECONDS: '30' } });
    c = client(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('answers one /factcheck per member per cooldown, and other members meanwhile', async () => {
    const flooder: Who = { guildId: GUILD_A, userId: '6600000000000000201', permissions: DEFAULT_MEMBER_PERMISSIONS };
    const replies = [];
    for (let i = 0; i < 10; i++) replies.push(await c.ask(`did russia send oil to north korea ${i}`, flooder));
    expect(replies[0]!.data!.embeds).toHaveLength(1);
    for (const r of replies.slice(1)) {
      expect(r.data!.flags).toBe(64);
      expect(r.data!.content).toMatch(/try again in \d+ seconds?/);
    }
    const other = await c.ask('did russia send oil to north korea', { ...flooder, userId: '6600000000000000202' });
    expect(other.data!.embeds).toHaveLength(1);
  });

  it('saves one moderator write per moderator per cooldown (add, retire and review share it); others can write', async () => {
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(await c.submit('claim:add', modA, { ...FORM, statement: `Flood claim ${i}: the harbour ferry changed.` }));
    expect(results[0]!.data!.content).toMatch(/^Added claim/);
    for (const r of results.slice(1)) expect(r.data!.content).toMatch(/changing claims quickly/);
    expect(await t.kb.scope(GUILD_A).list()).toHaveLength(1);
    const saved = (await t.kb.scope(GUILD_A).list())[0]!;
    expect((await c.command('retire', modA, { id: saved.id, note: 'Flooding the retire too.' })).data!.content).toMatch(/changing claims quickly/);
    expect((await c.command('review', modA, { id: saved.id })).data!.content).toMatch(/changing claims quickly/);
    expect((await claimOf(t.kb, saved.id, GUILD_A))!.status).toBe('active');

    const otherMod: Who = { ...modA, userId: '6600000000000000203' };
    expect((await c.submit('claim:add', otherMod, { ...FORM, statement: 'Another moderator’s claim about the ferry.' })).data!.content).toMatch(
      /^Added claim/,
    );
    expect(await t.kb.scope(GUILD_A).list()).toHaveLength(2);
  });
});
