// What `npm start -- …` takes on the command line for the offline console: `--lang <code>`, the language its
// replies are in (a member's Discord locale does this on Discord). Bad arguments stop it with one line.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../config/env.js';
import { Language, LANGUAGES } from '../knowledge/index.js';

const ConsoleArgs = z.object({ lang: Language.default('en') });
export type ConsoleArgs = z.infer<typeof ConsoleArgs>;

export function parseConsoleArgs(argv: readonly string[]): ConsoleArgs {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: [...argv], options: { lang: { type: 'string' } }, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('\n')[0]} (the console takes --lang ${LANGUAGES.join('|')})`);
  }
  const parsed = ConsoleArgs.safeParse(values);
  if (!parsed.success) throw new ConfigError(`--lang: must be one of ${LANGUAGES.join(', ')} (got "${String(values.lang).slice(0, 20)}")`);
  return parsed.data;
}
