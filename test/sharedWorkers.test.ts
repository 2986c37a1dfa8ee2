// Two HTTP interaction workers on one store, as behind a load balancer: whichever worker Discord's next request
// reaches, it finds what the last one left. On each engine the store runs on (SQLite, and PostgreSQL when the test
// run has a server): the verdict a moderator chose with /claim add on one worker waits for the form's submit on the
// other, and a claim saved through one is answered by the other at once. On a shared PostgreSQL store, a member's
// cooldown also holds across workers.
import { afterAll, describe, expect, it } from 'vitest';
import { Cooldowns } from '../src/commands/shared/cooldowns.js';
import type { AppContext } from '../src/commands/shared/types.js';
import { parseEnv } from '../src/config/env.js';
import { startHttpWorker, type RunningHttpWorker } from '../src/http/interactionsServer.js';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { createLogger } from '../src/log.js';
import { ENGINES, freshStore, type Engine } from './support/engines.js';
import { ADMIN_PERMISSIONS, startFakeDiscord, type FakeDiscord } from './support/fakeDiscord.js';

const GUILD = '5600000000000000001';
const MODERATOR = '5600000000000000002';
const MEMBER = '5600000000000000003';
type Reply = { type: number; data?: { content?: string; custom_id?: string; embeds?: Array<{ title?: string; description?: string }> } };

const running: Array<{ stop(): Promise<void> }> = [];
afterAll(async () => {
  for (const r of running.splice(0).reverse()) await r.stop();
});

/** The reply to a posted interaction: the HTTP response, or the edit a deferred one was followed by. */
async function replyTo(fake: FakeDiscord, posted: { body: unknown; token: string }): Promise<Reply> {
  const body = posted.body as Reply;
  if (body.type !== 5) return body;
  return { type: 4, data: (await fake.waitForEdit(posted.token, 5000)) as Reply['data'] };
}

/** Two workers on one fresh store of `engine`, each with its own knowledge base, as two processes would be. */
async function twoWorkers(engine: Engine): Promise<{ fake: FakeDiscord; endpoints: [string, string] }> {
  const fake = await startFakeDiscord();
  running.push(fake);
  const store = await freshStore(engine);
  const env = parseEnv({
    INTERACTIONS_MODE: 'http',
    DISCORD_PUBLIC_KEY: fake.publicKeyHex,
    DISCORD_API_URL: fake.apiUrl,
    FACTCHECK_COOLDOWN_SECONDS: '30',
    MODERATOR_WRITE_COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'silent',
  });
  const endpoints: string[] = [];
  for (let i = 0; i < 2; i++) {
    const kb = await KnowledgeBase.open(store.location);
    running.push({ stop: () => kb.close() });
    const ctx: AppContext = { kb, env, log: createLogger('silent'), cooldowns: Cooldowns.fromEnv(env, kb) };
    const worker: RunningHttpWorker = await startHttpWorker(ctx, { host: '127.0.0.1', port: 0, publicKey: fake.publicKeyHex });
    running.push(worker);
    endpoints.push(`${worker.url}/interactions`);
  }
  return { fake, endpoints: endpoints as [string, string] };
}

describe.each(ENGINES)('two HTTP workers on one %s store', (engine) => {
  it('take a /claim add verdict chosen on one worker in the form submitted to the other, and both answer with the claim', async () => {
    const { fake, endpoints } = await twoWorkers(engine);
    const mod = { guildId: GUILD, userId: MODERATOR, permissions: ADMIN_PERMISSIONS };
    const opened = await fake.postInteraction(
      endpoints[0],
      fake.chatInput({ name: 'claim', subcommand: 'add', options: { verdict: 'False', rated_by: 'Example Checkers' }, ...mod }),
    );
    const modal = opened.body as Reply;
    expect(modal.type).toBe(9);
    const form = {
      statement: 'The harbour ferry stops running in winter.',
      answer: 'The operator runs the ferry all year; only the evening crossing stops from November to March.',
      confidence: 'alleged',
      claimant: 'A post shared in the harbour group',
      sources: 'Ferry operator timetable | https://example.org/ferry/timetable | 2026-01-05',
    };
    const saved = await replyTo(
      fake,
      await fake.postInteraction(endpoints[1], fake.modalSubmit({ customId: modal.data!.custom_id!, components: form, ...mod })),
    );
    expect(saved.data!.content).toMatch(/^Added claim `the-harbour-ferry-stops-running-in-winter`/);
    // The verdict was used: submitting the same form again, to either worker, is refused.
    for (const endpoint of endpoints) {
      const again = await replyTo(
        fake,
        await fake.postInteraction(endpoint, fake.modalSubmit({ customId: modal.data!.custom_id!, components: form, ...mod })),
      );
      expect(again.data!.content).toMatch(/no longer waiting for this form/);
    }
    // Either worker answers a member with the new claim, and its verdict.
    for (const [i, endpoint] of endpoints.entries()) {
      const asked = fake.chatInput({
        name: 'factcheck',
        guildId: GUILD,
        userId: `56000000000000001${i}0`,
        options: { question: 'does the harbour ferry stop running in winter?' },
      });
      const answer = await replyTo(fake, await fake.postInteraction(endpoint, asked));
      expect(JSON.stringify(answer.data!.embeds)).toContain('Rated **False** by Example Checkers');
    }
  });

  it.runIf(engine === 'postgres')('hold a member’s /factcheck cooldown whichever worker gets the next question', async () => {
    const { fake, endpoints } = await twoWorkers(engine);
    const ask = () => fake.chatInput({ name: 'factcheck', guildId: GUILD, userId: MEMBER, options: { question: 'who won the chess final?' } });
    const first = (await fake.postInteraction(endpoints[0], ask())).body as Reply;
    expect(first.data!.content ?? '').not.toMatch(/try again in/);
    const second = (await fake.postInteraction(endpoints[1], ask())).body as Reply;
    expect(second.data!.content).toMatch(/^You're asking quickly — try again in \d+ seconds\.$/);
  });
});
