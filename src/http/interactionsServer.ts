// The HTTP face: Discord calls POST /interactions on this server instead of sending interactions over a gateway
// connection. Each request is checked against the application's Ed25519 key before anything reads it (a bad or
// missing signature gets 401 and no work), a PING is answered, and every other interaction goes through the same
// discord.js interaction classes, router and commands as on the gateway. The answer a handler gives before the
// deadline is the HTTP response; after it, the response is a deferral and the answer follows over REST.
//
// A worker keeps nothing between requests that another worker would need: any worker behind the load balancer can
// take any interaction (see docs/scaling.md for what still lives in one process's memory).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Events } from 'discord.js';
import { InteractionType } from 'discord-api-types/v10';
import { z } from 'zod';
import { registry as commands } from '../commands/index.js';
import type { Registry } from '../commands/shared/registry.js';
import { checkInteractionPermissions } from '../commands/shared/permissions.js';
import { routeInteraction } from '../commands/shared/router.js';
import { Notifier } from '../commands/notices.js';
import type { AppContext, BotContext } from '../commands/shared/types.js';
import { discordOutbox } from '../discord/outbox.js';
import { clientOptions } from '../discord/clientOptions.js';
import { redactSecrets } from '../log.js';
import { InitialResponse } from './initialResponse.js';
import { InteractionRest } from './interactionRest.js';
import { isSignedByDiscord, publicKeyFromHex } from './signature.js';

/** Discord fails an interaction not answered within 3 s; the deferral goes out before that, network included. */
export const DEFER_AFTER_MS = 2_000;
/** Interactions are a few kilobytes; anything far larger is not one. */
export const MAX_BODY_BYTES = 1024 * 1024;

const Snowflake = z.string().regex(/^\d{1,25}$/, 'must be a Discord id');
/** What this face reads of an interaction before handing it to discord.js (whose classes read the rest). */
const InteractionEnvelope = z
  .object({
    id: Snowflake,
    application_id: Snowflake,
    // A type this version does not know is still answered ("not something I can answer"), not refused.
    type: z
      .number()
      .int()
      .min(1)
      .transform((type) => type as InteractionType),
    token: z.string().min(1).max(1000).optional(),
  })
  .loose()
  .refine((i) => i.type === InteractionType.Ping || i.token !== undefined, { message: 'is required', path: ['token'] });

export interface HttpWorkerOptions {
  host: string;
  /** 0: any free port (tests). */
  port: number;
  /** The application's public key, hex. */
  publicKey: string;
  /** Settles when the answer to an interaction is due (default: DEFER_AFTER_MS after it arrived); tests decide it. */
  deadline?: (interactionId: string, signal: AbortSignal) => Promise<void>;
  /** The commands it answers (default: the bot's own). */
  registry?: Registry;
}

export interface RunningHttpWorker {
  /** `http://host:port` */
  url: string;
  port: number;
  /** Stops taking requests, finishes the interactions in flight, and closes the server. */
  stop(): Promise<void>;
}

type InteractionActions = { actions: { InteractionCreate: { handle(data: unknown): void } } };

const defaultDeadline = (_id: string, signal: AbortSignal) => sleep(DEFER_AFTER_MS, undefined, { signal });

