// The HTTP interactions endpoint (INTERACTIONS_MODE=http), as Discord calls it: every request signed with the
// application's Ed25519 key by the fake Discord, which also takes the HTTP response as the interaction's callback and
// serves the follow-ups. The deadline is decided by the test, never by a clock: an interaction is "slow" when the
// test lets its deadline pass while its handler is held.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../src/commands/index.js';
import { Cooldowns } from '../src/commands/shared/cooldowns.js';
import { createRegistry } from '../src/commands/shared/registry.js';
import type { AppContext, Command } from '../src/commands/shared/types.js';
import { parseEnv } from '../src/config/env.js';
import { startHttpWorker, type RunningHttpWorker } from '../src/http/interactionsServer.js';
import { KnowledgeBase } from '../src/knowledge/index.js';
import { createLogger } from '../src/log.js';
import { ADMIN_PERMISSIONS, startFakeDiscord, type FakeDiscord } from './support/fakeDiscord.js';
import { tempDatabasePath } from './support/knowledge.js';

const GUILD = '5500000000000000001';
type Embed = { title?: string };
type Answer = { type: number; data?: { flags?: number; embeds?: Embed[]; choices?: unknown[]; content?: string; custom_id?: string } };

/** The factcheck handler, held while a test keeps it held: the "slow path", decided by the test. */
let held: { entered: () => void; release: Promise<void> } | null = null;
function hold(): { entered: Promise<void>; release: () => void } {
  let entered!: () => void;
  let release!: () => void;
  const enteredP = new Promise<void>((resolve) => (entered = resolve));
  held = { entered, release: new Promise<void>((resolve) => (release = resolve)) };
  return { entered: enteredP, release };
}
const factcheck = registry.commands.get('factcheck')!;
const heldFactcheck: Command = {
  ...factcheck,
  async run(ctx, request) {
    const h = held;
    if (h) {
      held = null;
      h.entered();
      await h.release;
    }
    return factcheck.run(ctx, request);
  },
};
const commands = createRegistry([...registry.commands.values()].map((c) => (c === factcheck ? heldFactcheck : c)));

/** Deadlines, by interaction id: an interaction's deadline passes when the test says so. */
const deadlines = new Map<string, () => void>();

let fake: FakeDiscord;
let kb: KnowledgeBase;
let worker: RunningHttpWorker;
let endpoint: string;
beforeAll(async () => {
  fake = await startFakeDiscord();
  const env = parseEnv({
    INTERACTIONS_MODE: 'http',
    DISCORD_PUBLIC_KEY: fake.publicKeyHex,
    DISCORD_API_URL: fake.apiUrl,
    FACTCHECK_COOLDOWN_SECONDS: '0',
    MODERATOR_WRITE_COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'silent',
  });
  kb = await KnowledgeBase.open({ databasePath: tempDatabasePath() });
  const ctx: AppContext = { kb, env, log: createLogger('silent'), cooldowns: Cooldowns.fromEnv(env) };
  worker = await startHttpWorker(ctx, {
    host: '127.0.0.1',
    port: 0,
    publicKey: env.DISCORD_PUBLIC_KEY!,
    registry: commands,
    deadline: (id) => new Promise<void>((resolve) => deadlines.set(id, resolve)),
  });
  endpoint = `${worker.url}/interactions`;
});
afterAll(async () => {
  await worker?.stop();
  await kb?.close();
  await fake?.stop();
});

const ask = (question: string, extra: { private?: boolean } = {}) =>
  fake.chatInput({ name: 'factcheck', guildId: GUILD, options: { question, ...(extra.private !== undefined ? { private: extra.private } : {}) } });

