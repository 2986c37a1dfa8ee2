// The offline console: the bot's commands over the same claim base and database, without Discord and outside any
// server. It reads the same command registry as Discord: /help lists every command that works outside a server,
// and each runs here with its options typed after it (see consoleInput.ts). A line that is not a command is a
// question. At a terminal it prompts; with piped input it answers each line and exits at the end of input.
import { createInterface } from 'node:readline';
import { InteractionContextType } from 'discord-api-types/v10';
import { registry as commands } from '../commands/index.js';
import type { CommandDefinition } from '../commands/shared/options.js';
import type { Registry } from '../commands/shared/registry.js';
import { isModal, type BotContext, type Caller, type ReplyPayload } from '../commands/shared/types.js';
import { readConsoleInput, usage } from './consoleInput.js';
import { renderPayload } from './renderPayload.js';

/** A line that is not a command is asked as this command's one required option. */
const QUESTION_COMMAND = 'factcheck';
/** The person at the terminal: nobody's moderator, in no server (questions are logged outside any server). */
const CONSOLE_CALLER: Caller = { userId: 'console', guildId: null, moderator: false };

/** Whether a command is offered outside a server (Discord's DMs; the console). */
const worksOutsideServers = (definition: CommandDefinition) =>
  !definition.contexts || definition.contexts.some((c) => c !== InteractionContextType.Guild);

/** /help: the commands of the registry that work here, each with its description. */
export function consoleHelp(registry: Registry = commands): string {
  const offered = [...registry.commands.values()].filter((c) => worksOutsideServers(c.definition));
  const lines: Array<[string, string]> = [
    ...offered.map((c): [string, string] => [usage(c.definition), c.definition.description]),
    ['/help', 'this list'],
    ['/quit', 'leave (Ctrl-D works too)'],
  ];
  const width = Math.max(...lines.map(([u]) => u.length));
  const serverOnly = [...registry.commands.values()].filter((c) => !worksOutsideServers(c.definition)).map((c) => `/${c.definition.name}`);
  return [
    'Type a question, or:',
    ...lines.map(([u, what]) => `  ${u.padEnd(width)}   ${what}`),
    ...(serverOnly.length ? [`In a Discord server only: ${serverOnly.join(', ')}.`] : []),
  ].join('\n');
}

/** The reply to one console line, or null for a blank line. */
export async function consoleReply(ctx: BotContext, line: string, registry: Registry = commands): Promise<ReplyPayload | 'quit' | null> {
  const text = line.trim();
  if (!text) return null;
  const [head = ''] = text.split(/\s+/, 1);
  const name = head.toLowerCase();
  if (name === '/quit' || name === '/exit') return 'quit';
  if (name === '/help') return { content: consoleHelp(registry) };
  const isCommand = head.startsWith('/');
  const command = registry.commands.get(isCommand ? name.slice(1) : QUESTION_COMMAND);
  if (!command) return { content: `Unknown command ${head}. ${consoleHelp(registry)}` };
  if (!worksOutsideServers(command.definition)) return { content: `${head} works only in a Discord server.` };
  const read = readConsoleInput(command.definition, isCommand ? text.slice(head.length) : text);
  if (!read.ok) return { content: `Usage: ${usage(command.definition)}` };
  const reply = await command.run(ctx, { caller: CONSOLE_CALLER, input: read.input });
  return isModal(reply) ? { content: `${head} opens a form, which only Discord can show.` } : reply;
}

export async function runOfflineConsole(
  ctx: BotContext,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  registry: Registry = commands,
): Promise<void> {
  const interactive = Boolean(input.isTTY);
  const rl = createInterface({ input, output, terminal: interactive, prompt: 'factcheck> ' });
  if (interactive) {
    output.write(`${consoleHelp(registry)}\n`);
    rl.prompt();
  }
  for await (const line of rl) {
    const reply = await consoleReply(ctx, line, registry);
    if (reply === 'quit') break;
    if (reply) output.write(`${renderPayload(reply)}\n\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
