// /claim's form submits (the claim form and the correction-note form), list page buttons, the "Add a correction
// note" button and the dismiss select. Each checks the moderator again (Discord does not gate these), gets its
// custom_id decoded by the router, and acts only within the server it came from.
import { MessageFlags } from 'discord-api-types/v10';
import type { ModalSubmitInteraction } from 'discord.js';
import { checkClaimInput, checkCorrectionNote, ClaimNotFoundError, type Verdict } from '../../knowledge/index.js';
import { wholeNumber } from '../shared/customId.js';
import { sendReply, updateReply } from '../shared/reply.js';
import type { BotContext, ComponentHandler, ReplyPayload } from '../shared/types.js';
import { knownErrorReply, moderatorGuild, plainValidationReply, writeWait } from './access.js';
import { claimIds, type ClaimControl } from './customIds.js';
import { correctionNoteModal, submittedNote, submittedValues } from './modal.js';
import { parseModalInput, type ModalValues } from './modalInput.js';
import { pendingEdits, pendingVerdicts } from './pendingEdits.js';
import { listReply, unansweredReply } from './subcommands.js';
import { notSavedView } from './views/form.js';
import { changedFields } from './views/history.js';
import { message, rateLimitedText, STALE_CONTROL } from './views/messages.js';
import { addedView, CHANGED_SINCE, editedView, NOTE_RULE, noteNeededView, PENDING_GONE } from './views/saved.js';
import { dismissedNotice } from './views/unanswered.js';

const dismissedQuestion = wholeNumber(15);

const VERDICT_GONE =
  'the verdict you chose with `/claim add` is no longer waiting for this form (15 minutes passed, or the bot restarted): run `/claim add` with it again.';

/**
 * Saves a submitted add/edit form; every refusal that loses typing echoes what was typed. A valid form is
 * acknowledged (deferred) before the write, which may wait for another writer's lock longer than Discord's 3 s.
 * An edit that changes what the bot tells people (statement, answer, confidence, claimant) is a correction: it is
 * kept aside until the moderator adds its public note (see saveCorrection); other edits are saved at once. An add
 * form opened with a verdict (`/claim add verdict:`) saves the claim with it.
 */
async function saveForm(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  guildId: string,
  control: Extract<ClaimControl, { action: 'add' | 'edit' }>,
  values: ModalValues,
  verdict?: Verdict,
): Promise<ReplyPayload> {
  const form = parseModalInput(values);
  const parsed = form.ok && verdict ? checkClaimInput({ ...form.input, verdict }) : form;
  if (!parsed.ok) return notSavedView('please fix:', parsed.problems, values);
  const scope = ctx.kb.scope(guildId);
  const by = interaction.user.id;

  // The form has no questions, keywords or tags: an edit keeps the claim's own.
  const draft = control.action === 'edit' ? await scope.draftEdit(control.value, parsed.input) : undefined;
  if (draft?.material.length) {
    const pendingId = pendingEdits.put({ userId: by, guildId, claimId: draft.claim.id, draft });
    return noteNeededView(draft.claim, draft.material, pendingId);
  }

  const wait = writeWait(ctx, by);
  if (wait > 0) return notSavedView(rateLimitedText(wait), [], values);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (!draft) {
    const claim = await scope.add(parsed.input, { by });
    ctx.log.info({ claimId: claim.id, guildId, userId: by }, 'claim added');
    return addedView(claim);
  }
  const result = await scope.saveEdit(draft, { by });
  if (result.status === 'changed-since') return message(CHANGED_SINCE(result.claim.id));
  ctx.log.info({ claimId: result.claim.id, guildId, userId: by }, 'claim edited');
  return editedView(result.claim, changedFields(draft.claim, result.claim));
}

/**
 * Applies a pending material edit with its public note: only for the moderator who made it, in the same server,
 * within 15 minutes, and only if nobody changed the claim in between. A refused note keeps the edit pending.
 */
