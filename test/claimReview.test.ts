// ClaimReview export and import through the command line, spawned as a user runs it: the records carry what
// schema.org's ClaimReview (and Google's fact-check guidance) requires and recommends, they import back into an
// empty database and export again unchanged, and a rating we cannot map is refused by name with nothing written.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase, type Claim } from '../src/knowledge/index.js';
import { claimOf, countAuditRows, GUILD_A, MODERATOR, runCli, tempDatabasePath, tempFolder, tramClaim } from './support/knowledge.js';

const AUTHOR = 'Riverside Gazette fact desk';
const BASE_URL = 'https://factcheck.example.org';

interface Appearance {
  '@type': string;
  name: string;
  url?: string;
  datePublished?: string;
  text?: string;
}
interface ClaimReviewRecord {
  '@context': unknown;
  '@type': string;
  url?: string;
  identifier: string;
  claimReviewed: string;
  datePublished: string;
  dateModified: string;
  author: { '@type': string; name: string };
  reviewRating: { '@type': string; alternateName: string; ratingExplanation: string };
  itemReviewed: { '@type': string; author?: { '@type': string; name: string }; appearance: Appearance[] };
}

/** A database holding three claims of GUILD_A: confirmed, alleged (reviewed long ago), and one retired. */
async function seededDatabase(): Promise<{ databasePath: string; claims: Claim[] }> {
  const databasePath = tempDatabasePath();
  const kb = await KnowledgeBase.open({ databasePath });
  const scope = kb.scope(GUILD_A);
  const by = { by: MODERATOR };
  await scope.import(
    [
      tramClaim(),
      tramClaim({
        id: 'stadium-roof',
        statement: 'The stadium roof will be replaced in 2027.',
        answer: 'The club chairman said the roof would be replaced before the 2027 season; the council has no application yet.',
        confidence: 'alleged',
        claimant: 'The club chairman',
        sources: [
          { name: 'Club statement', url: 'https://example.org/club', date: '2026-02-01', quote: 'a new roof for 2027' },
          { name: 'Local radio interview' },
        ],
        keywords: ['roof'],
        tags: ['stadium'],
        reviewedAt: '2025-06-01T09:30:00.000Z',
      }),
      tramClaim({ id: 'old-bus-route', statement: 'The number 7 bus route is cancelled.', keywords: ['bus'] }),
    ],
    by,
  );
  await scope.retire('old-bus-route', { ...by, note: 'The route was reinstated in March.' });
  const claims = await scope.list();
  await kb.close();
  return { databasePath, claims };
}

function exportReviews(databasePath: string, env: Record<string, string> = {}): ClaimReviewRecord[] {
  const run = runCli('claims', ['export', '--format', 'claimreview', '--guild', GUILD_A], { databasePath, env });
  expect(run.status).toBe(0);
  expect(run.stderr).toBe(`Exported 2 active claims as ClaimReview records from server ${GUILD_A}\n`);
  return JSON.parse(run.stdout) as ClaimReviewRecord[];
}

