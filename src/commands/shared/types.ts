// What a command is, and what every command gets to work with. Commands take their input as data and build their
// replies as data (ReplyPayload): the Discord face reads the interaction and sends the reply, the offline console
// reads a typed line and prints it, so every face runs the same handler and shows the same thing.
import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, APIModalInteractionResponseCallbackData } from 'discord.js';
import { z } from 'zod';
import type { Env } from '../../config/env.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import type { Logger } from '../../log.js';
import type { Cooldowns } from './cooldowns.js';
import type { CommandDefinition, InputOf } from './options.js';

/** What every handler works with; each face adds its own way of reaching members later (`notices`). */
export interface AppContext {
  kb: KnowledgeBase;
  env: Env;
  log: Logger;
  cooldowns: Cooldowns;
}

/** Tells members about answers that came after their question, long after it was asked (src/commands/notices.ts). */
export interface Notices {
  /** Delivers what is due in a scope (after a moderator's change), in the background. */
  deliverDue(guildId: string | null): void;
}

export interface BotContext extends AppContext {
  notices: Notices;
}

/** A reply as data: what the user sees, independent of how it is delivered. */
export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only the person who asked sees it. */
  ephemeral?: boolean;
  /** Further messages, each sent after this one (a private notice under a public answer). */
  followUps?: ReplyPayload[];
}

/** A form to open instead of a reply (Discord shows it; a face without forms says so). */
export interface ModalReply {
  modal: APIModalInteractionResponseCallbackData;
}

export type CommandReply = ReplyPayload | ModalReply;
export const isModal = (reply: ComponentReply): reply is ModalReply => 'modal' in reply;

/** Who runs a command, and where: all a handler knows of the person, on every face. */
export interface Caller {
  /** The Discord user; `curated` at the offline console (its person curates the curated base). */
  userId: string;
  /**
   * The server whose claims answer here: one that installed the bot. Null where only the curated base answers: a
   * DM, a server where only the member installed the app, the offline console.
   */
  guildId: string | null;
  /** May curate this scope's claims: a moderator of that server (see permissions.ts), or the console's person. */
  moderator: boolean;
}

export interface CommandRequest<D> {
  caller: Caller;
  input: InputOf<D>;
  /**
   * Acknowledges the command now, privately, so its reply may come after Discord's 3 s: for a handler about to read
   * much or to write (a write may wait for another program's lock). Faces without a deadline (the console) leave it out.
   */
  defer?: () => Promise<void>;
}

export interface AutocompleteRequest {
  caller: Caller;
  /** The subcommand being typed, for a command of subcommands. */
  subcommand: string | null;
  /** The text typed so far in the focused option. */
  typed: string;
}

/** An autocomplete choice: the name shown, the value sent back as the option. */
export interface Choice {
  name: string;
  value: string;
}

/**
 * A command: its definition, the handler that answers it, and the buttons, selects and forms it sends. A message
 * command (Discord's Apps menu on a message) has no name a person can type, so it names how text faces offer it
 * (`text`: the console's `/check <text>` runs it on pasted text).
 */
export interface Command<D extends CommandDefinition = CommandDefinition> {
  definition: D;
  text?: { name: string; description: string };
  run(ctx: BotContext, request: CommandRequest<D>): Promise<CommandReply>;
  autocomplete?(ctx: BotContext, request: AutocompleteRequest): Promise<Choice[]>;
  components?: readonly ComponentHandler[];
}

/** A command module, with its options typed from its definition. */
export const defineCommand = <const D extends CommandDefinition>(command: Command<D>): Command<D> => command;

/** The message a button or select is on. */
export interface ComponentMessage {
  /** Its id and channel, where the face has them (Discord's; the console has neither). */
  id: string | null;
  channelId: string | null;
  /** Only the person it answered sees it. */
  ephemeral: boolean;
}

/**
 * A button pressed, a select chosen or a form submitted, as data: who, the custom_id's decoded argument, and what
 * came with it. Every face builds one (Discord from the interaction, the console from what was typed), so the
 * same handler runs on each.
 */
export interface ComponentRequest<T> {
  caller: Caller;
  /** What the custom_id names: its action and argument, decoded by the feature's codec. */
  control: T;
  /** A select's chosen values (empty for a button or a form). */
  selected: readonly string[];
  /** A submitted form's answers by custom_id: a text input's text, a select's chosen value (empty otherwise). */
  fields: Readonly<Record<string, string>>;
  /** The message a button or select is on (null for a form). */
  message: ComponentMessage | null;
  /** Acknowledges before slow work (Discord's 3-second limit); the reply then comes privately. */
  defer: () => Promise<void>;
}

/** A component's reply: a new message, a form to open, or the message it is on replaced (`update`). */
export type ComponentReply = CommandReply | { update: ReplyPayload };
export const isUpdate = (reply: ComponentReply): reply is { update: ReplyPayload } => 'update' in reply;

/**
 * The buttons, selects and modal submits whose custom_id has one prefix. The router decodes the custom_id once with
 * `ids` and passes the value on (as sapphire's parse() → run()); a custom_id with the prefix that does not decode
 * (forged, or from an older version of the bot) goes to `refuse`, which answers it.
 */
export interface ComponentHandler<T = unknown> {
  ids: { readonly prefix: string; parse(customId: string): T | null };
  button?(ctx: BotContext, request: ComponentRequest<T>): Promise<ComponentReply>;
  select?(ctx: BotContext, request: ComponentRequest<T>): Promise<ComponentReply>;
  modal?(ctx: BotContext, request: ComponentRequest<T>): Promise<ComponentReply>;
  refuse(ctx: BotContext, request: ComponentRequest<null>): Promise<ComponentReply>;
}

/** Checked on every command module when it is registered, so a malformed one fails at start-up, not at first use. */
export const CommandModule = z.object({
  definition: z.union([
    z.object({ type: z.literal(1).optional(), name: z.string().regex(/^[a-z0-9_-]{1,32}$/), description: z.string().min(1).max(100) }).loose(),
    // A message command's name is shown in the Apps menu as written (capitals, spaces); it has no description.
    z.object({ type: z.literal(3), name: z.string().min(1).max(32), description: z.literal('').optional() }).loose(),
  ]),
  text: z.object({ name: z.string().regex(/^[a-z0-9_-]{1,32}$/), description: z.string().min(1).max(100) }).optional(),
  run: z.function(),
  autocomplete: z.function().optional(),
  components: z
    .array(
      z.object({
        ids: z.object({ prefix: z.string().regex(/^[a-z]{1,10}$/), parse: z.function() }),
        button: z.function().optional(),
        select: z.function().optional(),
        modal: z.function().optional(),
        refuse: z.function(),
      }),
    )
    .optional(),
});