async function saveCorrection(interaction: ModalSubmitInteraction, ctx: BotContext, guildId: string, pendingId: string): Promise<ReplyPayload> {
  const by = interaction.user.id;
  const pending = pendingEdits.get(pendingId, by, guildId);
  if (!pending) return message(PENDING_GONE);
  const note = checkCorrectionNote(submittedNote(interaction));
  if (!note.ok) return message(`**Not saved** — ${note.problems.join('; ')}. ${NOTE_RULE} Press the button again to retry.`);
  const scope = ctx.kb.scope(guildId);
  const current = await scope.claim(pending.claimId);
  if (!current) throw new ClaimNotFoundError(pending.claimId);
  if (current.claim.updatedAt !== pending.draft.claim.updatedAt) {
    pendingEdits.delete(pendingId);
    return message(CHANGED_SINCE(current.claim.id));
  }
  const wait = writeWait(ctx, by);
  if (wait > 0) return message(`${rateLimitedText(wait)} Your edit is still waiting for its note: press the button again.`);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await scope.saveEdit(pending.draft, { by, note: note.note });
  pendingEdits.delete(pendingId);
  if (result.status === 'changed-since') return message(CHANGED_SINCE(result.claim.id));
  ctx.log.info({ claimId: result.claim.id, guildId, userId: by, changed: pending.draft.material }, 'claim corrected');
  return editedView(result.claim, changedFields(pending.draft.claim, result.claim), result.published);
}

export const claimComponents: ComponentHandler<ClaimControl> = {
  ids: claimIds,
  async modal(interaction, ctx, control) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (!guildId) return;
    let reply: ReplyPayload;
    if (control.action === 'note') {
      try {
        reply = await saveCorrection(interaction, ctx, guildId, control.value);
      } catch (error) {
        reply = knownErrorReply(error, plainValidationReply);
      }
    } else if (control.action === 'add' || control.action === 'edit' || control.action === 'add-rated') {
      const values = submittedValues(interaction);
      const ratedId = control.action === 'add-rated' ? control.value : undefined;
      const rated = ratedId ? pendingVerdicts.get(ratedId, interaction.user.id, guildId) : undefined;
      const form = control.action === 'edit' ? control : ({ action: 'add', value: undefined } as const);
      try {
        reply = ratedId && !rated ? notSavedView(VERDICT_GONE, [], values) : await saveForm(interaction, ctx, guildId, form, values, rated?.verdict);
      } catch (error) {
        reply = knownErrorReply(error, (issues) => notSavedView('the claim breaks a rule:', issues, values));
      }
      // The form is closed now: a second try starts from /claim add again.
      if (ratedId && rated) pendingVerdicts.delete(ratedId);
    } else {
      reply = message(STALE_CONTROL);
    }
    await sendReply(interaction, reply);
  },
  async button(interaction, ctx, control) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (!guildId) return;
    if (control.action === 'list') {
      await updateReply(interaction, await listReply(ctx.kb.scope(guildId), control.value, ctx.env.REVIEW_INTERVAL_DAYS));
    } else if (control.action === 'note') {
      // Only the moderator who made the edit, in this server, can open its note form.
      if (pendingEdits.get(control.value, interaction.user.id, guildId)) await interaction.showModal(correctionNoteModal(control.value));
      else await sendReply(interaction, message(PENDING_GONE));
    } else {
      await sendReply(interaction, message(STALE_CONTROL));
    }
  },
  async select(interaction, ctx, control) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (!guildId) return;
    const value = interaction.values[0] ?? '';
    const chosen = dismissedQuestion.safeDecode(value);
    if (control.action !== 'dismiss' || !chosen.success) {
      await sendReply(interaction, message(STALE_CONTROL));
      return;
    }
    ctx.log.info({ guildId, userId: interaction.user.id, unansweredId: value }, 'unanswered question dismissed');
    const scope = ctx.kb.scope(guildId);
    const { question, count } = await scope.dismiss(chosen.data);
    await updateReply(interaction, await unansweredReply(scope, dismissedNotice(question, count)));
  },
  async refuse(interaction, ctx) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (guildId) await sendReply(interaction, message(STALE_CONTROL));
  },
};