describe('signatures', () => {
  it('answers a signed PING with PONG', async () => {
    const r = await fake.postInteraction(endpoint, { type: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ type: 1 });
  });

  it('refuses with 401, and does no work, a request without a signature, signed by another key, or changed after signing', async () => {
    const question = 'where do penguins buy their umbrellas';
    const other = generateKeyPairSync('ed25519').privateKey;
    const timestamp = String(Math.floor(Date.now() / 1000));
    const forged = (body: string) => sign(null, Buffer.from(timestamp + body), other).toString('hex');
    const payload = ask(question);
    const refused = [
      await fake.postInteraction(endpoint, payload, { headers: {} }),
      await fake.postInteraction(endpoint, { type: 1 }, { headers: { 'x-signature-timestamp': timestamp } }),
      await fake.postInteraction(endpoint, payload, {
        headers: { 'x-signature-ed25519': forged(JSON.stringify({ ...payload, application_id: fake.appId })), 'x-signature-timestamp': timestamp },
      }),
      await fake.postInteraction(endpoint, { type: 1 }, { headers: { 'x-signature-ed25519': 'zz', 'x-signature-timestamp': timestamp } }),
      await fake.postInteraction(endpoint, ask(question), { tamper: (body) => body.replace('penguins', 'pelicans') }),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    expect(refused.every((r) => !r.accepted)).toBe(true);
    // Nothing ran: the question was never logged, and nothing was sent to Discord.
    expect((await kb.scope(GUILD).unanswered()).map((q) => q.question)).not.toContain(question);
    expect(fake.requests).toHaveLength(0);

    // The same question, signed, is answered and logged (so the check above can fail).
    const answered = await fake.postInteraction(endpoint, ask(question));
    expect(answered.status).toBe(200);
    expect((await kb.scope(GUILD).unanswered()).map((q) => q.question)).toContain(question);
  });

  it('refuses a signed body that is not an interaction with 400, naming the field', async () => {
    const r = await fake.postInteraction(endpoint, { type: 2, application_id: fake.appId, token: '' });
    expect(r.status).toBe(400);
    expect((r.body as { error: string }).error).toMatch(/^token: /);
  });
});

describe('answers in the HTTP response', () => {
  it('answers /factcheck in the response, with no callback request to Discord', async () => {
    const r = await fake.postInteraction(endpoint, ask('how many barrels of crude has russia shipped to pyongyang'));
    const answer = r.body as Answer;
    expect(r).toMatchObject({ status: 200, accepted: true });
    expect(answer.type).toBe(4);
    expect(answer.data!.embeds![0]!.title).toContain('million barrels');
    expect(answer.data!.flags ?? 0).toBe(0);
    expect(fake.callbacksFor(r.id)).toEqual([]);
    expect(fake.originalMessage(r.token)?.embeds[0]?.title).toContain('million barrels');
  });

  it('answers autocomplete with choices, and opens /claim add’s form for a moderator', async () => {
    const typed = await fake.postInteraction(endpoint, fake.autocomplete({ name: 'factcheck', guildId: GUILD, options: { question: 'oil barr' } }));
    expect((typed.body as Answer).type).toBe(8);
    expect((typed.body as Answer).data!.choices!.length).toBeGreaterThan(0);
    const form = await fake.postInteraction(
      endpoint,
      fake.chatInput({ name: 'claim', subcommand: 'add', guildId: GUILD, permissions: ADMIN_PERMISSIONS }),
    );
    expect(form).toMatchObject({ status: 200, accepted: true });
    expect((form.body as Answer).type).toBe(9);
  });
});

describe('a slow answer', () => {
  it('is deferred when its deadline passes, then replaces the deferral with the public answer', async () => {
    const slow = hold();
    const payload = ask('did moscow hand pyongyang anti-aircraft missiles?');
    const posted = fake.postInteraction(endpoint, payload);
    await slow.entered;
    deadlines.get(payload.id)!();
    const r = await posted;
    // The response was the deferral, ephemeral until the answer is known.
    expect(r.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(r.accepted).toBe(true);
    slow.release();
    const followup = await fake.waitForFollowup(r.token, 5000);
    expect((followup.embeds as Embed[])[0]!.title).toContain('air defence');
    expect(followup.flags ?? 0).toBe(0);
    // The ephemeral "thinking…" was removed first, so the answer is a public message of its own.
    expect(fake.requests.some((q) => q.method === 'DELETE' && q.route.endsWith(`/${r.token}/messages/@original`))).toBe(true);
    expect(fake.originalMessage(r.token)).toBeUndefined();
  });

  it('edits the deferral into a private answer', async () => {
    const slow = hold();
    const payload = ask('north korean soldiers fighting in ukraine', { private: true });
    const posted = fake.postInteraction(endpoint, payload);
    await slow.entered;
    deadlines.get(payload.id)!();
    const r = await posted;
    expect((r.body as Answer).type).toBe(5);
    slow.release();
    const edit = await fake.waitForEdit(r.token, 5000);
    expect((edit.embeds as Embed[])[0]!.title).toContain('10,000');
    expect((fake.originalMessage(r.token)!.flags ?? 0) & 64).toBe(64);
    expect(fake.followupsFor(r.token)).toEqual([]);
  });
});