export async function startHttpWorker(app: AppContext, options: HttpWorkerOptions): Promise<RunningHttpWorker> {
  const registry = options.registry ?? commands;
  const deadline = options.deadline ?? defaultDeadline;
  const key = publicKeyFromHex(options.publicKey);
  /** Interactions whose first answer is not yet decided or delivered, by id: this request's own, nothing shared. */
  const open = new Map<string, InitialResponse>();
  const routing = new Map<string, Promise<void>>();
  const inFlight = new Set<Promise<void>>();

  // A client that never logs in: it gives handlers discord.js's interaction classes, and its REST client turns
  // their callbacks into HTTP responses. Follow-ups use the interaction's token, so no bot token is needed.
  const client = new Client(clientOptions(app.env, []));
  const rest = new InteractionRest(client.options.rest ?? {}, open);
  if (app.env.DISCORD_TOKEN) rest.setToken(app.env.DISCORD_TOKEN);
  client.rest = rest;
  // Notices (an answer that came after a member's question) go out over REST with the bot token, as from the gateway.
  const ctx: BotContext = { ...app, notices: new Notifier(app.kb, discordOutbox(rest, app.log), app.log) };
  client.on(Events.InteractionCreate, (interaction) => {
    if (open.has(interaction.id)) routing.set(interaction.id, routeInteraction(interaction, ctx, registry));
  });

  async function answer(payload: Record<string, unknown>, envelope: z.output<typeof InteractionEnvelope>, res: http.ServerResponse): Promise<void> {
    const initial = new InitialResponse({ type: envelope.type, applicationId: envelope.application_id, token: envelope.token! });
    open.set(envelope.id, initial);
    const abort = new AbortController();
    try {
      // Before discord.js reads it, as on the gateway: permission sets that are not sets are read as none, and the
      // router refuses the interaction with a reply, instead of discord.js misreading or dropping it.
      if (!checkInteractionPermissions(payload)) app.log.warn({ interactionId: envelope.id }, 'interaction with unreadable permissions: refused');
      // discord.js's own INTERACTION_CREATE handling, as on the gateway: the right class for the payload, emitted.
      (client as unknown as InteractionActions).actions.InteractionCreate.handle(payload);
      const routed = routing.get(envelope.id) ?? Promise.resolve();
      routing.delete(envelope.id);
      deadline(envelope.id, abort.signal).then(
        () => initial.expire(),
        () => undefined,
      );
      // Routing that ends without an answer decides the response too (finish()), so the body always comes.
      const settled = routed.then(() => initial.finish());
      respond(res, 200, await Promise.race([initial.body, settled.then(() => initial.body)]), initial);
      const calls = await settled;
      if (calls.length) {
        await initial.sent;
        await rest.send(calls);
      }
    } catch (error) {
      ctx.log.error({ interactionId: envelope.id, err: { message: redactSecrets((error as Error).message) } }, 'http interaction failed');
      if (!res.headersSent) respond(res, 500, { error: 'internal error' });
    } finally {
      abort.abort();
      open.delete(envelope.id);
    }
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://worker').pathname;
    if (path === '/healthz' && req.method === 'GET') return respond(res, 200, { status: 'ok' });
    if (path !== '/interactions') return respond(res, 404, { error: 'not found' });
    if (req.method !== 'POST') return respond(res, 405, { error: 'method not allowed' }, undefined, { allow: 'POST' });
    const body = await readBody(req);
    if (body === null) return respond(res, 413, { error: 'request body too large' }, undefined, { connection: 'close' });
    const signature = req.headers['x-signature-ed25519'];
    const timestamp = req.headers['x-signature-timestamp'];
    if (!isSignedByDiscord(key, typeof signature === 'string' ? signature : undefined, typeof timestamp === 'string' ? timestamp : undefined, body)) {
      ctx.log.debug('refused a request with a bad or missing signature');
      return respond(res, 401, { error: 'invalid request signature' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      return respond(res, 400, { error: 'body is not JSON' });
    }
    const envelope = InteractionEnvelope.safeParse(payload);
    if (!envelope.success) {
      const issue = envelope.error.issues[0]!;
      return respond(res, 400, { error: `${issue.path.join('.') || 'body'}: ${issue.message}` });
    }
    if (envelope.data.type === InteractionType.Ping) return respond(res, 200, { type: 1 });
    // The same interaction twice at once is a replay, not Discord.
    if (open.has(envelope.data.id)) return respond(res, 409, { error: 'interaction already in progress' });
    const work = answer(payload as Record<string, unknown>, envelope.data, res).finally(() => inFlight.delete(work));
    inFlight.add(work);
    await work;
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      ctx.log.error({ err: { message: redactSecrets((error as Error).message) } }, 'http request failed');
      if (!res.headersSent) respond(res, 500, { error: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;

  return {
    url,
    port,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.allSettled([...inFlight]);
      await closed;
      await client.destroy();
    },
  };
}

function respond(res: http.ServerResponse, status: number, body: unknown, initial?: InitialResponse, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  if (initial) {
    res.once('finish', () => initial.delivered());
    res.once('close', () => {
      if (!res.writableFinished) initial.lost();
    });
  }
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** The whole body, or null when it is larger than an interaction can be. */
async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
