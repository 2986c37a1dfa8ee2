// The small load test (`npm run loadtest -- --small`): three `npm run start:http` workers behind nginx sharing one
// database, 300 signed /factcheck interactions with 20 in flight, a moderator's edit through one worker, and one
// worker killed mid-run. What a user would notice: every interaction answered exactly once, except those the killed
// worker held when it died (nginx answers those 502: Discord shows them failed); none answered twice; the two other
// workers answer with the moderator's correction; and after the kill they take over the killed worker's share.
// It runs on each engine of this test run: a shared SQLite file, and one PostgreSQL database on the test server.
// Skipped, with one line saying why, where nginx is not installed (`apt-get install nginx-light`; .ci/run installs it).
import { describe, expect, it } from 'vitest';
import { runLoadTest, SMALL, type LoadTestReport } from '../bench/loadtest.js';
import { ENGINES, freshPostgresUrl } from './support/engines.js';
import { nginxMissing } from './support/nginx.js';

const missing = nginxMissing();
if (missing) console.warn(`test/loadTest.test.ts skipped: ${missing} is not installed (apt-get install nginx-light openssl).`);

describe.skipIf(missing !== null).each(ENGINES)('the small load test on %s: 3 workers behind nginx, one killed mid-run', (engine) => {
  it('answers every interaction exactly once but those the killed worker held, shows the edit on the other workers, and moves the killed worker’s share', async () => {
    const databaseUrl = engine === 'postgres' ? await freshPostgresUrl() : undefined;
    const r: LoadTestReport = await runLoadTest({ ...SMALL, databaseUrl });
    expect(r.database).toBe(engine === 'postgres' ? 'postgresql' : 'sqlite');

    expect(r.interactions).toBe(SMALL.interactions);
    expect(r.answeredTwice).toBe(0);
    expect(r.answeredOnce + r.failed).toBe(r.interactions);
    // Every failure is one nginx could not deliver because the killed worker had it, and there were few of them.
    expect(r.failed).toBe(r.kill.lostByKilled);
    expect(r.failed).toBeLessThanOrEqual(SMALL.inFlight);
    // The answers are answers: the curated questions and pasted posts find their claim, off-topic ones none.
    expect(r.outcomes.curated.claim).toBeGreaterThan(0);
    expect(r.outcomes['off-topic']['no claim']).toBeGreaterThan(0);

    // The moderator's correction, made through one worker, is what both others answer afterwards; they answered
    // the old text before it.
    expect(r.edit.oldAnswerBefore).toBe(true);
    expect(r.edit.visibleAfterMs).toHaveLength(2);
    // A worker reads the store's revision before every question, so no question sent after the save gets the old
    // answer, on either engine.
    expect(r.edit.staleAfterSave).toBe(0);
    expect(r.sideInteractions.answeredOnce).toBe(r.sideInteractions.sent);

    // Every worker took a share before the kill; after it, the killed one none and both others some.
    const [a, b, killed] = r.perWorker;
    expect(r.perWorker.every((w) => w.beforeKill > 0)).toBe(true);
    expect(killed!.afterKill).toBe(0);
    expect(a!.afterKill).toBeGreaterThan(0);
    expect(b!.afterKill).toBeGreaterThan(0);
  }, 240_000);
});
