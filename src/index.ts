// Entry point (`npm start`). With DISCORD_TOKEN it runs the Discord bot; without one it starts the offline
// console over the same commands and database. With INTERACTIONS_MODE=http (`npm run start:http`) it is an HTTP
// interactions worker instead. A bad configuration stops it with one line, never a stack trace.
import { Cooldowns } from './commands/shared/cooldowns.js';
import { ConfigError, loadEnv } from './config/env.js';
import { inLanguage } from './commands/shared/i18n.js';
import { parseConsoleArgs } from './console/consoleArgs.js';
import { runOfflineConsole } from './console/offlineConsole.js';
import { describeOpenError, KnowledgeBase, ValidationError } from './knowledge/index.js';
import { createLogger, redactSecrets, registerSecret } from './log.js';

async function main(): Promise<void> {
  const env = loadEnv();
  registerSecret(env.DISCORD_TOKEN);
  const http = env.INTERACTIONS_MODE === 'http';
  const log = createLogger(env.DISCORD_TOKEN || http ? env.LOG_LEVEL : 'warn');
  const kb = await openKnowledgeBase(env, (error) =>
    log.error(
      { err: { message: redactSecrets(error instanceof Error ? error.message : String(error)) } },
      'question log: cannot write (questions are answered all the same, and written when the database lets them)',
    ),
  );

  if (!env.DISCORD_TOKEN && !http) {
    const claims = (await kb.scope(null).summary()).total;
    const where = env.DATABASE_URL ? 'the PostgreSQL store (DATABASE_URL)' : env.DATABASE_PATH;
    process.stderr.write(`No DISCORD_TOKEN set: offline console over ${where} (${claims} claims). Type a question.\n`);
    const { lang } = parseConsoleArgs(process.argv.slice(2));
    // One person at a terminal: the per-member rate limits that protect a channel do not apply.
    await inLanguage(lang, () => runOfflineConsole({ kb, env, log, cooldowns: Cooldowns.off() }));
    await kb.close();
    return;
  }
  const ctx = { kb, env, log, cooldowns: Cooldowns.fromEnv(env, kb) };

  let bot: { stop(): Promise<void> } | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing interactions in flight');
    await bot?.stop();
    await kb.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('unhandledRejection', (reason) => {
    log.error({ err: { message: redactSecrets(reason instanceof Error ? reason.message : String(reason)) } }, 'unhandled rejection (kept running)');
  });
  // discord.js loads only here: the offline console starts without it.
  if (http) {
    const { startHttpWorker } = await import('./http/interactionsServer.js');
    const worker = await startHttpWorker(ctx, { host: env.HOST, port: env.PORT, publicKey: env.DISCORD_PUBLIC_KEY! });
    bot = worker;
    log.info({ url: `${worker.url}/interactions` }, `answering interactions at ${worker.url}/interactions`);
    return;
  }
  if (!env.DISCORD_TOKEN) return; // (never: without a token and outside HTTP mode, the console ran above)
  // One process is one shard, unless the sharded launcher (src/sharded.ts) started it: then discord.js reads which
  // shards it is from SHARDS and SHARD_COUNT, which the launcher sets. SHARD_COUNT=auto is for the launcher only.
  if (!process.env.SHARDING_MANAGER) delete process.env.SHARD_COUNT;
  const { startBot } = await import('./discord/bot.js');
  bot = await startBot(ctx, env.DISCORD_TOKEN);
}

async function openKnowledgeBase(
  env: { DATABASE_PATH: string; DATABASE_URL?: string | undefined },
  onLogWriteError: (error: unknown) => void,
): Promise<KnowledgeBase> {
  try {
    return await KnowledgeBase.open({ databasePath: env.DATABASE_PATH, databaseUrl: env.DATABASE_URL, onLogWriteError });
  } catch (error) {
    if (error instanceof ValidationError) throw new Error(`The curated claim file is invalid: ${error.issues[0]}`);
    throw new Error(describeOpenError(env.DATABASE_PATH, error, env.DATABASE_URL));
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `factcheck-bot could not start: ${(error as Error).message}`;
  process.stderr.write(`${redactSecrets(message)}\n`);
  process.exit(1);
});
