// `npm run start:sharded`: the gateway bot in several processes, one per shard, with discord.js's ShardingManager.
// SHARD_COUNT=auto asks Discord how many shards the bot needs (GET /gateway/bot, through DISCORD_API_URL when set),
// or is a number. Each shard process is `npm start` with its shard id: it connects for its servers only, and all
// of them share the one database. A shard that dies is started again; SIGINT/SIGTERM stop every shard cleanly.
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import { z } from 'zod';
import { ConfigError, loadEnv, type Env } from './config/env.js';
import { createLogger, redactSecrets, registerSecret } from './log.js';

/** Discord allows one IDENTIFY per 5 s (per max_concurrency bucket): shards start this far apart. */
const SPAWN_DELAY_MS = 5_500;
const READY_TIMEOUT_MS = 60_000;

const GatewayBot = z.object({ shards: z.number().int().min(1) });

async function recommendedShards(env: Env, token: string): Promise<number> {
  const rest = new REST(env.DISCORD_API_URL ? { api: env.DISCORD_API_URL.replace(/\/$/, '') } : {}).setToken(token);
  const answer = GatewayBot.safeParse(await rest.get(Routes.gatewayBot()));
  if (!answer.success) throw new Error('Discord did not say how many shards the bot needs (GET /gateway/bot)');
  return answer.data.shards;
}

/** The entry each shard runs: the compiled dist/index.js, or src/index.ts when this runs through tsx. */
function shardEntry(): string {
  const self = fileURLToPath(import.meta.url);
  return fileURLToPath(new URL(self.endsWith('.ts') ? './index.ts' : './index.js', import.meta.url));
}

async function main(): Promise<void> {
  const env = loadEnv();
  if (!env.DISCORD_TOKEN) throw new ConfigError('Configuration error: DISCORD_TOKEN is required for the sharded gateway');
  const token = env.DISCORD_TOKEN;
  registerSecret(token);
  const log = createLogger(env.LOG_LEVEL);
  const total = env.SHARD_COUNT === 'auto' ? await recommendedShards(env, token) : env.SHARD_COUNT;

  // Each shard runs with this process's Node options (the tsx loader, when there is one).
  const manager = new ShardingManager(shardEntry(), { token, totalShards: total, execArgv: process.execArgv, respawn: true });
  manager.on('shardCreate', (shard: Shard) => {
    log.info({ shard: shard.id, shardCount: total }, `starting shard ${shard.id} of ${total}`);
    shard.on('death', () => log.warn({ shard: shard.id }, `shard ${shard.id} stopped`));
  });

  const stopShards = () =>
    Promise.all(
      manager.shards.map((shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null) return Promise.resolve();
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        shard.kill(); // SIGTERM: the shard finishes its interactions in flight; kill() does not respawn it
        return exited;
      }),
    );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // A shard that exits now (a terminal's Ctrl-C reaches every shard too) is not started again.
    manager.respawn = false;
    log.info({ signal }, 'stopping every shard');
    await stopShards();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await manager.spawn({ amount: total, delay: SPAWN_DELAY_MS, timeout: READY_TIMEOUT_MS });
  } catch (error) {
    manager.respawn = false;
    await stopShards();
    throw error;
  }
  log.info({ shardCount: total }, `${total} shard(s) ready`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : `factcheck-bot could not start its shards: ${(error as Error).message}`;
  process.stderr.write(`${redactSecrets(message)}\n`);
  process.exit(1);
});
