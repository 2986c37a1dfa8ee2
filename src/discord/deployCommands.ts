// `npm run deploy-commands`: registers the commands through DISCORD_API_URL (Discord's by default), to
// DISCORD_GUILD_ID when set (instant, for development), else globally; then prints the two install links. Separate
// from starting the bot.
import { REST, Routes } from 'discord.js';
import { commandDefinitions } from '../commands/index.js';
import { ConfigError, loadEnv } from '../config/env.js';
import { redactSecrets, registerSecret } from '../log.js';
import { installLinks } from './installLinks.js';

async function deploy(): Promise<void> {
  const env = loadEnv();
  if (!env.DISCORD_TOKEN || !env.DISCORD_CLIENT_ID)
    throw new ConfigError('Configuration error: DISCORD_TOKEN and DISCORD_CLIENT_ID are required to deploy commands');
  registerSecret(env.DISCORD_TOKEN);
  const rest = new REST(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL.replace(/\/$/, '') } : {}).setToken(env.DISCORD_TOKEN);
  const body = commandDefinitions();
  const route = env.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(env.DISCORD_CLIENT_ID, env.DISCORD_GUILD_ID)
    : Routes.applicationCommands(env.DISCORD_CLIENT_ID);
  const registered = (await rest.put(route, { body })) as Array<{ name: string }>;
  const where = env.DISCORD_GUILD_ID ? `server ${env.DISCORD_GUILD_ID}` : 'all servers (global; may take up to an hour to appear)';
  process.stdout.write(`Registered ${registered.length} commands in ${where}: ${registered.map((c) => c.name).join(', ')}\n`);
  const links = installLinks(env.DISCORD_CLIENT_ID);
  process.stdout.write(`Add it to a server: ${links.server}\nInstall it for yourself (any server, DMs): ${links.user}\n`);
}

deploy().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `Deploy failed: ${(error as Error).message}`;
  process.stderr.write(`${redactSecrets(message)}\n`);
  process.exit(1);
});
