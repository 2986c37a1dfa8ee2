// The command-line tools as a user (or the external scorer) runs them: `ask` and `claims`, spawned for real.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { countAuditRows, GUILD_A, MODERATOR, runCli, tempDatabasePath, tempFolder, tramClaim } from './support/knowledge.js';

const CLAIM_KEYS = ['answer', 'claimant', 'confidence', 'id', 'score', 'sources', 'statement', 'verdict'];

/** One line of `ask --json`, as the external scorer reads it. */
interface AskJson {
  question: string;
  match: ClaimJson | null;
  suggestions: ClaimJson[];
}
type ClaimJson = Record<string, unknown> & { id: string; claimant: string | null; score: number };
const askJson = (line: string) => JSON.parse(line) as AskJson;
const DRONES_QUESTION = 'did pyongyang warn seoul it would hit back over the drones?';
/** What `ask` prints for a question without a vetted claim (nothing is logged, so nothing is passed to moderators). */
const NO_CLAIM_TEXT = (question: string) =>
  `No vetted claim\n${'─'.repeat(15)}\nThere is no vetted claim for this question, so I will not guess.\n\nYou asked: ${question}\n`;

describe('ask --json', () => {
  it('prints one JSON object for a question given as an argument, and nothing else', () => {
    const run = runCli('ask', ['--json', DRONES_QUESTION], { databasePath: tempDatabasePath() });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.endsWith('\n')).toBe(true);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const out = askJson(lines[0]!);
    expect(Object.keys(out).sort()).toEqual(['language', 'match', 'question', 'suggestions']);
    expect(out.question).toBe(DRONES_QUESTION);
    expect(out.match?.id).toBe('north-korea-threatens-military-retaliation');
    for (const claim of [out.match!, ...out.suggestions]) {
      expect(Object.keys(claim).sort()).toEqual(CLAIM_KEYS);
      expect(Math.round(claim.score * 1000) / 1000).toBe(claim.score);
    }
    expect(out.match!.claimant).toBeNull();
  });

  it('reads stdin: one JSON line per input line, in order, blank lines included', () => {
    const questions = [
      'how many barrels has moscow shipped to the north since march',
      '',
      'best pizza in New York',
      'SPY SATELITE LAUNCH LAST NOVEMBER',
      '  ',
    ];
    const run = runCli('ask', ['--json'], { databasePath: tempDatabasePath(), input: `${questions.join('\n')}\n` });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(questions.length);
    const outs = lines.map(askJson);
    expect(outs.map((o) => o.question)).toEqual(questions);
    expect(outs[0]!.match).toMatchObject({
      id: 'over-one-million-barrels-of-oil-since-march',
      confidence: 'alleged',
      claimant: 'Analysts, citing satellite imagery',
    });
    expect(outs[1]).toEqual({ question: '', language: 'en', match: null, suggestions: [] });
    expect(outs[2]!.match).toBeNull();
    expect(outs[3]!.match?.id).toBe('first-spy-satellite-launched-last-november');
    expect(outs[4]).toEqual({ question: '  ', language: 'en', match: null, suggestions: [] });
  });

  it('answers from a server’s own claims with --guild, and rejects a malformed server id naming the option', async () => {
    const databasePath = tempDatabasePath();
    const kb = await KnowledgeBase.open({ databasePath });
    await kb.scope(GUILD_A).add(tramClaim(), { by: MODERATOR });
    await kb.close();
    const question = 'did the council approve the tram line';
    expect(askJson(runCli('ask', ['--json', '--guild', GUILD_A, question], { databasePath }).stdout).match?.id).toBe('council-approved-tram-line');
    expect(askJson(runCli('ask', ['--json', question], { databasePath }).stdout).match).toBeNull();
    const bad = runCli('ask', ['--json', '--guild', 'not-a-server', question], { databasePath });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim()).toBe('--guild: must be a Discord server id');
  });
});

