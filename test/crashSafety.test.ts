// Crash safety: a process writing 1,000 claims is killed with SIGKILL in the middle, several times over on the same
// database file. After each kill the file must pass PRAGMA integrity_check, hold every claim whose write was
// acknowledged, and hold no claim without its audit row (nor an audit row without its claim).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { matchOf, PROJECT_ROOT, tempDatabasePath } from './support/knowledge.js';

const WRITES = 1000;
const GUILD = '7700000000000000002';
/**
 * How each round's writer dies. `signal`: SIGKILL from outside once `after` writes are acknowledged (plus a random
 * 0-2 ms, so it lands anywhere in a write). `inside`: the writer kills itself inside write number `at`, between its
 * audit row and its claim row — the moment a missing transaction would show, every time.
 */
type Kill = { kind: 'signal'; after: number } | { kind: 'inside'; at: number };
const KILLS: Kill[] = [
  { kind: 'signal', after: 200 },
  { kind: 'signal', after: 1 },
  { kind: 'signal', after: 700 },
  { kind: 'inside', at: 300 },
];

interface Round {
  round: number;
  kill: Kill;
  /** Acknowledgements read when SIGKILL was sent (-1: the writer killed itself). */
  ackedAtKill: number;
  /** Every acknowledgement the writer printed (some arrive after the signal was sent). */
  acked: string[];
  found: number;
}
const rounds: Round[] = [];

afterAll(() => {
  if (!rounds.length) return;
  console.log(
    [
      `Crash safety: ${rounds.length} writers of ${WRITES} claims each, SIGKILLed mid-stream on one database file`,
      ...rounds.map(
        (r) =>
          `  round ${r.round}: ${r.kill.kind === 'signal' ? `SIGKILL sent after ${r.ackedAtKill} acks` : `killed inside write ${r.kill.at}, after its audit row`}; ` +
          `${r.acked.length} acked in all; ${r.found} claims on disk ` +
          `(${r.found - r.acked.length} committed but not yet acked); integrity ok, none lost, none without audit row`,
      ),
    ].join('\n'),
  );
});

/** Runs the writer and kills it once `killAfter` writes are acknowledged; resolves with every id it acknowledged. */
function writeAndKill(
  databasePath: string,
  round: number,
  kill: Kill,
): Promise<{ acked: string[]; ackedAtKill: number; signal: NodeJS.Signals | null }> {
  const killAfter = kill.kind === 'signal' ? kill.after : Infinity;
  const args = [databasePath, String(WRITES), GUILD, String(round), ...(kill.kind === 'inside' ? [String(kill.at)] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'test/support/crashWorker.ts'), ...args], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked: string[] = [];
    let ackedAtKill = -1;
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.stdout.on('data', (chunk) => {
      pending += String(chunk);
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) if (line.startsWith('crash-')) acked.push(line);
      if (ackedAtKill < 0 && acked.length >= killAfter) {
        ackedAtKill = acked.length;
        // A random wait of up to 2 ms (a few writes) puts the kill at a random point of a write.
        const until = performance.now() + Math.random() * 2;
        while (performance.now() < until);
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    // 'close' waits for stdout to drain: acknowledgements still in the pipe when the signal landed are counted.
    child.on('close', (_code, signal) => (stderr && !signal ? reject(new Error(stderr)) : resolve({ acked, ackedAtKill, signal })));
  });
}

function check(databasePath: string) {
  const db = new Database(databasePath);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }),
      ids: new Set((db.prepare('SELECT id FROM claims WHERE guild_id = ?').all(GUILD) as Array<{ id: string }>).map((r) => r.id)),
      withoutAudit: db.prepare(`SELECT COUNT(*) AS n FROM claims c WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.claim_id = c.id)`).get() as {
        n: number;
      },
      auditWithoutClaim: db.prepare(`SELECT COUNT(*) AS n FROM audit a WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = a.claim_id)`).get() as {
        n: number;
      },
      staleRev: db.prepare(`SELECT COUNT(*) AS n FROM claims c WHERE c.rev != (SELECT MAX(a.id) FROM audit a WHERE a.claim_id = c.id)`).get() as {
        n: number;
      },
    };
  } finally {
    db.close();
  }
}

describe('a writer killed with SIGKILL mid-stream', () => {
  it('leaves an intact database with every acknowledged claim and every claim’s audit row', async () => {
    const databasePath = tempDatabasePath();
    let expected = 0;
    for (const [round, kill] of KILLS.entries()) {
      const { acked, ackedAtKill, signal } = await writeAndKill(databasePath, round, kill);
      expect(signal, 'the writer was killed, not finished').toBe('SIGKILL');
      expect(acked.length, 'the kill landed before the last write').toBeLessThan(WRITES);

      const after = check(databasePath);
      expect(after.integrity).toBe('ok');
      const roundIds = [...after.ids].filter((id) => id.startsWith(`crash-${round}-`));
      for (const id of acked) expect(after.ids.has(id), `acknowledged ${id} is on disk`).toBe(true);
      // At most the one write in flight when the signal landed committed without being acknowledged.
      expect(roundIds.length - acked.length).toBeGreaterThanOrEqual(0);
      expect(roundIds.length - acked.length).toBeLessThanOrEqual(1);
      // Killed inside a write: that write left nothing, neither its claim nor its audit row.
      if (kill.kind === 'inside') expect(roundIds.length).toBe(kill.at - 1);
      expect(after.withoutAudit.n).toBe(0);
      expect(after.auditWithoutClaim.n).toBe(0);
      expect(after.staleRev.n).toBe(0);
      expected += roundIds.length;
      expect(after.ids.size).toBe(expected);
      rounds.push({ round, kill, ackedAtKill, acked, found: roundIds.length });
    }

    // The bot opens the file as it is, and answers from every claim on it.
    const kb = await KnowledgeBase.open({ databasePath });
    try {
      expect((await kb.scope(GUILD).visible()).filter((c) => c.guildId === GUILD)).toHaveLength(expected);
      const answer = await matchOf(kb, 'did the council approve tram line 17', GUILD);
      expect(answer.match ?? answer.suggestions[0]).toBeTruthy();
    } finally {
      await kb.close();
    }
  }, 60_000);
});
