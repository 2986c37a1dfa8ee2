// What a command module is, and what every command gets to work with. Commands build replies as plain payloads;
// the Discord adapter sends them and the offline console prints them, so both faces show the same thing.
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  StringSelectMenuInteraction,
} from 'discord.js';
import { z } from 'zod';
import type { Env } from '../config/env.js';
import type { KnowledgeBase } from '../knowledge/knowledgeBase.js';
import type { Logger } from '../log.js';
import type { Cooldowns } from './cooldowns.js';

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

export interface Command {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
}

/** Handles buttons, selects and modals whose custom_id starts with `prefix` + ':'. */
export interface ComponentHandler {
  prefix: string;
  button?(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
  select?(interaction: StringSelectMenuInteraction, ctx: BotContext): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void>;
}

/** Checked on every command module when it is loaded, so a malformed one fails at start-up, not at first use. */
export const CommandModule = z.object({
  data: z.object({ name: z.string().regex(/^[a-z0-9_-]{1,32}$/), description: z.string().min(1).max(100) }).loose(),
  execute: z.function(),
  autocomplete: z.function().optional(),
});
export const ComponentModule = z.object({
  prefix: z.string().regex(/^[a-z]{1,10}$/),
  button: z.function().optional(),
  select: z.function().optional(),
  modal: z.function().optional(),
});
