// /claim — moderators curate this server's own claims: add and edit (through a modal), retire, show, list,
// history, and the questions /factcheck could not answer. Curated claims are read-only here, and a server only
// ever sees and changes its own claims. Every action checks the moderator when it runs.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ClaimNotFoundError, ReadOnlyClaimError } from '../../knowledge/errors.js';
import { LIMITS, type Claim } from '../../knowledge/schema.js';
import { isModerator } from '../permissions.js';
import { sendReply } from '../reply.js';
import type { BotContext, Command, ReplyPayload } from '../types.js';
import { actorOf, knownErrorReply, moderatorGuild, plainValidationReply, writeWait } from './access.js';
import { addClaimModal, editClaimModal } from './modal.js';
import { idChoices, listReply, unansweredReply } from './queries.js';
import { historyView, message, rateLimitedText, retiredView, showView } from './render.js';

const RETIRE_REASON_MAX = 300;

const idOption = (description: string) => ({
  type: ApplicationCommandOptionType.String as const,
  name: 'id',
  description,
  required: true,
  autocomplete: true,
  max_length: LIMITS.id,
});

const data = {
  name: 'claim',
  description: 'Moderators: add, edit and retire this server’s fact-check claims.',
  type: ApplicationCommandType.ChatInput,
  default_member_permissions: PermissionFlagsBits.ManageMessages.toString(),
  dm_permission: false,
  contexts: [InteractionContextType.Guild],
  options: [
    { type: ApplicationCommandOptionType.Subcommand, name: 'add', description: 'Add a claim for this server (opens a form).' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'edit',
      description: 'Edit one of this server’s claims (opens a form).',
      options: [idOption('The claim to edit')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'retire',
      description: 'Stop answering with a claim of this server (its history is kept).',
      options: [
        idOption('The claim to retire'),
        { type: ApplicationCommandOptionType.String, name: 'reason', description: 'Why, for the history', max_length: RETIRE_REASON_MAX },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      description: 'Show a claim as /factcheck answers with it, with its status.',
      options: [idOption('The claim to show')],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'list',
      description: 'This server’s claims, 10 per page.',
      options: [{ type: ApplicationCommandOptionType.Integer, name: 'page', description: 'Page number (default 1)', min_value: 1 }],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'history',
      description: 'Who changed a claim, when, and what changed.',
      options: [idOption('The claim')],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'unanswered', description: 'Questions asked here that no claim answers, most asked first.' },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/** The claim an `id` option names, if this server may see it (curated or its own). */
function visibleClaim(ctx: BotContext, interaction: ChatInputCommandInteraction, guildId: string): Claim {
  const id = interaction.options.getString('id', true).trim();
  const claim = ctx.kb.get(id, guildId);
  if (!claim) throw new ClaimNotFoundError(id);
  return claim;
}

/** The claim an `id` option names, if this server owns it (curated claims are read-only from Discord). */
function ownClaim(ctx: BotContext, interaction: ChatInputCommandInteraction, guildId: string): Claim {
  const claim = visibleClaim(ctx, interaction, guildId);
  if (claim.guildId !== guildId) throw new ReadOnlyClaimError(claim.id);
  return claim;
}

function retire(ctx: BotContext, interaction: ChatInputCommandInteraction, guildId: string): ReplyPayload {
  const claim = ownClaim(ctx, interaction, guildId);
  if (claim.status === 'retired') return retiredView(claim, true);
  const wait = writeWait(interaction, ctx);
  if (wait > 0) return message(rateLimitedText(wait));
  const reason = interaction.options.getString('reason')?.trim() || undefined;
  const retired = ctx.kb.retire(claim.id, actorOf(interaction, guildId), reason);
  ctx.log.info({ claimId: retired.id, guildId, userId: interaction.user.id }, 'claim retired');
  return retiredView(retired, false);
}

export default {
  data,
  async execute(interaction, ctx) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (!guildId) return;
    try {
      switch (interaction.options.getSubcommand(true)) {
        case 'add':
          await interaction.showModal(addClaimModal());
          return;
        case 'edit':
          await interaction.showModal(editClaimModal(ownClaim(ctx, interaction, guildId)));
          return;
        case 'retire':
          await sendReply(interaction, retire(ctx, interaction, guildId));
          return;
        case 'show':
          await sendReply(interaction, showView(visibleClaim(ctx, interaction, guildId)));
          return;
        case 'list':
          await sendReply(interaction, listReply(ctx.kb, guildId, interaction.options.getInteger('page') ?? 1));
          return;
        case 'history': {
          const claim = visibleClaim(ctx, interaction, guildId);
          await sendReply(interaction, historyView(claim, ctx.kb.history(claim.id, guildId)));
          return;
        }
        case 'unanswered':
          await sendReply(interaction, unansweredReply(ctx.kb, guildId));
          return;
        default:
          await sendReply(interaction, message('Unknown /claim subcommand.'));
      }
    } catch (error) {
      await sendReply(interaction, knownErrorReply(error, plainValidationReply));
    }
  },
  async autocomplete(interaction, ctx) {
    let choices: Array<{ name: string; value: string }> = [];
    const guildId = interaction.guildId;
    // Non-moderators get no choices: a server's retired claims are not theirs to browse.
    if (guildId && isModerator(interaction, ctx.env)) {
      try {
        const sub = interaction.options.getSubcommand(false);
        const scope = sub === 'edit' || sub === 'retire' ? 'own' : 'visible';
        choices = idChoices(ctx.kb, guildId, interaction.options.getFocused(), scope);
      } catch (error) {
        ctx.log.error({ err: error }, 'claim autocomplete failed; answering with no choices');
      }
    }
    await interaction.respond(choices);
  },
} satisfies Command;
