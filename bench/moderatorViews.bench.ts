// The moderators' views over a large base: `/claim list` and `/claim stale` in a server, with 100,000 curated claims
// (a third of them due for review) and 1,000 of the server's own, through the /claim command's handler as Discord
// runs it (what is timed is the handler: the knowledge layer's reads and the view; Discord's 3 s are for all of it).
//
//   npm run bench:views [-- --claims 100000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import claim from '../src/commands/claim/index.js';
import { Cooldowns } from '../src/commands/shared/cooldowns.js';
import type { BotContext } from '../src/commands/shared/types.js';
import { parseEnv } from '../src/config/env.js';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { createLogger } from '../src/log.js';

const { values } = parseArgs({ options: { claims: { type: 'string', default: '100000' } } });
const CURATED = Number(values.claims);
const OWN = 1000;
const RUNS = 5;
const GUILD = '100000000000000001';
const MODERATOR = '100000000000000099';

const folder = mkdtempSync(join(tmpdir(), 'factcheck-views-'));
const databasePath = join(folder, 'factcheck.db');
const old = '2025-01-01T00:00:00.000Z';
const record = (i: number, scope: string) => ({
  id: `${scope}-claim-${i}`,
  statement: `The council resurfaced street number ${i} of the ${scope} district.`,
  answer: `Works log entry ${i}.`,
  confidence: 'confirmed' as const,
  sources: [{ name: 'Council works log', url: `https://example.org/works/${i}` }],
  ...(i % 3 === 0 ? { reviewedAt: old } : {}),
});

let kb = await KnowledgeBase.open({ databasePath });
await kb.scope(null).import(
  Array.from({ length: CURATED }, (_, i) => record(i, 'curated')),
  { by: 'curated' },
);
await kb.scope(GUILD).import(
  Array.from({ length: OWN }, (_, i) => record(i, 'harbour')),
  { by: MODERATOR },
);
await kb.close();
// Reopened, as the bot starts on such a base (its search takes every claim in before the first question).
kb = await KnowledgeBase.open({ databasePath, syncCurated: false });
const env = parseEnv({ DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' });
// /claim list and /claim stale change no claim, so they never have notices to deliver.
const ctx: BotContext = { kb, env, log: createLogger('silent'), cooldowns: Cooldowns.off(), notices: { deliverDue: () => undefined } };
const caller = { userId: MODERATOR, guildId: GUILD, moderator: true };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
for (const subcommand of ['list', 'stale'] as const) {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await claim.run(ctx, { caller, input: { subcommand, options: {} } as never });
    times.push(performance.now() - started);
  }
  console.log(
    `/claim ${subcommand}: median ${median(times).toFixed(0)} ms, slowest ${Math.max(...times).toFixed(0)} ms ` +
      `(${CURATED.toLocaleString('en')} curated claims, ${OWN.toLocaleString('en')} of the server's own, ${RUNS} runs)`,
  );
}
await kb.close();
rmSync(folder, { recursive: true, force: true });
