import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { WebSocket } from 'ws';
import {
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  HTTPError,
  MessageFlags,
  Routes,
  type ClientOptions,
  type Interaction,
} from 'discord.js';
import { startFakeDiscord, ADMIN_PERMISSIONS, DEFAULT_GUILD_ID, type FakeDiscord, type FakeDiscordOptions } from './support/fakeDiscord.js';

let fake: FakeDiscord | undefined;
let clients: Client[] = [];

async function setup(fakeOpts?: FakeDiscordOptions, rest?: ClientOptions['rest']): Promise<{ fake: FakeDiscord; client: Client }> {
  fake = await startFakeDiscord(fakeOpts);
  const client = await loginClient(fake, rest);
  return { fake, client };
}

async function loginClient(f: FakeDiscord, rest?: ClientOptions['rest']): Promise<Client> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: f.apiUrl, ...rest } });
  clients.push(client);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(f.botToken);
  await ready;
  return client;
}

/** Resolves with whatever the handler returns / rejects with for the next interaction. */
function handleNext<T>(client: Client, handler: (i: Interaction) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    client.once(Events.InteractionCreate, (interaction) => {
      handler(interaction).then(resolve, reject);
    });
  });
}

beforeEach(() => {
  clients = [];
});

afterEach(async () => {
  for (const client of clients) await client.destroy();
  clients = [];
  await fake?.stop();
  fake = undefined;
});

