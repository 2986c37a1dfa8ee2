// Claim files as people really have them: saved with a byte order mark, saved as Latin-1, exported through a
// symbolic link or to a device, ClaimReview files from other tools, and files written to forge the tool's output.
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { GUILD_A, MODERATOR, runCli, tempDatabasePath, tempFolder, tramClaim } from './support/knowledge.js';

const CAFE = [{ ...tramClaim(), id: 'cafe-reopens', statement: 'The Café Central reopens in June.', answer: 'The café’s owners said so.' }];

function file(name: string, content: string | Buffer): string {
  const path = join(tempFolder(), name);
  writeFileSync(path, content);
  return path;
}

async function seeded(): Promise<string> {
  const databasePath = tempDatabasePath();
  const kb = await KnowledgeBase.open({ databasePath });
  await kb.scope(GUILD_A).import(CAFE, { by: MODERATOR });
  await kb.close();
  return databasePath;
}

describe('reading claim files', () => {
  it('reads a UTF-8 file saved with a byte order mark', () => {
    const path = file('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(CAFE))]));
    expect(runCli('claims', ['validate', path], { databasePath: tempDatabasePath() })).toMatchObject({
      status: 0,
      stdout: `${path}: 1 claim valid\n`,
    });
  });

  it('refuses a Latin-1 file with one line, instead of importing “Caf�”', () => {
    const databasePath = tempDatabasePath();
    const path = file('latin1.json', Buffer.from(JSON.stringify(CAFE, null, 2), 'latin1'));
    for (const command of ['validate', 'import']) {
      const run = runCli('claims', [command, path], { databasePath });
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${path}: not UTF-8 text (line 4); save it as UTF-8 and try again\n`);
    }
    expect(runCli('claims', ['list'], { databasePath }).stdout).not.toContain('Caf');
  });
});

describe('export --out', () => {
  it('writes the file a symbolic link points to, and leaves the link a link', async () => {
    const databasePath = await seeded();
    const folder = tempFolder();
    const target = join(folder, 'published.json');
    writeFileSync(target, '[]\n');
    const link = join(folder, 'latest.json');
    symlinkSync(target, link);
    const run = runCli('claims', ['export', '--guild', GUILD_A, '--out', link], { databasePath });
    expect(run.status, run.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect((JSON.parse(readFileSync(target, 'utf8')) as Array<{ id: string }>).map((c) => c.id)).toEqual(['cafe-reopens']);
  });

  it('writes to a pipe (as /dev/stdout can be) instead of replacing it with a file', async () => {
    const databasePath = await seeded();
    const fifo = join(tempFolder(), 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const link = join(tempFolder(), 'stdout');
    symlinkSync(fifo, link);
    // Someone reads the pipe, as a terminal or the next command of a shell pipeline would.
    const cat = spawn('cat', [fifo]);
    const reader = new Promise<string>((resolve, reject) => {
      let out = '';
      cat.stdout.on('data', (d) => (out += String(d)));
      cat.on('error', reject);
      cat.on('close', () => resolve(out));
    });
    try {
      const run = runCli('claims', ['export', '--guild', GUILD_A, '--out', link], { databasePath });
      expect(run.status, run.stderr).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      expect((JSON.parse(await reader) as Array<{ id: string }>).map((c) => c.id)).toEqual(['cafe-reopens']);
    } finally {
      cat.kill();
    }
  });
});

describe('ClaimReview files', () => {
  const review = (overrides: Record<string, unknown> = {}) => ({
    '@type': 'ClaimReview',
    identifier: 'pier-reopens',
    claimReviewed: 'The pier reopens in May.',
    datePublished: '2026-03-02',
    reviewRating: { alternateName: 'Confirmed', ratingExplanation: 'The harbour office said so.' },
    itemReviewed: { appearance: [{ name: 'Harbour office', url: 'https://example.org/pier', datePublished: '2026-03-01' }] },
    ...overrides,
  });

  it('name the file’s own fields in every problem, not ours', () => {
    const path = file(
      'reviews.json',
      JSON.stringify([
        review({ datePublished: '2026-13-45' }),
        review({ identifier: 'second', claimReviewed: 'x'.repeat(400) }),
        review({ identifier: 'third', itemReviewed: { appearance: [{ name: 'Harbour office', url: 'ftp://example.org/pier' }] } }),
        review({ identifier: 'fourth', itemReviewed: { appearance: [] } }),
      ]),
    );
    const run = runCli('claims', ['validate', path, '--format', 'claimreview'], { databasePath: tempDatabasePath() });
    expect(run.status).toBe(2);
    // Every problem at once, in file order, each naming the record and the field as the file has them. (A 400-character
    // claimReviewed is within issue 9's limits.)
    const record = (n: number) => `${path}: record ${n} "The pier reopens in May."`;
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${record(0)}: datePublished: must be an ISO 8601 date (YYYY-MM-DD, or a date-time)`,
      `${record(2)}: itemReviewed.appearance.0.url: must be an http(s) URL`,
      `${record(3)}: itemReviewed.appearance: missing: where the claim appeared (a URL or CreativeWork), and the review has no url or author to cite`,
      `${path}: 3 problems`,
    ]);
  });

  it('quote a rating name on one safe line: a name with line breaks cannot forge a line of the report', () => {
    const forged = `Mostly false\n${'reviews.json: everything imported OK\n'.repeat(3)}${'x'.repeat(5000)}`;
    const path = file('forged.json', JSON.stringify([review({ reviewRating: { alternateName: forged } })]));
    const databasePath = tempDatabasePath();
    const run = runCli('claims', ['import', path, '--format', 'claimreview', '--guild', GUILD_A], { databasePath });
    // Any rating is a verdict (issue 9): the record imports, and the report is its one line, with nothing forged.
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd().split('\n')).toEqual([`Imported 1 ClaimReview record into server ${GUILD_A}: 1 added, 0 updated, 0 unchanged`]);
    expect(run.stderr).not.toContain('everything imported OK');
    const exported = runCli('claims', ['export', '--guild', GUILD_A], { databasePath });
    const [claim] = JSON.parse(exported.stdout) as Array<{ verdict: { label: string } }>;
    expect(claim!.verdict.label).toMatch(/^Mostly false reviews\.json: everything imported OK/);
    expect(claim!.verdict.label).not.toMatch(/[\n\r]/);
  });
});
