// /claim's modal submits, list page buttons and the dismiss select. Each checks the moderator again (Discord does
// not gate these), parses the untrusted custom_id, and acts only within the server it came from.
import { MessageFlags, type InteractionUpdateOptions, type MessageComponentInteraction, type ModalSubmitInteraction } from 'discord.js';
import { ClaimNotFoundError, ReadOnlyClaimError } from '../../knowledge/errors.js';
import { sendReply } from '../reply.js';
import type { BotContext, ComponentHandler, ReplyPayload } from '../types.js';
import { actorOf, knownErrorReply, moderatorGuild, writeWait } from './access.js';
import { CLAIM_PREFIX, parseClaimCustomId } from './customIds.js';
import { submittedValues } from './modal.js';
import { parseModalInput, type ModalValues } from './modalInput.js';
import { dismissAndList, listReply } from './queries.js';
import { addedView, changedFields, editedView, message, notSavedView, rateLimitedText } from './render.js';

const STALE = 'That control is out of date or not for this server. Run `/claim` again.';

/** Replaces the message the component is on (list pages, the unanswered list), never pinging anyone. */
function toUpdate(payload: ReplyPayload): InteractionUpdateOptions {
  return {
    content: payload.content ?? '',
    embeds: payload.embeds ?? [],
    components: payload.components ?? [],
    allowedMentions: { parse: [] },
  };
}

async function update(interaction: MessageComponentInteraction, payload: ReplyPayload): Promise<void> {
  await interaction.update(toUpdate(payload));
}

/**
 * Saves a submitted add/edit form; every refusal that loses typing echoes what was typed. A valid form is
 * acknowledged (deferred) before the write, which may wait for another writer's lock longer than Discord's 3 s.
 */
async function saveModal(interaction: ModalSubmitInteraction, ctx: BotContext, guildId: string, values: ModalValues): Promise<ReplyPayload> {
  const action = parseClaimCustomId(interaction.customId);
  if (action?.action !== 'add' && action?.action !== 'edit') return message(STALE);
  const parsed = parseModalInput(values);
  if (!parsed.ok) return notSavedView('please fix:', parsed.problems, values);

  const existing = action.action === 'edit' ? ctx.kb.get(action.claimId, guildId) : undefined;
  if (action.action === 'edit' && !existing) throw new ClaimNotFoundError(action.claimId);
  if (existing && existing.guildId !== guildId) throw new ReadOnlyClaimError(existing.id);

  const wait = writeWait(interaction, ctx);
  if (wait > 0) return notSavedView(rateLimitedText(wait), [], values);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const by = actorOf(interaction, guildId);
  if (!existing) {
    const claim = ctx.kb.add(parsed.input, by);
    ctx.log.info({ claimId: claim.id, guildId, userId: by.actor }, 'claim added');
    return addedView(claim);
  }
  // The form has no questions, keywords or tags: keep the claim's own.
  const input = { ...parsed.input, questions: existing.questions, keywords: existing.keywords, tags: existing.tags };
  const claim = ctx.kb.edit(existing.id, input, by);
  ctx.log.info({ claimId: claim.id, guildId, userId: by.actor }, 'claim edited');
  return editedView(claim, changedFields(existing, claim));
}

export default {
  prefix: CLAIM_PREFIX,
  async modal(interaction, ctx) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (!guildId) return;
    const values = submittedValues(interaction);
    let reply: ReplyPayload;
    try {
      reply = await saveModal(interaction, ctx, guildId, values);
    } catch (error) {
      reply = knownErrorReply(error, (issues) => notSavedView('the claim breaks a rule:', issues, values));
    }
    await sendReply(interaction, reply);
  },
  async button(interaction, ctx) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (!guildId) return;
    const action = parseClaimCustomId(interaction.customId);
    if (action?.action !== 'list') {
      await sendReply(interaction, message(STALE));
      return;
    }
    await update(interaction, listReply(ctx.kb, guildId, action.page));
  },
  async select(interaction, ctx) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (!guildId) return;
    const action = parseClaimCustomId(interaction.customId);
    const value = interaction.values[0] ?? '';
    if (action?.action !== 'dismiss' || !/^\d{1,15}$/.test(value)) {
      await sendReply(interaction, message(STALE));
      return;
    }
    ctx.log.info({ guildId, userId: interaction.user.id, unansweredId: value }, 'unanswered question dismissed');
    await update(interaction, dismissAndList(ctx.kb, guildId, Number(value)));
  },
} satisfies ComponentHandler;
