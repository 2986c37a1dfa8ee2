// Routes each Discord interaction to its command or component handler: reads a command's options (a message
// command's message) with its definition, turns a button, select or form submit into a ComponentRequest (its
// custom_id decoded once with its feature's codec), and delivers the reply. Every failure is answered with a short
// ephemeral message carrying an error id, and the same id is logged, so a moderator's report can be traced.
import { randomBytes } from 'node:crypto';
import {
  ComponentType,
  DiscordAPIError,
  HTTPError,
  MessageFlags,
  type ButtonInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { redactSecrets } from '../../log.js';
import { prefixOf } from './customId.js';
import { messageInput, readInput, type TargetMessage } from './options.js';
import { inLanguage, replyLanguage, t } from './i18n.js';
import { callerOf, takeUnreadablePermissions } from './permissions.js';
import type { Registry } from './registry.js';
import { sendReply, updateReply } from './reply.js';
import { isModal, isUpdate, type BotContext, type ComponentReply, type ComponentRequest } from './types.js';

type ComponentInteraction = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

function describe(interaction: Interaction): string {
  if (interaction.isCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return interaction.customId;
  return `interaction type ${(interaction as Interaction).type}`;
}

async function notRecognised(interaction: RepliableInteraction): Promise<void> {
  await interaction.reply({ content: t('errors.unknownControl'), flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

/** The reply to an interaction whose permissions Discord sent in a form that cannot be read. */
export const UNREADABLE_PERMISSIONS =
  'Discord sent this with permissions I could not read, so I cannot tell what you may do here. Nothing was done — try again.';

/** Answers an interaction in the member's language (their Discord locale, then the server's, then English). */
export function routeInteraction(interaction: Interaction, ctx: BotContext, registry: Registry): Promise<void> {
  return inLanguage(replyLanguage(interaction.locale, interaction.guildLocale), () => route(interaction, ctx, registry));
}

async function route(interaction: Interaction, ctx: BotContext, registry: Registry): Promise<void> {
  try {
    if (takeUnreadablePermissions(interaction.id)) {
      if (interaction.isAutocomplete()) await interaction.respond([]);
      else if (interaction.isRepliable()) {
        await interaction.reply({ content: UNREADABLE_PERMISSIONS, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
      }
      return;
    }
    if (interaction.isAutocomplete()) {
      const command = registry.commands.get(interaction.commandName);
      if (!command?.autocomplete) return;
      const typed = interaction.options.getFocused();
      await interaction.respond(
        await command.autocomplete(ctx, { caller: callerOf(interaction, ctx.env), subcommand: interaction.options.getSubcommand(false), typed }),
      );
      return;
    }
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      const command = registry.commands.get(interaction.commandName);
      if (!command) throw new Error(`unknown command ${interaction.commandName}`);
      const input = interaction.isChatInputCommand()
        ? readInput(command.definition, interaction.options)
        : messageInput(command.definition, targetMessage(interaction));
      const reply = await command.run(ctx, {
        caller: callerOf(interaction, ctx.env),
        input,
        defer: async () => {
          if (!interaction.deferred && !interaction.replied) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
        },
      });
      if (isModal(reply)) await interaction.showModal(reply.modal);
      else await sendReply(interaction, reply);
      return;
    }
    if (interaction.isButton() || interaction.isStringSelectMenu() || interaction.isModalSubmit()) {
      const prefix = prefixOf(interaction.customId);
      const handler = prefix === null ? undefined : registry.components.get(prefix);
      if (!handler) return await notRecognised(interaction);
      const value = handler.ids.parse(interaction.customId);
      if (value === null) return await deliver(interaction, await handler.refuse(ctx, componentRequest(interaction, ctx, null)));
      const request = componentRequest(interaction, ctx, value);
      const reply = interaction.isButton()
        ? await handler.button?.(ctx, request)
        : interaction.isStringSelectMenu()
          ? await handler.select?.(ctx, request)
          : await handler.modal?.(ctx, request);
      await (reply ? deliver(interaction, reply) : notRecognised(interaction));
    }
  } catch (error) {
    await reportFailure(interaction, ctx, error);
  }
}

/** The message a message command runs on, as Discord sent it in the interaction's resolved data (discord.js makes a Message of it). */
function targetMessage(interaction: MessageContextMenuCommandInteraction): TargetMessage {
  const message = interaction.targetMessage;
  const embeds = message.embeds.map((e) => ({ ...(e.title ? { title: e.title } : {}), ...(e.description ? { description: e.description } : {}) }));
  return {
    where: { guildId: interaction.guildId, channelId: message.channelId, messageId: message.id },
    content: message.content,
    embeds,
    attachments: message.attachments.size,
  };
}

/** A button, select or form submit as data, for a face-independent handler. */
function componentRequest<T>(interaction: ComponentInteraction, ctx: BotContext, control: T): ComponentRequest<T> {
  const fields: Record<string, string> = {};
  if (interaction.isModalSubmit()) {
    for (const [customId, field] of interaction.fields.fields) {
      if (field.type === ComponentType.TextInput) fields[customId] = field.value;
      else if (field.type === ComponentType.StringSelect) fields[customId] = field.values[0] ?? '';
    }
  }
  const message = interaction.isMessageComponent() ? interaction.message : null;
  return {
    caller: callerOf(interaction, ctx.env),
    control,
    selected: interaction.isStringSelectMenu() ? interaction.values : [],
    fields,
    message: message && { id: message.id, channelId: message.channelId, ephemeral: message.flags.has(MessageFlags.Ephemeral) },
    async defer() {
      if (!interaction.deferred && !interaction.replied) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    },
  };
}

/** Sends a component's reply: a form to open, the message it is on replaced, or a new message. */
async function deliver(interaction: ComponentInteraction, reply: ComponentReply): Promise<void> {
  if (isModal(reply)) {
    if (interaction.isModalSubmit()) throw new Error('a form cannot answer with another form');
    await interaction.showModal(reply.modal);
  } else if (isUpdate(reply) && interaction.isMessageComponent() && !interaction.deferred) {
    await updateReply(interaction, reply.update);
  } else {
    await sendReply(interaction, isUpdate(reply) ? reply.update : reply);
  }
}

async function reportFailure(interaction: Interaction, ctx: BotContext, error: unknown): Promise<void> {
  const errorId = randomBytes(4).toString('hex');
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  ctx.log.error(
    {
      errorId,
      what: describe(interaction),
      guildId: interaction.guildId,
      err: { message, stack: error instanceof Error ? redactSecrets(error.stack ?? '') : undefined },
    },
    'interaction failed',
  );
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    return;
  }
  if (!interaction.isRepliable()) return;
  // When Discord refused the answer itself, the work may already be done (a claim saved, then its reply lost):
  // "nothing was changed" would be false, and a moderator who believed it would save the claim twice.
  const content =
    error instanceof DiscordAPIError || error instanceof HTTPError ? t('errors.notDelivered', { id: errorId }) : t('errors.failed', { id: errorId });
  const options = { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
  try {
    if (interaction.deferred || interaction.replied) await interaction.followUp(options);
    else await interaction.reply(options);
  } catch (replyError) {
    ctx.log.warn({ errorId, err: { message: redactSecrets((replyError as Error).message) } }, 'could not tell the user about the failure');
  }
}
