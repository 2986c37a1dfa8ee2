// What every command-line tool shares: arguments parsed by node:util and checked with zod, one-line errors on
// stderr, exit code 2 for bad input and 1 for anything else, and the knowledge base opened from the environment.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { ConfigError, loadEnv, type Env } from '../config/env.js';
import { describeOpenError, KnowledgeBase, ValidationError } from '../knowledge/index.js';

/** Bad input from the person at the terminal: printed as is, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT_BAD_INPUT = 2;

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses argv with node:util (unknown options are errors) and checks the result with `schema`, whose keys are the
 * option names plus `positionals`. A failure names the option: `--guild: must be a Discord server id`.
 */
export function parseCommandLine<S extends z.ZodType>(argv: string[], options: Options, schema: S): z.output<S> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const key = String(issue.path[0] ?? '');
    const field = key === 'positionals' || key === '' ? 'arguments' : `--${key}`;
    throw new UsageError(`${field}: ${issue.message}`);
  }
  return result.data;
}

/** The knowledge base at the environment's DATABASE_URL or else DATABASE_PATH, with the curated base synced. */
export async function openKnowledgeBase(env: Env = loadEnv()): Promise<KnowledgeBase> {
  try {
    return await KnowledgeBase.open({ databasePath: env.DATABASE_PATH, databaseUrl: env.DATABASE_URL, awaitLanguageDetector: true });
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new Error(describeOpenError(env.DATABASE_PATH, error, env.DATABASE_URL));
  }
}

/** Runs a tool's main function and turns what it throws into a message on stderr and an exit code. */
export async function runCli(main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    } else if (error instanceof ValidationError) {
      process.stderr.write(`${error.issues.join('\n')}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    } else {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
