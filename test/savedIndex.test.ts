// A large base's search index is saved beside the SQLite file and read back at the next start instead of being
// built again. What a member notices: the answers after a restart are the same as before it, changes made since it
// was saved are in them, and neither another database put in the file's place nor a damaged index file changes what
// is answered.
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { GUILD_A, MODERATOR, tempDatabasePath } from './support/knowledge.js';

const CLAIMS = 2_500;
const TOWNS = ['Ashford', 'Bexley', 'Carlow', 'Dunmore', 'Elmstead', 'Fenwick', 'Glenrock', 'Harwick', 'Ivybridge', 'Jarrow'];
const PROJECTS = ['tram depot', 'swimming pool', 'bus station', 'public library', 'cycle bridge', 'fish market', 'sports hall', 'ferry pier'];
const ACTIONS = ['approved', 'rejected', 'postponed', 'funded', 'cancelled', 'extended', 'sold', 'closed'];

/** The i-th archive claim (`flavour` gives another archive's claims: other statements under other ids). */
function archiveClaim(i: number, flavour = '') {
  const town = TOWNS[i % 10]!;
  const project = PROJECTS[Math.floor(i / 10) % 8]!;
  const action = ACTIONS[Math.floor(i / 80) % 8]!;
  const year = 1990 + Math.floor(i / 640);
  const core = `the ${town} ${flavour}council ${action} the ${project} plan in ${year}`;
  return {
    id: `${flavour.trim() || 'archive'}-${i}`,
    statement: `${core[0]!.toUpperCase()}${core.slice(1)}.`,
    answer: `Council minutes record that ${core}.`,
    confidence: 'confirmed',
    sources: [{ name: `${town} council minutes`, url: `https://example.org/${town.toLowerCase()}/${year}` }],
    keywords: [project, town],
  };
}

const QUESTIONS = [
  'Did the Bexley council cancel the fish market plan in 1992?',
  'was the carlow swiming pool plan aproved?', // misspelled: typo correction reads the saved vocabulary
  'Did the Glenrock council sell the ferry pier?',
  'Did Russia give North Korea air defense missiles?', // the curated base
  '러시아가 북한에 방공 미사일을 줬나요?', // the curated base in Korean: its translations are read again
  'Who won the chess final?',
  'Did the Ashford council fund the ferry pier plan in 1993?',
];

/** What a member sees of each question's answer: the claim, its score and the suggestions, in a server and outside. */
async function answersOf(kb: KnowledgeBase): Promise<string[]> {
  const out: string[] = [];
  for (const guildId of [null, GUILD_A]) {
    for (const question of QUESTIONS) {
      const a = await kb.scope(guildId).answer(question, { log: false });
      out.push(`${question} → ${a.claim?.id ?? 'none'} ${a.score?.toFixed(6) ?? ''} [${a.suggestions.map((s) => s.claim.id).join(', ')}]`);
    }
  }
  return out;
}

const open: KnowledgeBase[] = [];
afterEach(async () => {
  for (const kb of open.splice(0)) await kb.close();
});
async function openAt(databasePath: string): Promise<KnowledgeBase> {
  const kb = await KnowledgeBase.open({ databasePath });
  open.push(kb);
  return kb;
}
async function closeAll(): Promise<void> {
  for (const kb of open.splice(0)) await kb.close();
}

/** A database with the archive in the curated scope and a few claims of a server's own, started once since. */
async function archiveAt(databasePath: string, flavour = ''): Promise<void> {
  const kb = await openAt(databasePath);
  await kb.scope(null).import(
    Array.from({ length: CLAIMS }, (_, i) => archiveClaim(i, flavour)),
    { by: 'curated' },
  );
  await kb.scope(GUILD_A).import(
    Array.from({ length: 40 }, (_, i) => ({ ...archiveClaim(i * 7 + 3, `${flavour}server `), id: `server-${i}` })),
    { by: MODERATOR },
  );
  await closeAll();
  // The next start builds the search from every claim, and saves it when it stops.
  await openAt(databasePath);
  await closeAll();
}

describe('the saved search index', () => {
  it('is saved beside the database, and a restart from it answers exactly as a search built from every claim', async () => {
    const databasePath = tempDatabasePath();
    await archiveAt(databasePath);
    const index = `${databasePath}.search-index`;
    expect(existsSync(index)).toBe(true);

    const restored = await answersOf(await openAt(databasePath));
    await closeAll();
    rmSync(index);
    const built = await answersOf(await openAt(databasePath));
    expect(restored).toEqual(built);
    expect(built.filter((line) => line.includes('→ archive-'))).not.toEqual([]);
  }, 120_000);

  it('takes in the changes committed after it was saved: a retired claim is no answer, a new one is', async () => {
    const databasePath = tempDatabasePath();
    await archiveAt(databasePath);
    const question = 'Did the Bexley council cancel the fish market plan in 1992?';
    const before = await (await openAt(databasePath)).scope(null).answer(question, { log: false });
    expect(before.claim?.statement).toBe('The Bexley council cancelled the fish market plan in 1992.');
    await closeAll();

    // Another process changes the base while the bot is stopped (two changes: too few to save the index again).
    const other = await openAt(databasePath);
    await other.scope(null).retire(before.claim!.id, { by: 'curated', note: 'Withdrawn by the newsroom.' });
    await other
      .scope(null)
      .add(
        { ...archiveClaim(0), id: 'lighthouse', statement: 'The Bexley council sold the old lighthouse in 2001.', keywords: ['lighthouse'] },
        { by: 'curated' },
      );
    await closeAll();

    const kb = await openAt(databasePath);
    expect((await kb.scope(null).answer(question, { log: false })).claim?.id).not.toBe(before.claim!.id);
    expect((await kb.scope(null).answer('Did Bexley sell its old lighthouse?', { log: false })).claim?.id).toBe('lighthouse');
  }, 120_000);

  it('is not read for another database put in its file’s place', async () => {
    const databasePath = tempDatabasePath();
    await archiveAt(databasePath);
    // Another archive, of the same size and the same number of changes, copied over the first one's file.
    const otherPath = tempDatabasePath();
    await archiveAt(otherPath, 'harbour ');
    rmSync(`${otherPath}.search-index`);
    copyFileSync(otherPath, databasePath);

    const kb = await openAt(databasePath);
    const answer = await kb.scope(null).answer('Did the Bexley harbour council cancel the fish market plan in 1992?', { log: false });
    expect(answer.claim?.id).toMatch(/^harbour-/);
    expect(answer.claim?.statement).toBe('The Bexley harbour council cancelled the fish market plan in 1992.');
  }, 120_000);

  it('is built again from the database when its file is damaged', async () => {
    const databasePath = tempDatabasePath();
    await archiveAt(databasePath);
    const expected = await answersOf(await openAt(databasePath));
    await closeAll();
    writeFileSync(`${databasePath}.search-index`, 'not an index at all');

    expect(await answersOf(await openAt(databasePath))).toEqual(expected);
  }, 120_000);
});
