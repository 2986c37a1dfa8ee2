// Structured logs (pino) on stderr, so stdout stays free for the console and the CLIs. Secrets are redacted
// by field name and, for the bot token, wherever its value appears in a message.
import pino from 'pino';

const secrets = new Set<string>();

/** Registers a value (the bot token) that must never appear in a log line or an error shown to anyone. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[redacted]');
  return out;
}

/** A pino logger writing JSON lines to stderr (or to `sink`, one line per call, for tests). */
export function createLogger(level: string, sink?: (line: string) => void) {
  return pino(
    {
      level,
      redact: {
        paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
      hooks: {
        streamWrite: (line) => redactSecrets(line),
      },
    },
    sink ? { write: (line: string) => sink(line.trimEnd()) } : pino.destination({ dest: 2, sync: true }),
  );
}
export type Logger = ReturnType<typeof createLogger>;
