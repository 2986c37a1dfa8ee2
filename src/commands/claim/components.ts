// /claim's modal submits (the claim form and the correction-note form), list page buttons, the "Add a correction
// note" button and the dismiss select. Each checks the moderator again (Discord does not gate these), parses the
// untrusted custom_id, and acts only within the server it came from.
import { MessageFlags, type InteractionUpdateOptions, type MessageComponentInteraction, type ModalSubmitInteraction } from 'discord.js';
import { CorrectionNote, materialChanges } from '../../knowledge/corrections.js';
import { ClaimNotFoundError, ReadOnlyClaimError } from '../../knowledge/errors.js';
import { describeIssues } from '../../knowledge/schema.js';
import { publicCorrection } from '../render/answerReply.js';
import { sendReply } from '../reply.js';
import type { BotContext, ComponentHandler, ReplyPayload } from '../types.js';
import { actorOf, knownErrorReply, moderatorGuild, plainValidationReply, writeWait } from './access.js';
import { CLAIM_PREFIX, parseClaimCustomId } from './customIds.js';
import { correctionNoteModal, submittedNote, submittedValues } from './modal.js';
import { parseModalInput, type ModalValues } from './modalInput.js';
import { pendingEdits } from './pendingEdits.js';
import { dismissAndList, listReply } from './queries.js';
import {
  addedView,
  CHANGED_SINCE,
  changedFields,
  editedView,
  message,
  NOTE_RULE,
  noteNeededView,
  notSavedView,
  PENDING_GONE,
  rateLimitedText,
} from './render.js';

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
 * An edit that changes what the bot tells people (statement, answer, confidence, claimant) is a correction: it is
 * kept aside until the moderator adds its public note (see saveCorrection); other edits are saved at once.
 */
async function saveModal(interaction: ModalSubmitInteraction, ctx: BotContext, guildId: string, values: ModalValues): Promise<ReplyPayload> {
  const action = parseClaimCustomId(interaction.customId);
  if (action?.action !== 'add' && action?.action !== 'edit') return message(STALE);
  const parsed = parseModalInput(values);
  if (!parsed.ok) return notSavedView('please fix:', parsed.problems, values);

  const existing = action.action === 'edit' ? ctx.kb.get(action.claimId, guildId) : undefined;
  if (action.action === 'edit' && !existing) throw new ClaimNotFoundError(action.claimId);
  if (existing && existing.guildId !== guildId) throw new ReadOnlyClaimError(existing.id);

  // The form has no questions, keywords or tags: an edit keeps the claim's own.
  const input = existing && { ...parsed.input, questions: existing.questions, keywords: existing.keywords, tags: existing.tags };
  if (existing && input) {
    const changed = materialChanges(existing, input);
    if (changed.length) {
      const pendingId = pendingEdits.put({
        userId: interaction.user.id,
        guildId,
        claimId: existing.id,
        input,
        baseUpdatedAt: existing.updatedAt,
        changed,
      });
      return noteNeededView(existing, changed, pendingId);
    }
  }

  const wait = writeWait(interaction, ctx);
  if (wait > 0) return notSavedView(rateLimitedText(wait), [], values);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const by = actorOf(interaction, guildId);
  if (!existing || !input) {
    const claim = ctx.kb.add(parsed.input, by);
    ctx.log.info({ claimId: claim.id, guildId, userId: by.actor }, 'claim added');
    return addedView(claim);
  }
  const claim = ctx.kb.edit(existing.id, input, by);
  ctx.log.info({ claimId: claim.id, guildId, userId: by.actor }, 'claim edited');
  return editedView(claim, changedFields(existing, claim));
}

/**
 * Applies a pending material edit with its public note: only for the moderator who made it, in the same server,
 * within 15 minutes, and only if nobody changed the claim in between. A refused note keeps the edit pending.
 */
async function saveCorrection(interaction: ModalSubmitInteraction, ctx: BotContext, guildId: string, pendingId: string): Promise<ReplyPayload> {
  const pending = pendingEdits.get(pendingId, interaction.user.id, guildId);
  if (!pending) return message(PENDING_GONE);
  const note = CorrectionNote.safeParse(submittedNote(interaction));
  if (!note.success) {
    return message(`**Not saved** — ${describeIssues(note.error).map((i) => `note: ${i.replace(/^\(record\): /, '')}`).join('; ')}. ${NOTE_RULE} Press the button again to retry.`);
  }
  const existing = ctx.kb.get(pending.claimId, guildId);
  if (!existing) throw new ClaimNotFoundError(pending.claimId);
  if (existing.guildId !== guildId) throw new ReadOnlyClaimError(existing.id);
  if (existing.updatedAt !== pending.baseUpdatedAt) {
    pendingEdits.delete(pendingId);
    return message(CHANGED_SINCE(existing.id));
  }
  const wait = writeWait(interaction, ctx);
  if (wait > 0) return message(`${rateLimitedText(wait)} Your edit is still waiting for its note: press the button again.`);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const by = actorOf(interaction, guildId);
  const claim = ctx.kb.edit(existing.id, pending.input, by, note.data);
  pendingEdits.delete(pendingId);
  ctx.log.info({ claimId: claim.id, guildId, userId: by.actor, changed: pending.changed }, 'claim corrected');
  return editedView(claim, changedFields(existing, claim), publicCorrection(ctx.kb, claim.id));
}

export default {
  prefix: CLAIM_PREFIX,
  async modal(interaction, ctx) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (!guildId) return;
    const action = parseClaimCustomId(interaction.customId);
    let reply: ReplyPayload;
    if (action?.action === 'note') {
      try {
        reply = await saveCorrection(interaction, ctx, guildId, action.pendingId);
      } catch (error) {
        reply = knownErrorReply(error, plainValidationReply);
      }
    } else {
      const values = submittedValues(interaction);
      try {
        reply = await saveModal(interaction, ctx, guildId, values);
      } catch (error) {
        reply = knownErrorReply(error, (issues) => notSavedView('the claim breaks a rule:', issues, values));
      }
    }
    await sendReply(interaction, reply);
  },
  async button(interaction, ctx) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (!guildId) return;
    const action = parseClaimCustomId(interaction.customId);
    if (action?.action === 'list') {
      await update(interaction, listReply(ctx.kb, guildId, action.page, ctx.env.REVIEW_INTERVAL_DAYS));
    } else if (action?.action === 'note') {
      // Only the moderator who made the edit, in this server, can open its note form.
      if (pendingEdits.get(action.pendingId, interaction.user.id, guildId)) await interaction.showModal(correctionNoteModal(action.pendingId));
      else await sendReply(interaction, message(PENDING_GONE));
    } else {
      await sendReply(interaction, message(STALE));
    }
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
