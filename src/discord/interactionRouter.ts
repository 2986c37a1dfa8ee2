// Routes each interaction to its command or component handler. Every failure is answered with a short ephemeral
// message carrying an error id, and the same id is logged, so a moderator's report can be traced.
import { randomBytes } from 'node:crypto';
import { DiscordAPIError, HTTPError, MessageFlags, type Interaction } from 'discord.js';
import { redactSecrets } from '../log.js';
import { parseCustomId } from '../commands/customIds.js';
import type { BotContext, Command, ComponentHandler } from '../commands/types.js';

export interface Routes {
  commands: ReadonlyMap<string, Command>;
  components: ReadonlyMap<string, ComponentHandler>;
}

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return interaction.customId;
  return `interaction type ${interaction.type}`;
}

export async function routeInteraction(interaction: Interaction, ctx: BotContext, routes: Routes): Promise<void> {
  try {
    if (interaction.isAutocomplete()) {
      await routes.commands.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
      return;
    }
    if (interaction.isChatInputCommand()) {
      const command = routes.commands.get(interaction.commandName);
      if (!command) throw new Error(`unknown command /${interaction.commandName}`);
      await command.execute(interaction, ctx);
      return;
    }
    if (interaction.isButton() || interaction.isStringSelectMenu() || interaction.isModalSubmit()) {
      const parsed = parseCustomId(interaction.customId);
      const handler = parsed ? routes.components.get(parsed.prefix) : undefined;
      if (interaction.isButton() && handler?.button) return await handler.button(interaction, ctx);
      if (interaction.isStringSelectMenu() && handler?.select) return await handler.select(interaction, ctx);
      if (interaction.isModalSubmit() && handler?.modal) return await handler.modal(interaction, ctx);
      await interaction.reply({ content: 'That button or form is not recognised.', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    }
  } catch (error) {
    await reportFailure(interaction, ctx, error);
  }
}

async function reportFailure(interaction: Interaction, ctx: BotContext, error: unknown): Promise<void> {
  const errorId = randomBytes(4).toString('hex');
  const message = redactSecrets(error instanceof Error ? error.message : String(error));
  ctx.log.error({ errorId, what: describe(interaction), guildId: interaction.guildId, err: { message, stack: error instanceof Error ? redactSecrets(error.stack ?? '') : undefined } }, 'interaction failed');
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
