// The offline console, spawned as `npm start` runs it without a token, does what Discord does: a reply's buttons are
// numbered and pressed by their key, `/claim` works as the local moderator with its form asked field by field, and
// the message command runs on pasted text (`/check`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { PROJECT_ROOT, tempFolder } from './support/knowledge.js';

function session(databasePath: string, lines: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/index.ts')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: databasePath },
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, out: run.stdout, err: run.stderr };
}

/** The part of the output after the first line containing `marker`. */
const after = (out: string, marker: string) => out.slice(out.indexOf(marker));

describe('the offline console', () => {
  it('presses a suggestion, votes on its answer, adds a claim offline through the form, and checks pasted text', async () => {
    const db = join(tempFolder(), 'console.db');
    const { status, out, err } = session(db, [
      'did belarus deploy soldiers into ukraine',
      '1',
      'h',
      '/claim add',
      'The Riverside library opens on Sundays from May.',
      'The library board voted to open the Riverside branch on Sundays, 10:00–16:00, starting in May.',
      '',
      '1',
      '',
      'Library board minutes | https://example.org/board/minutes | 2026-03-02',
      '',
      'Is the Riverside library open on Sundays?',
      '/check Apparently Russia has sent North Korea over a million barrels of oil. North Korean tankers made dozens of trips to move it.',
    ]);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(status).toBe(0);

    // The closest claims, each a numbered button; "1" shows the first, with its feedback buttons under it.
    expect(out).toContain('No vetted answer to that exact question — closest claims:');
    expect(out).toMatch(/^\[1\] 1\. /m);
    const answer = after(out, '\n\n[1] 1. ');
    expect(answer).toMatch(/^\[h\] Helpful$/m);
    expect(answer).toMatch(/^\[n\] Not what I asked$/m);
    expect(after(answer, '[h] Helpful')).toContain('Thanks — noted.');

    // The form, asked field by field; confidence is chosen from its list.
    const form = after(out, 'Add a claim for this server');
    expect(form).toMatch(/Statement:\n/);
    expect(form).toMatch(/Answer \(end with an empty line\):\n/);
    expect(form).toMatch(/Confidence, choose 1-2:\n {2}1\. Confirmed — .*\n {2}2\. Alleged — /);
    expect(form).toContain('Added claim `the-riverside-library-opens-on-sundays-from-may`.');
    // …and the claim is answered at once, from this database.
    expect(after(form, 'Added claim')).toContain('The library board voted to open the Riverside branch on Sundays');

    // /check: the best claim the text makes, and the other one its sentences make.
    const check = after(out, 'It makes 2 claims with a vetted answer:');
    expect(check).toContain('Satellite imagery shows Russia has sent North Korea over one million barrels of oil since March');
    expect(check).toContain('North Korean tankers have made up to 43 trips');

    const kb = await KnowledgeBase.open({ databasePath: db, syncCurated: false });
    try {
      const added = (await kb.scope(null).claim('the-riverside-library-opens-on-sundays-from-may'))?.claim;
      expect(added).toMatchObject({ guildId: null, confidence: 'confirmed', createdBy: 'curated', sources: [{ name: 'Library board minutes' }] });
    } finally {
      await kb.close();
    }
  }, 90_000);
});
