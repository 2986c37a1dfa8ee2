// Claim ids: generated ones are valid, stable and unique in their scope, however many claims share a slug;
// `validate` and `import` agree; importing a file again changes nothing; and one scope's ids never block another's
// (a server's claim no longer blocks another server, or a release of the curated base that adds the same id).
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaimId, KnowledgeBase, readCuratedFile, ValidationError, type ClaimInput } from '../src/knowledge/index.js';
import { claimOf, GUILD_A, GUILD_B, MODERATOR, runCli, tempDatabasePath, tempFolder } from './support/knowledge.js';

const opened: KnowledgeBase[] = [];
afterEach(async () => {
  for (const kb of opened.splice(0)) await kb.close();
});

async function open(databasePath = tempDatabasePath(), curatedFile?: string): Promise<KnowledgeBase> {
  const kb = await KnowledgeBase.open({ databasePath, ...(curatedFile ? { curatedFile } : {}) });
  opened.push(kb);
  return kb;
}

const claim = (statement: string, extra: Partial<ClaimInput> = {}): ClaimInput => ({
  statement,
  answer: `What is known: ${statement}`,
  confidence: 'confirmed',
  sources: [{ name: 'Town newsletter' }],
  ...extra,
});

/** A statement longer than an id can be: every claim made from it with another ending shares one slug. */
const LONG_HEAD = 'The council approved the new harbour ferry timetable for the whole summer season';
const sameSlug = (i: number) => `${LONG_HEAD}, entry ${i}.`;

function writeJson(records: unknown): string {
  const file = join(tempFolder(), 'claims.json');
  writeFileSync(file, JSON.stringify(records));
  return file;
}

describe('generated ids', () => {
  it('stay valid when a statement’s slug is taken, even when its cut ends at a dash', async () => {
    // A 57-letter word, then a short one: cutting this slug to make room for "-2" used to end in a dash ("…--2").
    const statement = `${'a'.repeat(57)} bc`;
    const kb = await open();
    const first = await kb.scope(GUILD_A).add(claim(statement), { by: MODERATOR });
    const second = await kb.scope(GUILD_A).add(claim(statement, { answer: 'A second claim with the same statement.' }), { by: MODERATOR });
    expect(first.id).toBe(`${'a'.repeat(57)}-bc`);
    expect(second.id).not.toBe(first.id);
    for (const id of [first.id, second.id]) expect(ClaimId.safeParse(id).success, id).toBe(true);
  });

  it('give 5,000 claims of one slug each a valid id of its own, and importing the file again changes nothing', async () => {
    const records = Array.from({ length: 5000 }, (_, i) => claim(sameSlug(i)));
    const kb = await open();
    const scope = kb.scope(GUILD_A);
    expect(await scope.import(records, { by: MODERATOR })).toEqual({ added: 5000, updated: 0, unchanged: 0 });
    const ids = (await scope.list()).map((c) => c.id);
    expect(new Set(ids).size).toBe(5000);
    for (const id of ids) expect(ClaimId.safeParse(id).success, id).toBe(true);
    expect(await scope.import(records, { by: MODERATOR })).toEqual({ added: 0, updated: 0, unchanged: 5000 });
    expect(await scope.list()).toHaveLength(5000);
  });

  it('are the same in validate and import, and a file without ids imports again without duplicates (claims and ClaimReview)', async () => {
    const databasePath = tempDatabasePath();
    const statements = [sameSlug(1), sameSlug(2), sameSlug(1).toUpperCase(), 'The pier reopens in May.', 'The pier reopens in May!'];
    const file = writeJson(statements.map((s) => claim(s)));
    expect(runCli('claims', ['validate', file], { databasePath })).toMatchObject({ status: 0, stdout: `${file}: 5 claims valid\n`, stderr: '' });
    const args = ['import', file, '--guild', GUILD_A, '--actor', MODERATOR];
    expect(runCli('claims', args, { databasePath })).toMatchObject({
      status: 0,
      stdout: `Imported 5 claims into server ${GUILD_A}: 5 added, 0 updated, 0 unchanged\n`,
    });
    expect(runCli('claims', args, { databasePath })).toMatchObject({
      status: 0,
      stdout: `Imported 5 claims into server ${GUILD_A}: 0 added, 0 updated, 5 unchanged\n`,
    });

    // ClaimReview records without an identifier: the same.
    const reviews = writeJson(
      statements.map((s) => ({
        '@type': 'ClaimReview',
        claimReviewed: s,
        reviewRating: { alternateName: 'Confirmed', ratingExplanation: `Reviewed: ${s}` },
        itemReviewed: { appearance: [{ name: 'Harbour office' }] },
      })),
    );
    const reviewArgs = ['import', reviews, '--format', 'claimreview', '--guild', GUILD_B, '--actor', MODERATOR];
    expect(runCli('claims', reviewArgs, { databasePath }).stdout).toBe(
      `Imported 5 ClaimReview records into server ${GUILD_B}: 5 added, 0 updated, 0 unchanged\n`,
    );
    expect(runCli('claims', reviewArgs, { databasePath }).stdout).toBe(
      `Imported 5 ClaimReview records into server ${GUILD_B}: 0 added, 0 updated, 5 unchanged\n`,
    );
    // The same statements get the same ids in both servers: nothing in one server changed the ids of the other.
    const kb = await open(databasePath);
    const idsOf = async (guild: string) => (await kb.scope(guild).list()).map((c) => c.id).sort();
    expect(await idsOf(GUILD_B)).toEqual(await idsOf(GUILD_A));
  });

  it('report a claim the store cannot read back as one line naming the claim and the field, not a dump', async () => {
    const databasePath = tempDatabasePath();
    const kb = await open(databasePath);
    const added = await kb.scope(GUILD_A).add(claim('The pier reopens in May.'), { by: MODERATOR });
    await kb.close();
    opened.splice(0);
    // Someone edits the file by hand and breaks a source's URL.
    const raw = new Database(databasePath);
    raw.prepare('UPDATE claims SET sources = ? WHERE id = ?').run(JSON.stringify([{ name: 'Pier notice', url: 'javascript:alert(1)' }]), added.id);
    raw.close();

    const run = runCli('claims', ['export', '--guild', GUILD_A], { databasePath });
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`stored claim ${added.id}: sources.0.url: must be an http(s) URL\n`);
    const reopened = await open(databasePath);
    await expect(reopened.scope(GUILD_A).claim(added.id)).rejects.toThrow(ValidationError);
  });
});

