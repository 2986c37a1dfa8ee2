// The Discord face: logs in with the Guilds intent only (no privileged intents), routes interactions, and shuts
// down cleanly — stop taking interactions, finish the ones in flight, destroy the client.
import { Client, Events } from 'discord.js';
import { registry as commands } from '../commands/index.js';
import { Notifier } from '../commands/notices.js';
import type { Registry } from '../commands/shared/registry.js';
import { checkInteractionPermissions } from '../commands/shared/permissions.js';
import { routeInteraction } from '../commands/shared/router.js';
import type { AppContext, BotContext } from '../commands/shared/types.js';
import { redactSecrets } from '../log.js';
import { clientOptions } from './clientOptions.js';
import { discordOutbox } from './outbox.js';

export interface RunningBot {
  client: Client;
  /** The notices it sends members ("Notify me"); `settled()` resolves when none is being sent. */
  notices: Notifier;
  /** Stops taking interactions, waits for those in flight and the notices being sent, and destroys the client. */
  stop(): Promise<void>;
}

/**
 * Logs in and answers interactions with the commands of `registry` (the bot's own, unless a test adds one); then
 * sends the notices a previous run left due.
 */
export async function startBot(app: AppContext, token: string, registry: Registry = commands): Promise<RunningBot> {
  const client = new Client(clientOptions(app.env));
  const notices = new Notifier(app.kb, discordOutbox(client.rest, app.log), app.log);
  const ctx: BotContext = { ...app, notices };
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  client.once(Events.ClientReady, (ready) => {
    // Spawned by the sharded launcher, this process is some of the shards and has only their servers.
    const shards = ready.shard ? { shards: ready.shard.ids, shardCount: ready.shard.count } : {};
    const of = ready.shard ? ` (shard ${ready.shard.ids.join(', ')} of ${ready.shard.count})` : '';
    ctx.log.info(
      { user: ready.user.tag, servers: ready.guilds.cache.size, ...shards },
      `ready as ${ready.user.tag} in ${ready.guilds.cache.size} server(s)${of}`,
    );
  });
  // Before discord.js reads an interaction (in the same call): permission sets that are not sets are read as none,
  // and the router refuses the interaction with a reply, instead of discord.js misreading or dropping it.
  client.on(Events.Raw, (packet: { t?: unknown; d?: unknown }) => {
    if (packet.t === 'INTERACTION_CREATE' && !checkInteractionPermissions(packet.d)) {
      ctx.log.warn({ interactionId: (packet.d as { id?: unknown } | null)?.id }, 'interaction with unreadable permissions: refused');
    }
  });
  client.on(Events.InteractionCreate, (interaction) => {
    if (!accepting) return;
    const work = routeInteraction(interaction, ctx, registry).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on(Events.Error, (error) => ctx.log.error({ err: { message: redactSecrets(error.message) } }, 'discord client error'));
  client.on(Events.Warn, (message) => ctx.log.warn(redactSecrets(message)));
  client.on(Events.ShardDisconnect, (event, shard) => ctx.log.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardResume, (shard) => ctx.log.info({ shard }, 'gateway resumed'));

  try {
    await client.login(token);
  } catch (error) {
    await client.destroy();
    throw new Error(`Discord login failed: ${redactSecrets((error as Error).message)}`);
  }
  await notices.resume();

  return {
    client,
    notices,
    async stop() {
      accepting = false;
      await Promise.allSettled([...inFlight]);
      await notices.settled();
      await client.destroy();
    },
  };
}
