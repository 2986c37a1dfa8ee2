// /claim — moderators curate this server's own claims: add and edit (through a modal), retire (with a public note),
// review (mark as re-checked), show, list, stale (due for review), history, the questions /factcheck could not
// answer, and stats on questions and answer feedback. Curated claims are read-only here, and a server only ever
// sees and changes its own claims. Every action checks the moderator when it runs.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { CORRECTION_NOTE_MAX, CorrectionNote } from '../../knowledge/corrections.js';
import { ClaimNotFoundError, ReadOnlyClaimError, ValidationError } from '../../knowledge/errors.js';
import { describeIssues, LIMITS, type Claim } from '../../knowledge/schema.js';
import { isModerator } from '../permissions.js';
import { publicCorrection } from '../render/answerReply.js';
import { sendReply } from '../reply.js';
import type { BotContext, Command, ReplyPayload } from '../types.js';
import { actorOf, knownErrorReply, moderatorGuild, plainValidationReply, writeWait } from './access.js';
import { addClaimModal, editClaimModal } from './modal.js';
import { idChoices, listReply, staleReply, statsReply, unansweredReply } from './queries.js';
import { historyView, message, rateLimitedText, retiredView, reviewedView, showView } from './render.js';

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
        {
          type: ApplicationCommandOptionType.String,
          name: 'note',
          description: 'Public note: why it is retired (a correction, kept in the history)',
          required: true,
          min_length: 5,
          max_length: CORRECTION_NOTE_MAX,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'review',
      description: 'Mark one of this server’s claims as re-checked today.',
      options: [idOption('The claim you re-checked')],
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
    { type: ApplicationCommandOptionType.Subcommand, name: 'stale', description: 'This server’s claims due for review, oldest first.' },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'history',
      description: 'Who changed a claim, when, and what changed.',
      options: [idOption('The claim')],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'unanswered', description: 'Questions asked here that no claim answers, most asked first.' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'stats', description: 'Questions and answer feedback here over the last 7 and 30 days.' },
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

/** A retirement is a correction: its public note is required (checked before the write cooldown is spent). */
function retire(ctx: BotContext, interaction: ChatInputCommandInteraction, guildId: string): ReplyPayload {
  const claim = ownClaim(ctx, interaction, guildId);
  if (claim.status === 'retired') return retiredView(claim, true);
  const note = CorrectionNote.safeParse(interaction.options.getString('note') ?? '');
  if (!note.success) throw new ValidationError(describeIssues(note.error).map((i) => `note: ${i.replace(/^\(record\): /, '')}`));
  const wait = writeWait(interaction, ctx);
  if (wait > 0) return message(rateLimitedText(wait));
  const retired = ctx.kb.retire(claim.id, actorOf(interaction, guildId), note.data);
  ctx.log.info({ claimId: retired.id, guildId, userId: interaction.user.id }, 'claim retired');
  return retiredView(retired, false);
}

/** Marks a claim of this server as re-checked today; the audit trail records who did. */
function review(ctx: BotContext, interaction: ChatInputCommandInteraction, guildId: string): ReplyPayload {
  const claim = ownClaim(ctx, interaction, guildId);
  const wait = writeWait(interaction, ctx);
  if (wait > 0) return message(rateLimitedText(wait));
  const reviewed = ctx.kb.review(claim.id, actorOf(interaction, guildId));
  ctx.log.info({ claimId: reviewed.id, guildId, userId: interaction.user.id }, 'claim reviewed');
  return reviewedView(reviewed, ctx.env.REVIEW_INTERVAL_DAYS);
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
        case 'review':
          await sendReply(interaction, review(ctx, interaction, guildId));
          return;
        case 'show': {
          const claim = visibleClaim(ctx, interaction, guildId);
          await sendReply(interaction, showView(claim, publicCorrection(ctx.kb, claim.id)));
          return;
        }
        case 'list':
          await sendReply(interaction, listReply(ctx.kb, guildId, interaction.options.getInteger('page') ?? 1, ctx.env.REVIEW_INTERVAL_DAYS));
          return;
        case 'stale':
          await sendReply(interaction, staleReply(ctx.kb, guildId, ctx.env.REVIEW_INTERVAL_DAYS));
          return;
        case 'stats':
          await sendReply(interaction, statsReply(ctx.kb, guildId));
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
        const scope = sub === 'edit' || sub === 'retire' || sub === 'review' ? 'own' : 'visible';
        choices = idChoices(ctx.kb, guildId, interaction.options.getFocused(), scope);
      } catch (error) {
        ctx.log.error({ err: error }, 'claim autocomplete failed; answering with no choices');
      }
    }
    await interaction.respond(choices);
  },
} satisfies Command;
