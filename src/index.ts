// Entry point (`npm start`). With DISCORD_TOKEN it runs the Discord bot; without one it starts the offline
// console over the same commands and database. A bad configuration stops it with one line, never a stack trace.
import { startBot, type RunningBot } from './discord/bot.js';
import { ConfigError, loadEnv } from './config/env.js';
import { Cooldowns } from './commands/cooldowns.js';
import { runOfflineConsole } from './console/offlineConsole.js';
import { KnowledgeBase } from './knowledge/knowledgeBase.js';
import { ValidationError } from './knowledge/errors.js';
import { describeOpenError } from './knowledge/store/openErrors.js';
import { createLogger, redactSecrets, registerSecret } from './log.js';

async function main(): Promise<void> {
  const env = loadEnv();
  registerSecret(env.DISCORD_TOKEN);
  const log = createLogger(env.DISCORD_TOKEN ? env.LOG_LEVEL : 'warn');
  const kb = openKnowledgeBase(env.DATABASE_PATH);
  const ctx = { kb, env, log, cooldowns: Cooldowns.fromEnv(env) };

  if (!env.DISCORD_TOKEN) {
    process.stderr.write(`No DISCORD_TOKEN set: offline console over ${env.DATABASE_PATH} (${kb.visible(null).length} claims). Type a question.\n`);
    await runOfflineConsole(ctx);
    kb.close();
    return;
  }

  let bot: RunningBot | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing interactions in flight');
    await bot?.stop();
    kb.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('unhandledRejection', (reason) => {
    log.error({ err: { message: redactSecrets(reason instanceof Error ? reason.message : String(reason)) } }, 'unhandled rejection (kept running)');
  });
  bot = await startBot(ctx, env.DISCORD_TOKEN);
}

function openKnowledgeBase(path: string): KnowledgeBase {
  try {
    return KnowledgeBase.open({ databasePath: path });
  } catch (error) {
    if (error instanceof ValidationError) throw new Error(`The curated claim file is invalid: ${error.issues[0]}`);
    throw new Error(describeOpenError(path, error));
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `factcheck-bot could not start: ${(error as Error).message}`;
  process.stderr.write(`${redactSecrets(message)}\n`);
  process.exit(1);
});
