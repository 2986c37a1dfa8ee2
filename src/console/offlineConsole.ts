// The offline console: the bot's commands over the same claim base and database, without Discord and outside any
// server. It reads the same command registry as Discord and does what Discord's client does: each command runs
// with its options typed after it (see consoleInput.ts), a message command runs on pasted text (`/check …`), every
// button and select of a reply is numbered and pressed by typing its key (controls.ts), and a form is asked field
// by field (forms.ts). The person at the console curates the curated base (they are its local moderator: `/claim`
// changes it, recorded as `curated`). A line that is not a command or a key is a question. At a terminal it
// prompts; with piped input it answers each line and exits at the end of input.
import { createInterface } from 'node:readline';
import { ComponentType, TextInputStyle } from 'discord-api-types/v10';
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { registry as commands } from '../commands/index.js';
import { Notifier, type Outbox } from '../commands/notices.js';
import { prefixOf } from '../commands/shared/customId.js';
import { isMessageCommand, messageInput } from '../commands/shared/options.js';
import type { Registry } from '../commands/shared/registry.js';
import {
  isModal,
  isUpdate,
  type AppContext,
  type BotContext,
  type Caller,
  type Command,
  type ComponentReply,
  type ReplyPayload,
} from '../commands/shared/types.js';
import { readConsoleInput, usage } from './consoleInput.js';
import { controlsOf, type Control } from './controls.js';
import { fillForm, type Ask } from './forms.js';
import { renderPayload } from './renderPayload.js';

/** A line that is not a command is asked as this command's one required option. */
const QUESTION_COMMAND = 'factcheck';
/** The person at the terminal: in no server, the curated base's moderator (its changes are recorded as `curated`). */
const CONSOLE_CALLER: Caller = { userId: 'curated', guildId: null, moderator: true };

/** The console's name of a command: a slash command's own, a message command's text name. */
const nameOf = (command: Command) => command.text?.name ?? command.definition.name;
const describe = (command: Command) => command.text?.description ?? ('description' in command.definition ? command.definition.description : '');
const usageOf = (command: Command) => (isMessageCommand(command.definition) ? `/${nameOf(command)} <text>` : usage(command.definition));

/** What a message command typed alone asks for: the message, pasted (as many lines as it has). */
const PASTE_FORM = {
  custom_id: 'paste',
  title: 'Paste the message',
  components: [
    {
      type: ComponentType.Label,
      label: 'The message',
      component: { type: ComponentType.TextInput, custom_id: 'message', style: TextInputStyle.Paragraph },
    },
  ],
} as const satisfies APIModalInteractionResponseCallbackData;

/** The commands typed at the console, by the name typed. */
function byName(registry: Registry): Map<string, Command> {
  return new Map([...registry.commands.values()].map((c) => [nameOf(c), c]));
}

/** /help: every command of the registry, each with its description, and the keys of the last reply. */
export function consoleHelp(registry: Registry = commands): string {
  const lines: Array<[string, string]> = [
    ...[...registry.commands.values()].map((c): [string, string] => [usageOf(c), describe(c)]),
    ['/help', 'this list'],
    ['/quit', 'leave (Ctrl-D works too)'],
  ];
  const width = Math.max(...lines.map(([u]) => u.length));
  return [
    'Type a question, or:',
    ...lines.map(([u, what]) => `  ${u.padEnd(width)}   ${what}`),
    'Under a reply, type the key of a button ([1], [h]…) to press it, or of a list and a number to choose (d 2).',
    'Here you are the curated base’s moderator: /claim adds and changes its claims, on this database.',
  ].join('\n');
}

/** The reply to one console line that is a command or a question (not a key), or null for a blank line. */
export async function consoleReply(ctx: BotContext, line: string, registry: Registry = commands): Promise<ComponentReply | 'quit' | null> {
  const text = line.trim();
  if (!text) return null;
  const [head = ''] = text.split(/\s+/, 1);
  const name = head.toLowerCase();
  if (name === '/quit' || name === '/exit') return 'quit';
  if (name === '/help') return { content: consoleHelp(registry) };
  const isCommand = head.startsWith('/');
  const command = byName(registry).get(isCommand ? name.slice(1) : QUESTION_COMMAND);
  if (!command) return { content: `Unknown command ${head}. ${consoleHelp(registry)}` };
  const rest = isCommand ? text.slice(head.length).trim() : text;
  if (isMessageCommand(command.definition)) {
    if (!rest) return { content: `Usage: ${usageOf(command)}` };
    return command.run(ctx, { caller: CONSOLE_CALLER, input: pasted(command, rest) });
  }
  const read = readConsoleInput(command.definition, rest);
  if (!read.ok) return { content: `Usage: ${usage(command.definition)}` };
  return command.run(ctx, { caller: CONSOLE_CALLER, input: read.input });
}

/** Pasted text as the message a message command runs on. */
const pasted = (command: Command, text: string) => messageInput(command.definition, { where: null, content: text, embeds: [], attachments: 0 });

/** How the console "sends" a notice: it prints it (the console is one person's channel and inbox). */
function consoleOutbox(write: (text: string) => void): Outbox {
  return {
    toChannel: (_channelId, payload) => Promise.resolve((write(`🔔 ${renderPayload(payload)}\n\n`), true)),
    toMember: (_userId, payload) => Promise.resolve((write(`🔔 ${renderPayload(payload)}\n\n`), true)),
  };
}

/** The context the console's handlers run with: the app's, with notices printed. */
export function consoleContext(app: AppContext, write: (text: string) => void): BotContext {
  return { ...app, notices: new Notifier(app.kb, consoleOutbox(write), app.log) };
}