describe('ask (text)', () => {
  it('shows the answer with its confidence, sources and id; the closest claims; or that there is none', () => {
    const databasePath = tempDatabasePath();
    const run = runCli('ask', [], {
      databasePath,
      input:
        'how many oil barrels has russia shipped north since march\nwhat weapons did russia send north korea besides jets\nbest pizza in New York\n',
    });
    expect(run.status).toBe(0);
    const [answer, suggestions, none] = run.stdout.trimEnd().split('\n\n> ');
    // The text is what Discord shows, printed by the console's renderer.
    expect(answer).toContain('Satellite imagery shows Russia has sent North Korea over one million barrels of oil since March');
    expect(answer).toContain('Confidence:\n⚠️ Alleged — claimed by Analysts, citing satellite imagery; not independently verified');
    expect(answer).toContain('Source:\n• News report on Russia–North Korea');
    expect(answer).toContain('Claim over-one-million-barrels-of-oil-since-march · curated base');
    expect(suggestions).toContain('No vetted answer to that exact question — closest claims:');
    expect(suggestions).toMatch(/^\d\. Russia has supplied North Korea with air defence missiles/m);
    expect(suggestions).not.toMatch(/^Claim [a-z0-9-]+ · /m);
    expect(`${none}\n`).toBe(`best pizza in New York\n${NO_CLAIM_TEXT('best pizza in New York')}`);
  });

  it('does not log the questions it is asked (it is a tool, not a user)', async () => {
    const databasePath = tempDatabasePath();
    expect(runCli('ask', ['best pizza in New York'], { databasePath }).stdout).toBe(NO_CLAIM_TEXT('best pizza in New York'));
    expect(runCli('ask', ['--json'], { databasePath, input: 'is the oil a payment for troops\nwho won the cup\n' }).status).toBe(0);
    const kb = await KnowledgeBase.open({ databasePath });
    expect(await kb.scope(null).unanswered()).toEqual([]);
    expect(await kb.scope(null).stats(1)).toMatchObject({ answered: 0, suggested: 0, unanswered: 0 });
    await kb.close();
  });
});