describe('fakeDiscord', () => {
  it('lets a real discord.js Client log in quickly', async () => {
    const started = Date.now();
    const { fake, client } = await setup();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(2000);

    expect(client.isReady()).toBe(true);
    expect(client.user?.id).toBe(fake.appId);
    expect(client.user?.username).toBe('factcheck');
    expect(client.application?.id).toBe(fake.appId);

    const gatewayBot = fake.requests.find((r) => r.route === '/gateway/bot');
    expect(gatewayBot).toMatchObject({ method: 'GET', path: '/api/v10/gateway/bot', status: 200 });
    expect(gatewayBot?.headers.authorization).toBe(`Bot ${fake.botToken}`);

    const identify = fake.gatewayLog.find((f) => f.direction === 'in' && f.op === 2);
    expect(identify?.d).toMatchObject({ token: fake.botToken, intents: GatewayIntentBits.Guilds, shard: [0, 1] });
    expect(fake.stats).toMatchObject({ connections: 1, identifies: 1, resumes: 0 });
  });

  it('records the reply to a chat input command', async () => {
    const { fake, client } = await setup();
    const seen = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('expected a chat input command');
      await interaction.reply({ content: 'pong', allowedMentions: { parse: [] } });
      return {
        name: interaction.commandName,
        question: interaction.options.getString('question'),
        count: interaction.options.getInteger('count'),
        inGuild: interaction.inGuild(),
        guildId: interaction.guildId,
        isAdmin: interaction.memberPermissions?.has('Administrator'),
        replied: interaction.replied,
      };
    });

    const { id, token } = fake.sendInteraction(
      fake.chatInput({ name: 'ping', options: { question: 'is it?', count: 3 }, permissions: ADMIN_PERMISSIONS }),
    );
    const callback = await fake.waitForCallback(id);
    expect(callback).toMatchObject({ type: 4, data: { content: 'pong', allowed_mentions: { parse: [] } } });
    expect(fake.callbacksFor(id)).toHaveLength(1);

    await expect(seen).resolves.toEqual({
      name: 'ping',
      question: 'is it?',
      count: 3,
      inGuild: true,
      guildId: DEFAULT_GUILD_ID,
      isAdmin: true,
      replied: true,
    });

    const request = fake.requests.find((r) => r.route.endsWith('/callback'));
    expect(request?.path).toBe(`/api/v10/interactions/${id}/${token}/callback`);
    expect(request?.query).toEqual({ with_response: 'false' });
    expect(request?.status).toBe(204);
    expect(request?.headers.authorization).toBeUndefined();
    expect(fake.originalMessage(token)?.content).toBe('pong');
  });

  it('routes deferReply + editReply to the @original webhook PATCH', async () => {
    const { fake, client } = await setup();
    const done = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('unexpected');
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const message = await interaction.editReply({ content: 'done', allowedMentions: { parse: [] } });
      return message.content;
    });

    const { id, token } = fake.sendInteraction(fake.chatInput({ name: 'slow' }));
    expect(await fake.waitForCallback(id)).toEqual({ type: 5, data: { flags: MessageFlags.Ephemeral } });
    expect(await fake.waitForEdit(token)).toMatchObject({ content: 'done', allowed_mentions: { parse: [] } });
    await expect(done).resolves.toBe('done');

    const patch = fake.requests.find((r) => r.method === 'PATCH');
    expect(patch?.route).toBe(`/webhooks/${fake.appId}/${token}/messages/@original`);
    expect(patch?.status).toBe(200);
    const original = fake.originalMessage(token);
    expect(original?.content).toBe('done');
    expect((original?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect((original?.flags ?? 0) & MessageFlags.Loading).toBe(0);
  });

  it('makes reply reject on an injected 500 (rest retries: 0) without crashing the client', async () => {
    const { fake, client } = await setup(undefined, { retries: 0 });
    fake.failNext(1, 500, undefined, '/callback');

    const failed = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('unexpected');
      try {
        await interaction.reply({ content: 'pong' });
        return { error: null, replied: interaction.replied };
      } catch (error) {
        return { error, replied: interaction.replied };
      }
    });
    const first = fake.sendInteraction(fake.chatInput({ name: 'ping' }));
    const outcome = await failed;
    expect(outcome.error).toBeInstanceOf(HTTPError);
    expect((outcome.error as HTTPError).status).toBe(500);
    expect(outcome.replied).toBe(false);
    expect(fake.callbacksFor(first.id)).toEqual([]);
    expect(fake.requests.filter((r) => r.route.endsWith('/callback'))).toMatchObject([{ status: 500, injected: true }]);

    // The client is still alive and the next interaction works.
    const ok = handleNext(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply({ content: 'second' });
    });
    const second = fake.sendInteraction(fake.chatInput({ name: 'ping' }));
    expect(await fake.waitForCallback(second.id)).toMatchObject({ type: 4, data: { content: 'second' } });
    await ok;
  });

  it('is transparently retried by discord.js with default retries (5xx) and after a 429', async () => {
    const { fake, client } = await setup();
    fake.failNext(1, 500, undefined, '/callback');
    const retried = handleNext(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply({ content: 'after retry' });
    });
    const a = fake.sendInteraction(fake.chatInput({ name: 'ping' }));
    await retried;
    expect(fake.requests.filter((r) => r.route.includes(a.id)).map((r) => r.status)).toEqual([500, 204]);
    expect(fake.callbacksFor(a.id)).toHaveLength(1);

    fake.failNext(1, 429, { message: 'You are being rate limited.', retry_after: 0.1, global: false }, (r) => r.route.endsWith('/callback'));
    const limited = handleNext(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply({ content: 'after 429' });
    });
    const b = fake.sendInteraction(fake.chatInput({ name: 'ping' }));
    await limited;
    const attempts = fake.requests.filter((r) => r.route.includes(b.id));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(90);
  });

  it('rejects with DiscordAPIError on a 4xx such as Unknown interaction', async () => {
    const { fake, client } = await setup();
    fake.failNext(1, 404, { message: 'Unknown interaction', code: 10062 });
    const result = handleNext(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('unexpected');
      return interaction.reply({ content: 'late' }).then(
        () => null,
        (error: unknown) => error,
      );
    });
    fake.sendInteraction(fake.chatInput({ name: 'ping' }));
    const error = await result;
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(10062);
  });

  it('resumes after a resumable gateway close and keeps working', async () => {
    const { fake, client } = await setup();
    const resumed = new Promise<void>((resolve) => client.once(Events.ShardResume, () => resolve()));

    await fake.closeGateway(4000);
    // Dispatched while disconnected: buffered by the session and replayed on RESUME.
    const handled = handleNext(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply({ content: 'still here' });
    });
    const { id } = fake.sendInteraction(fake.chatInput({ name: 'ping' }));

    const resume = await fake.waitForGateway((f) => f.direction === 'in' && f.op === 6, 3000);
    const ready = fake.gatewayLog.find((f) => f.t === 'READY');
    expect(resume.d).toMatchObject({ token: fake.botToken, session_id: (ready?.d as { session_id: string }).session_id, seq: 1 });
    await resumed;
    expect(await fake.waitForCallback(id)).toMatchObject({ type: 4, data: { content: 'still here' } });
    await handled;
    expect(fake.stats).toMatchObject({ connections: 2, identifies: 1, resumes: 1 });
    expect(fake.gatewayLog.some((f) => f.direction === 'out' && f.t === 'RESUMED')).toBe(true);

    // And a fresh interaction after the resume works too.
    const again = handleNext(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply({ content: 'again' });
    });
    const second = fake.sendInteraction(fake.chatInput({ name: 'ping' }));
    expect(await fake.waitForCallback(second.id)).toMatchObject({ data: { content: 'again' } });
    await again;
  });

  it('supports autocomplete, modal submit, button and followups', async () => {
    const { fake, client } = await setup();

    const ac = handleNext(client, async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
      const focused = interaction.options.getFocused(true);
      await interaction.respond([{ name: `${focused.value}!`, value: 'x' }]);
      return focused;
    });
    const a = fake.sendInteraction(fake.autocomplete({ name: 'ask', options: { topic: 'sci', question: 'wat' }, focused: 'question' }));
    expect(await fake.waitForCallback(a.id)).toEqual({ type: 8, data: { choices: [{ name: 'wat!', value: 'x' }] } });
    expect(await ac).toMatchObject({ name: 'question', value: 'wat' });

    const modal = handleNext(client, async (interaction) => {
      if (!interaction.isModalSubmit()) throw new Error('expected modal');
      await interaction.reply({ content: interaction.fields.getTextInputValue('claim') });
      return interaction.customId;
    });
    const m = fake.sendInteraction(fake.modalSubmit({ customId: 'report', components: { claim: 'the sky is green' } }));
    expect(await fake.waitForCallback(m.id)).toMatchObject({ type: 4, data: { content: 'the sky is green' } });
    expect(await modal).toBe('report');

    const btn = handleNext(client, async (interaction) => {
      if (!interaction.isButton()) throw new Error('expected button');
      await interaction.update({ content: 'updated', components: [] });
      await interaction.followUp({ content: 'and a followup' });
      return interaction.message.id;
    });
    const payload = fake.button({ customId: 'more:1' });
    const b = fake.sendInteraction(payload);
    expect(await fake.waitForCallback(b.id)).toMatchObject({ type: 7, data: { content: 'updated', components: [] } });
    expect(await fake.waitForFollowup(b.token)).toMatchObject({ content: 'and a followup' });
    expect(await btn).toBe(payload.message.id);
    expect(fake.originalMessage(b.token)).toMatchObject({ id: payload.message.id, content: 'updated' });
  });

  it('answers with_response callbacks, command registration and unknown routes', async () => {
    const { fake, client } = await setup();

    const withResponse = handleNext(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('unexpected');
      const response = await interaction.reply({ content: 'hi', withResponse: true });
      return response.resource?.message?.content;
    });
    const w = fake.sendInteraction(fake.chatInput({ name: 'ping' }));
    await expect(withResponse).resolves.toBe('hi');
    expect(fake.requests.find((r) => r.route.includes(w.id))).toMatchObject({ query: { with_response: 'true' }, status: 200 });

    const set = await client.application!.commands.set([{ name: 'ask', description: 'Ask a question' }]);
    expect([...set.values()].map((c) => c.name)).toEqual(['ask']);
    const guildBody = [{ name: 'claims', description: 'Manage claims' }];
    const guildCommands = (await client.rest.put(Routes.applicationGuildCommands(fake.appId, DEFAULT_GUILD_ID), {
      body: guildBody,
    })) as Array<{ id: string; name: string; guild_id: string; application_id: string }>;
    expect(guildCommands).toMatchObject([{ name: 'claims', guild_id: DEFAULT_GUILD_ID, application_id: fake.appId }]);
    expect(guildCommands[0]!.id).toMatch(/^\d{17,20}$/);
    expect(fake.commands.get(DEFAULT_GUILD_ID)).toHaveLength(1);

    const error = await client.rest.get('/channels/123/pins').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(404);
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', route: '/channels/123/pins', status: 404 });
  });

  it('records multipart bodies (files) with payload_json parsed', async () => {
    const { fake, client } = await setup();
    const done = handleNext(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('unexpected');
      await interaction.reply({ content: 'see file', files: [{ attachment: Buffer.from('hello'), name: 'a.txt' }] });
    });
    const { id, token } = fake.sendInteraction(fake.chatInput({ name: 'export' }));
    await done;
    const req = fake.requests.find((r) => r.route.includes(id));
    expect(req?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(req?.body).toMatchObject({ type: 4, data: { content: 'see file', attachments: [{ id: '0' }] } });
    expect(req?.files).toHaveLength(1);
    expect(req?.files[0]).toMatchObject({ filename: 'a.txt', size: 5 });
    expect(req?.files[0]?.data.toString()).toBe('hello');
    expect(fake.originalMessage(token)?.attachments).toMatchObject([{ filename: 'a.txt', size: 5 }]);
  });

  it('enforces interaction rules: DM payloads, double acknowledgement, callback deadline', async () => {
    const { fake, client } = await setup({ callbackDeadlineMs: 50 });

    const dm = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('unexpected');
      await interaction.reply({ content: 'dm' });
      const second = await interaction.client.rest
        .post(Routes.interactionCallback(interaction.id, interaction.token), { body: { type: 4, data: { content: 'again' } }, auth: false })
        .catch((e: unknown) => e);
      return { inGuild: interaction.inGuild(), userId: interaction.user.id, second };
    });
    const d = fake.sendInteraction(fake.chatInput({ name: 'ping', guildId: null, userId: '1100000000000000999' }));
    const result = await dm;
    expect(result).toMatchObject({ inGuild: false, userId: '1100000000000000999' });
    expect((result.second as DiscordAPIError).code).toBe(40060);
    expect(fake.callbacksFor(d.id)).toHaveLength(1);

    fake.setDelay(100);
    const late = handleNext(client, async (interaction) => {
      if (!interaction.isRepliable()) throw new Error('unexpected');
      return interaction.reply({ content: 'too late' }).then(
        () => null,
        (e: unknown) => e,
      );
    });
    fake.sendInteraction(fake.chatInput({ name: 'ping' }));
    expect(((await late) as DiscordAPIError).code).toBe(10062);
  });

  it('can put the bot in a cached guild via GUILD_CREATE', async () => {
    const { fake, client } = await setup({ guilds: [{ id: DEFAULT_GUILD_ID, name: 'Facts' }] });
    expect(client.guilds.cache.get(DEFAULT_GUILD_ID)?.name).toBe('Facts');
    const cached = handleNext(client, async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error('unexpected');
      await interaction.reply({ content: 'ok' });
      return { cached: interaction.inCachedGuild(), channel: interaction.channel?.id };
    });
    fake.sendInteraction(fake.chatInput({ name: 'ping' }));
    expect(await cached).toEqual({ cached: true, channel: expect.any(String) as unknown });
  });

  it('speaks zlib-stream when asked to (raw websocket client)', async () => {
    fake = await startFakeDiscord();
    const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const inflate = zlib.createInflate();
    const messages: Array<{ op: number; t: string | null }> = [];
    let buffered = '';
    inflate.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      try {
        messages.push(JSON.parse(buffered) as { op: number; t: string | null });
        buffered = '';
      } catch {
        /* partial */
      }
    });
    ws.on('message', (data: Buffer) => {
      inflate.write(data);
      inflate.flush(zlib.constants.Z_SYNC_FLUSH);
    });
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.send(JSON.stringify({ op: 2, d: { token: fake.botToken, intents: 1, properties: {}, shard: [0, 1] } }));
    const until = Date.now() + 2000;
    while (!messages.some((m) => m.t === 'READY') && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(messages.map((m) => m.op)).toEqual([10, 0]);
    ws.close();
    inflate.close();
  });
});
