// The discord.js client settings every face that uses a client shares: no pings, small caches, and the REST base
// URL from the configuration (a proxy, or the tests' fake Discord).
import { GatewayIntentBits, Options, type ClientOptions } from 'discord.js';
import type { Env } from '../config/env.js';

export function clientOptions(env: Pick<Env, 'DISCORD_API_URL'>, intents: GatewayIntentBits[] = [GatewayIntentBits.Guilds]): ClientOptions {
  return {
    intents,
    allowedMentions: { parse: [] },
    // discord.js keeps every user and member who ever interacted, forever; the bot reads them from each
    // interaction and never from the cache, so it keeps only a few (and always itself, once logged in: an HTTP worker
    // never logs in).
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      UserManager: { maxSize: 200, keepOverLimit: (user) => user.id === user.client.user?.id },
      GuildMemberManager: { maxSize: 200, keepOverLimit: (member) => member.id === member.client.user?.id },
    }),
    ...(env.DISCORD_API_URL ? { rest: { api: env.DISCORD_API_URL.replace(/\/$/, '') } } : {}),
  };
}
