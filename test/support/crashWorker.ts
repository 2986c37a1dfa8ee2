// A writer to be killed: opens the knowledge base and adds claims one by one, printing each claim's id on stdout
// once its commit has returned (stdout to a pipe is synchronous on Linux, so a printed id was acknowledged).
//
//   node --import tsx test/support/crashWorker.ts DATABASE_PATH COUNT GUILD_ID ROUND [KILL_INSIDE_WRITE]
//
// With KILL_INSIDE_WRITE = n the writer SIGKILLs itself inside its n-th write (1-based), at the worst moment: the
// audit row is written and the claim row is not yet.
import Database from 'better-sqlite3';
import { KnowledgeBase } from '../../src/knowledge/index.js';

const [databasePath, countText, guildId, round, killInsideText] = process.argv.slice(2);
if (!databasePath || !countText || !guildId || !round)
  throw new Error('usage: crashWorker.ts DATABASE_PATH COUNT GUILD_ID ROUND [KILL_INSIDE_WRITE]');

if (killInsideText) {
  const killInside = Number(killInsideText);
  let auditRows = 0;
  // Kept unbound on purpose: the wrapper below calls it with the database as `this`.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    const statement = prepare.call(this, source);
    if (/^\s*insert into "?audit"?\s/i.test(source)) {
      const run = statement.run.bind(statement) as (...params: unknown[]) => Database.RunResult;
      statement.run = ((...params: unknown[]) => {
        const result = run(...params);
        if (++auditRows === killInside) process.kill(process.pid, 'SIGKILL');
        return result;
      }) as typeof statement.run;
    }
    return statement;
  } as typeof prepare;
}

const kb = await KnowledgeBase.open({ databasePath, syncCurated: !killInsideText });
const scope = kb.scope(guildId);
process.stdout.write('open\n');
for (let i = 0; i < Number(countText); i++) {
  const claim = await scope.add(
    {
      id: `crash-${round}-${i}`,
      statement: `Round ${round} claim ${i}: the council approved tram line ${i}.`,
      answer: `Claim ${i} of round ${round}, written by a process that is about to be killed.`,
      confidence: 'alleged',
      claimant: 'The crash test',
      sources: [{ name: 'Crash test', url: `https://example.org/crash/${round}/${i}`, date: '2026-01-01' }],
      keywords: ['tram', `line-${i}`],
    },
    { by: '7700000000000000001' },
  );
  process.stdout.write(`${claim.id}\n`);
}
await kb.close();
process.stdout.write('done\n');