describe('one id namespace per scope', () => {
  it('starts when a release of the curated base adds an id a server already has; there it names the server’s claim', async () => {
    const databasePath = tempDatabasePath();
    const kb = await open(databasePath);
    const mine = await kb.scope(GUILD_A).add(claim('The harbour crane is repainted blue.', { id: 'harbour-crane-repainted' }), { by: MODERATOR });
    await kb.close();
    opened.splice(0);

    // The next release's curated file has a claim with that id.
    const release = [...(readCuratedFile() as object[]), claim('The harbour crane was repainted by the port.', { id: 'harbour-crane-repainted' })];
    const curatedFile = writeJson(release);
    const upgraded = await open(databasePath, curatedFile);
    expect(upgraded.syncReport).toMatchObject({ added: 1 });
    expect(await claimOf(upgraded, mine.id, GUILD_A)).toEqual(mine);
    expect((await claimOf(upgraded, mine.id, GUILD_B))?.statement).toBe('The harbour crane was repainted by the port.');
    // In the server, the curated claim of the same id is not answered nor counted: the id names the server's own there.
    expect((await upgraded.scope(GUILD_A).visible()).filter((c) => c.id === mine.id)).toEqual([mine]);
    const { total, curated } = await upgraded.scope(GUILD_A).summary();
    expect([total, curated]).toEqual([release.length, release.length - 1]);
    // The command line starts too.
    expect(runCli('claims', ['list', '--guild', GUILD_A], { databasePath }).status).toBe(0);
  });

  it('lets every server add the same statement under the same id, without a suffix that tells it another server has it', async () => {
    const kb = await open();
    const statement = 'The Riverside library opens on Sundays from May.';
    const inA = await kb.scope(GUILD_A).add(claim(statement), { by: MODERATOR });
    const inB = await kb.scope(GUILD_B).add(claim(statement), { by: MODERATOR });
    expect(inA.id).toBe('the-riverside-library-opens-on-sundays-from-may');
    expect(inB.id).toBe(inA.id);
    expect((await claimOf(kb, inA.id, GUILD_A))?.guildId).toBe(GUILD_A);
    expect((await claimOf(kb, inB.id, GUILD_B))?.guildId).toBe(GUILD_B);
  });

  it('never hides a curated claim behind a server’s generated id', async () => {
    const kb = await open();
    const curated = (await kb.scope(null).list())[0]!;
    // A statement whose slug is the curated claim's id.
    const added = await kb.scope(GUILD_A).add(claim(curated.id.replace(/-/g, ' ')), { by: MODERATOR });
    expect(added.id).not.toBe(curated.id);
    expect(await claimOf(kb, curated.id, GUILD_A)).toEqual(curated);
  });
});
