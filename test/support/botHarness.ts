// Starts the real bot (src/discord/bot.ts) against the fake Discord, on a temporary database, for tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cooldowns } from '../../src/commands/shared/cooldowns.js';
import type { Registry } from '../../src/commands/shared/registry.js';
import type { BotContext } from '../../src/commands/shared/types.js';
import { parseEnv, type Env } from '../../src/config/env.js';
import { startBot, type RunningBot } from '../../src/discord/bot.js';
import { KnowledgeBase } from '../../src/knowledge/index.js';
import { createLogger } from '../../src/log.js';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from './fakeDiscord.js';

export interface TestBot {
  fake: FakeDiscord;
  kb: KnowledgeBase;
  bot: RunningBot;
  env: Env;
  dbPath: string;
  stop(): Promise<void>;
}

export interface TestBotOptions {
  env?: Partial<Record<keyof Env, string>>;
  fake?: FakeDiscordOptions;
  /** Receives every log line (JSON) instead of stderr. */
  logSink?: (line: string) => void;
  /** The commands the bot answers (default: its own). */
  registry?: Registry;
  /** The database file (default: a new one in a temporary folder, removed on stop): to start again on the same file. */
  databasePath?: string;
}

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const fake = await startFakeDiscord(options.fake);
  const dir = mkdtempSync(join(tmpdir(), 'factcheck-bot-'));
  const dbPath = options.databasePath ?? join(dir, 'test.db');
  const env = parseEnv({
    DISCORD_TOKEN: fake.botToken,
    DISCORD_CLIENT_ID: fake.appId,
    DISCORD_API_URL: fake.apiUrl,
    DATABASE_PATH: dbPath,
    FACTCHECK_COOLDOWN_SECONDS: '0',
    MODERATOR_WRITE_COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const kb = await KnowledgeBase.open({ databasePath: dbPath });
  const ctx: BotContext = { kb, env, log: createLogger(env.LOG_LEVEL, options.logSink), cooldowns: Cooldowns.fromEnv(env) };
  const bot = await startBot(ctx, env.DISCORD_TOKEN!, options.registry);
  if (!bot.client.isReady()) await new Promise<void>((resolve) => bot.client.once('clientReady', () => resolve()));
  return {
    fake,
    kb,
    bot,
    env,
    dbPath,
    async stop() {
      await bot.stop();
      await kb.close();
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
