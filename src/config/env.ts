// Configuration from the environment (and .env), checked once with zod. A bad value stops start-up with one line
// naming the variable; the token's value never appears in a message.
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

const snowflake = z.string().regex(/^\d{5,25}$/, 'must be a Discord id (digits)');
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

export const EnvSchema = z.object({
  DISCORD_TOKEN: optionalText.pipe(z.string().regex(/^\S+$/, 'must not contain spaces').optional()),
  DISCORD_CLIENT_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_GUILD_ID: optionalText.pipe(snowflake.optional()),
  DISCORD_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()),
  DATABASE_PATH: optionalText.default('./data/factcheck.db').pipe(z.string()),
  /** A PostgreSQL server every worker shares (postgres://user:password@host:5432/database); unset: the SQLite file. */
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/, message: 'must be a postgres:// URL' }).optional()),
  MODERATOR_ROLE_IDS: optionalText
    .transform((v) =>
      v
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [],
    )
    .pipe(z.array(snowflake)),
  FACTCHECK_COOLDOWN_SECONDS: optionalText
    .default('5')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number of seconds'))
    .transform(Number)
    .pipe(z.number().max(3600, 'must be at most 3600')),
  MODERATOR_WRITE_COOLDOWN_SECONDS: optionalText
    .default('2')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number of seconds'))
    .transform(Number)
    .pipe(z.number().max(3600, 'must be at most 3600')),
  REVIEW_INTERVAL_DAYS: optionalText
    .default('90')
    .pipe(z.string().regex(/^\d+$/, 'must be a whole number of days'))
    .transform(Number)
    .pipe(z.number().min(1, 'must be at least 1').max(3650, 'must be at most 3650')),
  CLAIMREVIEW_AUTHOR: optionalText.default('factcheck-bot').pipe(z.string().max(200, 'must be at most 200 characters')),
  PUBLIC_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()),
  LOG_LEVEL: optionalText.default('info').pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  /** How Discord reaches the bot: over the gateway (the default), or by calling POST /interactions (HTTP workers). */
  INTERACTIONS_MODE: optionalText.default('gateway').pipe(z.enum(['gateway', 'http'], 'must be gateway or http')),
  DISCORD_PUBLIC_KEY: optionalText.pipe(
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the application public key: 64 hexadecimal characters')
      .optional(),
  ),
  HOST: optionalText.default('127.0.0.1').pipe(z.string()),
  PORT: optionalText
    .default('8080')
    .pipe(z.string().regex(/^\d+$/, 'must be a port number'))
    .transform(Number)
    .pipe(z.number().max(65535, 'must be at most 65535')),
  /** Shards of the sharded gateway (`npm run start:sharded`): Discord's recommendation, or a number. */
  SHARD_COUNT: optionalText.default('auto').pipe(
    z.union(
      [
        z.literal('auto'),
        z
          .string()
          .regex(/^[1-9]\d{0,5}$/)
          .transform(Number),
      ],
      'must be auto or a whole number of shards',
    ),
  ),
});
export type Env = z.output<typeof EnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment; throws a ConfigError whose message is one line naming the variable. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) {
    if (result.data.DISCORD_TOKEN && !result.data.DISCORD_CLIENT_ID) {
      throw new ConfigError('Configuration error: DISCORD_CLIENT_ID is required when DISCORD_TOKEN is set');
    }
    if (result.data.INTERACTIONS_MODE === 'http' && !result.data.DISCORD_PUBLIC_KEY) {
      throw new ConfigError('Configuration error: DISCORD_PUBLIC_KEY is required when INTERACTIONS_MODE is http');
    }
    return result.data;
  }
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? 'environment');
  throw new ConfigError(`Configuration error: ${name} ${issue.message}`);
}

/** Loads .env (without overriding variables already set) and parses the environment. */
export function loadEnv(): Env {
  loadDotenv({ quiet: true });
  return parseEnv(process.env);
}