describe('claims', () => {
  const guildFile = (folder: string) => {
    const file = join(folder, 'guild.json');
    const records = [
      tramClaim(),
      tramClaim({
        id: 'stadium-roof',
        statement: 'The stadium roof will be replaced in 2027.',
        confidence: 'alleged',
        claimant: 'The club chairman',
        keywords: ['roof'],
      }),
    ];
    writeFileSync(file, JSON.stringify(records));
    return file;
  };

  it('validates, imports, lists and exports claims, and the export imports back unchanged', () => {
    const folder = tempFolder();
    const databasePath = tempDatabasePath();
    const file = guildFile(folder);
    const validate = runCli('claims', ['validate', file], { databasePath });
    expect(validate).toMatchObject({ status: 0, stdout: `${file}: 2 claims valid\n` });

    const imported = runCli('claims', ['import', file, '--guild', GUILD_A, '--actor', MODERATOR], { databasePath });
    expect(imported.stderr).toBe('');
    expect(imported).toMatchObject({ status: 0, stdout: `Imported 2 claims into server ${GUILD_A}: 2 added, 0 updated, 0 unchanged\n` });

    const list = runCli('claims', ['list', '--guild', GUILD_A], { databasePath });
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean)).toEqual([
      'council-approved-tram-line  confirmed  The city council approved the new tram line to the stadium.',
      'stadium-roof                alleged    The stadium roof will be replaced in 2027.',
      `2 active claims in server ${GUILD_A}`,
    ]);

    const exported = join(folder, 'export.json');
    const exportRun = runCli('claims', ['export', '--guild', GUILD_A, '--out', exported], { databasePath });
    expect(exportRun).toMatchObject({ status: 0, stdout: '' });
    expect(exportRun.stderr).toContain('Exported 2 claims');
    const claims = JSON.parse(readFileSync(exported, 'utf8')) as Array<{ id: string; createdBy: string; guildId: string }>;
    expect(claims.map((c) => [c.id, c.createdBy, c.guildId])).toEqual([
      ['council-approved-tram-line', MODERATOR, GUILD_A],
      ['stadium-roof', MODERATOR, GUILD_A],
    ]);

    // Into the same database: nothing changes. Into a fresh one: the same claims, every field.
    expect(runCli('claims', ['import', exported, '--guild', GUILD_A], { databasePath }).stdout).toContain('0 added, 0 updated, 2 unchanged');
    const fresh = tempDatabasePath();
    expect(runCli('claims', ['import', exported, '--guild', GUILD_A], { databasePath: fresh }).status).toBe(0);
    const again = runCli('claims', ['export', '--guild', GUILD_A], { databasePath: fresh });
    expect(JSON.parse(again.stdout)).toEqual(claims);

    // The curated scope exports whole too.
    const curated = runCli('claims', ['export'], { databasePath: fresh });
    expect((JSON.parse(curated.stdout) as unknown[]).length).toBeGreaterThanOrEqual(14);
  });

  it('rejects a bad file with exit code 2, a line per problem naming the field, and leaves the database as it was', () => {
    const folder = tempFolder();
    const databasePath = tempDatabasePath();
    expect(runCli('claims', ['import', guildFile(folder), '--guild', GUILD_A], { databasePath }).status).toBe(0);
    const before = runCli('claims', ['export', '--guild', GUILD_A], { databasePath }).stdout;
    const auditRows = () => countAuditRows(databasePath);
    const audits = auditRows();

    const bad = join(folder, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify([
        tramClaim({ answer: 'This change must not land.' }),
        { ...tramClaim({ id: 'wrong-confidence' }), confidence: 'rumoured' },
        tramClaim({ id: 'bad-url', sources: [{ name: 'Blog', url: 'ftp://example.org/x' }] }),
      ]),
    );
    for (const [command, outcome] of [
      [['validate', bad], ''],
      [['import', bad, '--guild', GUILD_A], '; nothing imported'],
    ] as const) {
      const run = runCli('claims', [...command], { databasePath });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^.*bad\.json: claim 1 \(wrong-confidence\): confidence: /);
      expect(lines[1]).toBe(`${bad}: claim 2 (bad-url): sources.0.url: must be an http(s) URL`);
      expect(lines[2]).toBe(`${bad}: 2 problems${outcome}`);
    }
    expect(runCli('claims', ['export', '--guild', GUILD_A], { databasePath }).stdout).toBe(before);
    expect(auditRows()).toBe(audits);
  });

  it.each([
    [['frob'], /^unknown command "frob"/],
    [['validate'], /^arguments: expected one FILE/],
    [['import', '/no/such/file.json'], /^\/no\/such\/file\.json: no such file/],
    [['list', '--guild', '12'], /^--guild: must be a Discord server id/],
    [['import', 'x.json', '--actor', MODERATOR], /^--actor: only with --guild/],
    [['export', '--bogus'], /^Unknown option '--bogus'/],
  ])('exits with 2 and one message for %j', (args, message) => {
    const run = runCli('claims', args, { databasePath: tempDatabasePath() });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits with 2 for a file that is not JSON, or not an array', () => {
    const folder = tempFolder();
    const notJson = join(folder, 'broken.json');
    const notArray = join(folder, 'object.json');
    writeFileSync(notJson, '[{"id": ');
    writeFileSync(notArray, '{"id": "x"}');
    expect(runCli('claims', ['validate', notJson], { databasePath: tempDatabasePath() })).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/broken\.json: not valid JSON/) as unknown,
    });
    expect(runCli('claims', ['validate', notArray], { databasePath: tempDatabasePath() })).toMatchObject({
      status: 2,
      stderr: `${notArray}: must be a JSON array of claims\n`,
    });
  });
});
