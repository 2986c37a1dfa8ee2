// The Discord face: logs in with the Guilds intent only (no privileged intents), routes interactions, and shuts
// down cleanly — stop taking interactions, finish the ones in flight, destroy the client.
import { Client, Events, GatewayIntentBits, Options } from 'discord.js';
import { registry as commands } from '../commands/index.js';
import type { Registry } from '../commands/shared/registry.js';
import { checkInteractionPermissions } from '../commands/shared/permissions.js';
import { routeInteraction } from '../commands/shared/router.js';
import type { BotContext } from '../commands/shared/types.js';
import { redactSecrets } from '../log.js';

export interface RunningBot {
  client: Client;
  /** Stops taking interactions, waits for those in flight, and destroys the client. */
  stop(): Promise<void>;
}

/** Logs in and answers interactions with the commands of `registry` (the bot's own, unless a test adds one). */
export async function startBot(ctx: BotContext, token: string, registry: Registry = commands): Promise<RunningBot> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // discord.js keeps every user and member who ever interacted, forever; the bot reads them from each
    // interaction and never from the cache, so it keeps only a few (and always itself).
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: { maxSize: 200, keepOverLimit: (user) => user.id === user.client.user.id },
      GuildMemberManager: { maxSize: 200, keepOverLimit: (member) => member.id === member.client.user.id },
    }),
    ...(ctx.env.DISCORD_API_URL ? { rest: { api: ctx.env.DISCORD_API_URL.replace(/\/$/, '') } } : {}),
  });
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  client.once(Events.ClientReady, (ready) => {
    ctx.log.info({ user: ready.user.tag, servers: ready.guilds.cache.size }, `ready as ${ready.user.tag} in ${ready.guilds.cache.size} server(s)`);
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

  return {
    client,
    async stop() {
      accepting = false;
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
  };
}