/** One console conversation: what was shown last (its controls, which keys press) and the forms being filled in. */
export class ConsoleSession {
  private controls: Control[] = [];

  constructor(
    private readonly ctx: BotContext,
    private readonly ask: Ask,
    private readonly write: (text: string) => void,
    private readonly registry: Registry = commands,
  ) {}

  /** Handles one line; 'quit' when the person leaves. */
  async handle(line: string): Promise<'quit' | void> {
    const pressed = this.control(line);
    if (pressed) return this.show(await this.press(pressed.control, pressed.choice));
    const alone = byName(this.registry).get(line.trim().toLowerCase().slice(1));
    if (line.trim().startsWith('/') && alone && isMessageCommand(alone.definition)) {
      // A message command typed alone: the message is pasted on the lines after it.
      const text = await fillForm(PASTE_FORM, this.ask);
      if (text?.message?.trim()) return this.show(await alone.run(this.ctx, { caller: CONSOLE_CALLER, input: pasted(alone, text.message) }));
    }
    const reply = await consoleReply(this.ctx, line, this.registry);
    if (reply === 'quit') return 'quit';
    if (reply) await this.show(reply);
  }

  /** The control a line names by its key (`1`, `h`, or a list's key and a number: `d 2`), if the last reply has it. */
  private control(line: string): { control: Control; choice: string | undefined } | undefined {
    const [key = '', choice, ...more] = line.trim().toLowerCase().split(/\s+/);
    const control = more.length ? undefined : this.controls.find((c) => c.key === key);
    if (!control || (control.kind === 'button' && choice !== undefined)) return undefined;
    return { control, choice };
  }

  private async press(control: Control, choice: string | undefined): Promise<ComponentReply | null> {
    if (control.kind === 'button' && control.disabled) return { content: `[${control.key}] ${control.label} is not available here.` };
    let selected: string[] = [];
    if (control.kind === 'select') {
      const answer = choice ?? (await this.ask(`${control.label} choose 1-${control.options.length}:`));
      const option = answer === null ? undefined : control.options[Number(answer) - 1];
      if (!option) return { content: `Choose one of 1-${control.options.length}, e.g. ${control.key} 1.` };
      selected = [option.value];
    }
    const handler = this.registry.components.get(prefixOf(control.customId) ?? '');
    if (!handler) return { content: 'That button is not recognised.' };
    const request = {
      caller: CONSOLE_CALLER,
      selected,
      fields: {},
      message: { id: null, channelId: null, ephemeral: control.ephemeral },
      defer: () => Promise.resolve(),
    };
    const value = handler.ids.parse(control.customId);
    if (value === null) return handler.refuse(this.ctx, { ...request, control: null });
    const pressed = { ...request, control: value };
    const reply = control.kind === 'button' ? await handler.button?.(this.ctx, pressed) : await handler.select?.(this.ctx, pressed);
    if (!reply) return { content: 'That control does nothing here.' };
    return isModal(reply) ? this.submit(reply.modal) : reply;
  }

  /** A form, asked field by field, then submitted to its handler. */
  private async submit(modal: Extract<ComponentReply, { modal: unknown }>['modal']): Promise<ComponentReply> {
    this.write(`${modal.title}\n`);
    const fields = await fillForm(modal, this.ask);
    if (!fields) return { content: 'The form was left unfinished: nothing was saved.' };
    const handler = this.registry.components.get(prefixOf(modal.custom_id) ?? '');
    const control = handler?.ids.parse(modal.custom_id);
    if (!handler?.modal || control === null || control === undefined) return { content: 'That form is not recognised.' };
    const request = { caller: CONSOLE_CALLER, control, selected: [], fields, message: null, defer: () => Promise.resolve() };
    const reply = await handler.modal(this.ctx, request);
    return isModal(reply) ? { content: 'That form asked for another form.' } : reply;
  }

  private async show(reply: ComponentReply | null): Promise<void> {
    if (!reply) return;
    if (isModal(reply)) return this.show(await this.submit(reply.modal));
    const payload: ReplyPayload = isUpdate(reply) ? reply.update : reply;
    const shown = [payload, ...(payload.followUps ?? [])];
    this.controls = controlsOf(shown);
    const text = shown.map((p) =>
      renderPayload(
        p,
        controlsOf([p]).map((c) => this.controls.find((k) => k.customId === c.customId) ?? c),
      ),
    );
    this.write(`${text.join('\n\n')}\n\n`);
  }
}

export async function runOfflineConsole(
  app: AppContext,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  registry: Registry = commands,
): Promise<void> {
  const interactive = Boolean(input.isTTY);
  const rl = createInterface({ input, output, terminal: interactive, prompt: 'factcheck> ' });
  const lines = rl[Symbol.asyncIterator]();
  const write = (text: string) => void output.write(text);
  const next = async (prompt?: string): Promise<string | null> => {
    if (prompt !== undefined) {
      if (interactive) {
        rl.setPrompt(prompt ? `${prompt}\n  > ` : '  > ');
        rl.prompt();
      } else if (prompt) {
        write(`${prompt}\n`);
      }
    }
    const read: IteratorResult<string> = await lines.next();
    return read.done ? null : read.value;
  };
  const ctx = consoleContext(app, write);
  const session = new ConsoleSession(ctx, (prompt) => next(prompt), write, registry);
  if (interactive) write(`${consoleHelp(registry)}\n`);
  for (;;) {
    if (interactive) {
      rl.setPrompt('factcheck> ');
      rl.prompt();
    }
    const line = await next();
    if (line === null || (await session.handle(line)) === 'quit') break;
  }
  rl.close();
}
