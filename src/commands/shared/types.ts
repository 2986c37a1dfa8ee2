// What a command is, and what every command gets to work with. Commands take their input as data and build their
// replies as data (ReplyPayload): the Discord face reads the interaction and sends the reply, the offline console
// reads a typed line and prints it, so every face runs the same handler and shows the same thing.
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIModalInteractionResponseCallbackData,
  ButtonInteraction,
  ModalSubmitInteraction,
  StringSelectMenuInteraction,
} from 'discord.js';
import { z } from 'zod';
import type { Env } from '../../config/env.js';
import type { KnowledgeBase } from '../../knowledge/index.js';
import type { Logger } from '../../log.js';
import type { Cooldowns } from './cooldowns.js';
import type { CommandDefinition, InputOf } from './options.js';

export interface BotContext {
  kb: KnowledgeBase;
  env: Env;
  log: Logger;
  cooldowns: Cooldowns;
}

/** A reply as data: what the user sees, independent of how it is delivered. */
export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Only the person who asked sees it. */
  ephemeral?: boolean;
}

/** A form to open instead of a reply (Discord shows it; a face without forms says so). */
export interface ModalReply {
  modal: APIModalInteractionResponseCallbackData;
}

export type CommandReply = ReplyPayload | ModalReply;
export const isModal = (reply: CommandReply): reply is ModalReply => 'modal' in reply;

/** Who runs a command, and where: all a handler knows of the person, on every face. */
export interface Caller {
  userId: string;
  /** The server it runs in; null outside any (a DM, the offline console). */
  guildId: string | null;
  /** Holds a moderating permission or role in that server (see permissions.ts). */
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

/** A slash command: its definition, the handler that answers it, and the buttons, selects and forms it sends. */
export interface Command<D extends CommandDefinition = CommandDefinition> {
  definition: D;
  run(ctx: BotContext, request: CommandRequest<D>): Promise<CommandReply>;
  autocomplete?(ctx: BotContext, request: AutocompleteRequest): Promise<Choice[]>;
  components?: readonly ComponentHandler[];
}

/** A command module, with its options typed from its definition. */
export const defineCommand = <const D extends CommandDefinition>(command: Command<D>): Command<D> => command;

export type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

/**
 * The buttons, selects and modal submits whose custom_id has one prefix. The router decodes the custom_id once with
 * `ids` and passes the value on (as sapphire's parse() → run()); a custom_id with the prefix that does not decode
 * (forged, or from an older version of the bot) goes to `refuse`, which answers it.
 */
export interface ComponentHandler<T = unknown> {
  ids: { readonly prefix: string; parse(customId: string): T | null };
  button?(interaction: ButtonInteraction, ctx: BotContext, value: T): Promise<void>;
  select?(interaction: StringSelectMenuInteraction, ctx: BotContext, value: T): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, ctx: BotContext, value: T): Promise<void>;
  refuse(interaction: ComponentInteraction, ctx: BotContext): Promise<void>;
}

/** Checked on every command module when it is registered, so a malformed one fails at start-up, not at first use. */
export const CommandModule = z.object({
  definition: z.object({ name: z.string().regex(/^[a-z0-9_-]{1,32}$/), description: z.string().min(1).max(100) }).loose(),
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
