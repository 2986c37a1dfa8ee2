// Routes each Discord interaction to its command or component handler: reads a command's options from its
// definition, decodes a component's custom_id once with its feature's codec, and delivers the reply. Every failure
// is answered with a short ephemeral message carrying an error id, and the same id is logged, so a moderator's
// report can be traced.
import { randomBytes } from 'node:crypto';
import { DiscordAPIError, HTTPError, MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { redactSecrets } from '../../log.js';
import { prefixOf } from './customId.js';
import { readInput } from './options.js';
import { callerOf, takeUnreadablePermissions } from './permissions.js';
import type { Registry } from './registry.js';
import { sendReply } from './reply.js';
import { isModal, type BotContext } from './types.js';

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return interaction.customId;
  return `interaction type ${interaction.type}`;
}

async function notRecognised(interaction: RepliableInteraction): Promise<void> {
  await interaction.reply({ content: 'That button or form is not recognised.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
}

/** The reply to an interaction whose permissions Discord sent in a form that cannot be read. */
export const UNREADABLE_PERMISSIONS =
  'Discord sent this with permissions I could not read, so I cannot tell what you may do here. Nothing was done — try again.';

export async function routeInteraction(interaction: Interaction, ctx: BotContext, registry: Registry): Promise<void> {
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
    if (interaction.isChatInputCommand()) {
      const command = registry.commands.get(interaction.commandName);
      if (!command) throw new Error(`unknown command /${interaction.commandName}`);
      const reply = await command.run(ctx, {
        caller: callerOf(interaction, ctx.env),
        input: readInput(command.definition, interaction.options),
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
      if (value === null) return await handler.refuse(interaction, ctx);
      if (interaction.isButton() && handler.button) return await handler.button(interaction, ctx, value);
      if (interaction.isStringSelectMenu() && handler.select) return await handler.select(interaction, ctx, value);
      if (interaction.isModalSubmit() && handler.modal) return await handler.modal(interaction, ctx, value);
      await notRecognised(interaction);
    }
  } catch (error) {
    await reportFailure(interaction, ctx, error);
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
    error instanceof DiscordAPIError || error instanceof HTTPError
      ? `Discord did not take my answer, so what you asked for may have been done: check before you try again. Error id: \`${errorId}\``
      : `Something went wrong and nothing was changed. Error id: \`${errorId}\` — give it to a moderator if it keeps happening.`;
  const options = { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } as const;
  try {
    if (interaction.deferred || interaction.replied) await interaction.followUp(options);
    else await interaction.reply(options);
  } catch (replyError) {
    ctx.log.warn({ errorId, err: { message: redactSecrets((replyError as Error).message) } }, 'could not tell the user about the failure');
  }
}