describe('claims export --format claimreview', () => {
  it('writes a ClaimReview for each active claim with the required and recommended fields', async () => {
    const { databasePath, claims } = await seededDatabase();
    const records = exportReviews(databasePath, { CLAIMREVIEW_AUTHOR: AUTHOR });
    expect(records.map((r) => r.identifier)).toEqual(['council-approved-tram-line', 'stadium-roof']);

    for (const record of records) {
      const claim = claims.find((c) => c.id === record.identifier)!;
      // Required: the claim reviewed, the rating (a textual one: alternateName). url needs PUBLIC_BASE_URL (below).
      expect(record['@context']).toContain('https://schema.org');
      expect(record['@type']).toBe('ClaimReview');
      expect(record.claimReviewed).toBe(claim.statement);
      expect(record.reviewRating['@type']).toBe('Rating');
      expect(['Confirmed', 'Alleged']).toContain(record.reviewRating.alternateName);
      expect(record.reviewRating.ratingExplanation).toBe(claim.answer);
      // Recommended: who reviewed it, when, and the claim reviewed with where it appeared.
      expect(record.author).toEqual({ '@type': 'Organization', name: AUTHOR });
      expect(record.datePublished).toBe(claim.reviewedAt.slice(0, 10));
      expect(record.itemReviewed['@type']).toBe('Claim');
      expect(record.itemReviewed.appearance.length).toBe(claim.sources.length);
      for (const appearance of record.itemReviewed.appearance) expect(appearance['@type']).toBe('CreativeWork');
      expect(record).not.toHaveProperty('url');
    }

    const [confirmed, alleged] = records as [ClaimReviewRecord, ClaimReviewRecord];
    expect(confirmed.reviewRating.alternateName).toBe('Confirmed');
    expect(confirmed.itemReviewed.author).toBeUndefined();
    expect(confirmed.itemReviewed.appearance).toEqual([
      { '@type': 'CreativeWork', name: 'Council minutes', url: 'https://example.org/minutes', datePublished: '2026-03-04' },
    ]);
    expect(alleged.reviewRating.alternateName).toBe('Alleged');
    expect(alleged.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'The club chairman' });
    expect(alleged.datePublished).toBe('2025-06-01');
    expect(alleged.itemReviewed.appearance).toEqual([
      { '@type': 'CreativeWork', name: 'Club statement', url: 'https://example.org/club', datePublished: '2026-02-01', text: 'a new roof for 2027' },
      { '@type': 'CreativeWork', name: 'Local radio interview' },
    ]);
  });

  it('names the default organisation, and gives each review a url only when PUBLIC_BASE_URL is set', async () => {
    const { databasePath } = await seededDatabase();
    const plain = exportReviews(databasePath);
    expect(plain.map((r) => r.author.name)).toEqual(['factcheck-bot', 'factcheck-bot']);
    expect(plain.some((r) => 'url' in r)).toBe(false);

    const published = exportReviews(databasePath, { PUBLIC_BASE_URL: `${BASE_URL}/` });
    expect(published.map((r) => r.url)).toEqual([`${BASE_URL}/claims/council-approved-tram-line`, `${BASE_URL}/claims/stadium-roof`]);
  });

  it('imports back into an empty database and exports the same records (lossless), also through --out', async () => {
    const { databasePath } = await seededDatabase();
    const folder = tempFolder();
    const file = join(folder, 'reviews.json');
    const first = runCli('claims', ['export', '--format', 'claimreview', '--guild', GUILD_A, '--out', file], { databasePath });
    expect(first).toMatchObject({ status: 0, stdout: '' });

    const empty = tempDatabasePath();
    const imported = runCli('claims', ['import', file, '--format', 'claimreview', '--guild', GUILD_A, '--actor', MODERATOR], { databasePath: empty });
    expect(imported.stderr).toBe('');
    expect(imported).toMatchObject({ status: 0, stdout: `Imported 2 claims into server ${GUILD_A}: 2 added, 0 updated, 0 unchanged\n` });

    const again = runCli('claims', ['export', '--format', 'claimreview', '--guild', GUILD_A], { databasePath: empty });
    expect(again.stdout).toBe(readFileSync(file, 'utf8'));

    // Our fields all came through: the claims themselves are the same, bar who made them and when.
    const kb = await KnowledgeBase.open({ databasePath: empty });
    const roof = (await claimOf(kb, 'stadium-roof', GUILD_A))!;
    await kb.close();
    expect(roof).toMatchObject({
      confidence: 'alleged',
      claimant: 'The club chairman',
      keywords: ['roof'],
      tags: ['stadium'],
      questions: ['Did the council approve the tram line?'],
      reviewedAt: '2025-06-01T09:30:00.000Z',
    });
    expect(roof.sources[0]).toEqual({ name: 'Club statement', url: 'https://example.org/club', date: '2026-02-01', quote: 'a new roof for 2027' });
  });

  it('refuses a record whose rating it cannot map, naming the rating, and writes nothing', async () => {
    const { databasePath } = await seededDatabase();
    const before = runCli('claims', ['export', '--guild', GUILD_A], { databasePath }).stdout;
    const auditRows = () => countAuditRows(databasePath);
    const audits = auditRows();

    // The first record alone would update a claim; the second's rating cannot be mapped, so neither lands.
    const records = exportReviews(databasePath);
    records[0]!.reviewRating.ratingExplanation = 'This change must not land.';
    records[1]!.reviewRating.alternateName = 'Mostly false';
    const file = join(tempFolder(), 'foreign.json');
    writeFileSync(file, JSON.stringify(records));

    const run = runCli('claims', ['import', file, '--format', 'claimreview', '--guild', GUILD_A], { databasePath });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `${file}: record 1 (stadium-roof): reviewRating.alternateName: rating "Mostly false" cannot be mapped to Confirmed or Alleged`,
      `${file}: 1 problem; nothing imported`,
    ]);
    expect(runCli('claims', ['export', '--guild', GUILD_A], { databasePath }).stdout).toBe(before);
    expect(auditRows()).toBe(audits);
  });

  it('checks --format', () => {
    const run = runCli('claims', ['export', '--format', 'xml'], { databasePath: tempDatabasePath() });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('--format: must be json or claimreview\n');
  });
});
