// The offline console: the bot's commands over the same claim base and database, without Discord. At a terminal
// it prompts; with piped input it answers each line as a question and exits at the end of input.
import { createInterface } from 'node:readline';
import { aboutReply } from '../commands/about.js';
import { factcheckReply } from '../commands/factcheck.js';
import type { BotContext, ReplyPayload } from '../commands/types.js';
import { renderPayload } from './renderPayload.js';

const HELP = [
  'Type a question, or:',
  '  /factcheck <question>   the same as typing the question',
  '  /about                  what this bot is and how to read its answers',
  '  /help                   this list',
  '  /quit                   leave (Ctrl-D works too)',
].join('\n');

/** The reply to one console line, or null for a blank line. */
export function consoleReply(ctx: Pick<BotContext, 'kb'>, line: string): ReplyPayload | 'quit' | null {
  const text = line.trim();
  if (!text) return null;
  const [head = '', ...rest] = text.split(/\s+/);
  switch (head.toLowerCase()) {
    case '/quit':
    case '/exit':
      return 'quit';
    case '/help':
      return { content: HELP };
    case '/about':
      return aboutReply(ctx, null);
    case '/factcheck': {
      const question = rest.join(' ');
      return question ? factcheckReply(ctx, null, question, false) : { content: 'Usage: /factcheck <question>' };
    }
    default:
      if (head.startsWith('/')) return { content: `Unknown command ${head}. ${HELP}` };
      return factcheckReply(ctx, null, text, false);
  }
}

export async function runOfflineConsole(
  ctx: Pick<BotContext, 'kb'>,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const interactive = Boolean(input.isTTY);
  const rl = createInterface({ input, output, terminal: interactive, prompt: 'factcheck> ' });
  if (interactive) {
    output.write(`${HELP}\n`);
    rl.prompt();
  }
  for await (const line of rl) {
    const reply = consoleReply(ctx, line);
    if (reply === 'quit') break;
    if (reply) output.write(`${renderPayload(reply)}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
