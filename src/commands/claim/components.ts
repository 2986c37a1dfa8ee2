// /claim's form submits (the claim form and the correction-note form), list page buttons, the "Add a correction
// note" button and the dismiss select. Each checks the moderator again (Discord does not gate these), gets its
// custom_id decoded by the router, and acts only within the server it came from.
import { MessageFlags } from 'discord-api-types/v10';
import type { ModalSubmitInteraction } from 'discord.js';
import { CannotWriteError, checkCorrectionNote, PENDING_EDITS_PER_SERVER, type HeldEdit } from '../../knowledge/index.js';
import { wholeNumber } from '../shared/customId.js';
import { sendReply, updateReply } from '../shared/reply.js';
import type { BotContext, ComponentHandler, ReplyPayload } from '../shared/types.js';
import { cannotWriteText, knownErrorReply, moderatorGuild, plainValidationReply, writeWait } from './access.js';
import { claimIds, type ClaimControl } from './customIds.js';
import { correctionNoteModal, submittedNote, submittedValues } from './modal.js';
import { parseEditInput, parseModalInput, type ModalValues } from './modalInput.js';
import { listReply, unansweredReply } from './subcommands.js';
import { notSavedView } from './views/form.js';
import { changedFields } from './views/history.js';
import { message, rateLimitedText, STALE_CONTROL } from './views/messages.js';
import {
  addedView,
  ALREADY_SAVED,
  CHANGED_SINCE,
  EDITS_WAITING_FULL,
  editedView,
  NOTE_IN_FLIGHT,
  NOTE_RULE,
  noteNeededView,
  PENDING_GONE,
} from './views/saved.js';
import { dismissedNotice } from './views/unanswered.js';

const dismissedQuestion = wholeNumber(15);

/** The add form's and the edit form's controls. */
type FormControl = Extract<ClaimControl, { action: 'add' | 'edit' }>;

/**
 * Saves a submitted add/edit form; every refusal that loses typing echoes what was typed. A valid form is
 * acknowledged (deferred) before the write, which may wait for another writer's lock longer than Discord's 3 s.
 * An edit form names the version of the claim it was opened on: if the claim changed since, nothing is saved and
 * the moderator is told who changed what (saving would silently undo that change). An edit that changes what the bot
 * tells people (statement, answer, confidence, claimant) is a correction: it is kept (in the database) until the
 * moderator adds its public note (see saveCorrection); other edits are saved at once.
 */
async function saveForm(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  guildId: string,
  control: FormControl,
  values: ModalValues,
): Promise<ReplyPayload> {
  const scope = ctx.kb.scope(guildId);
  const by = interaction.user.id;
  if (control.action === 'add') {
    const parsed = parseModalInput(values);
    if (!parsed.ok) return notSavedView('please fix:', parsed.problems, values);
    const wait = writeWait(ctx, by);
    if (wait > 0) return notSavedView(rateLimitedText(wait), [], values);
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const claim = await scope.add(parsed.input, { by });
    ctx.log.info({ claimId: claim.id, guildId, userId: by }, 'claim added');
    return addedView(claim);
  }

  const { claimId, version } = control.value;
  // The claim as this server owns it now; the form is read against it only if it is still the version shown.
  const current = await scope.editable(claimId);
  if (current.version !== version) return notSavedView(CHANGED_SINCE(current.claim, await scope.changesSince(claimId, version)), [], values);
  const parsed = parseEditInput(values, current.claim);
  if (!parsed.ok) return notSavedView('please fix:', parsed.problems, values);
  // The form has no questions, keywords or tags: an edit keeps the claim's own.
  const draft = await scope.draftEdit(claimId, parsed.input, version);
  if (draft.kind === 'changed-since') return notSavedView(CHANGED_SINCE(draft.claim, draft.changes), [], values);
  const keptSources = parsed.keptSources === true;
  if (draft.material.length) {
    // Keeping the edit is a write too: acknowledged first.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const held = await scope.holdEdit(draft, { by });
    if (held.status === 'full') return notSavedView(EDITS_WAITING_FULL(PENDING_EDITS_PER_SERVER), [], values);
    return noteNeededView(draft.claim, draft.material, held.id);
  }

  const wait = writeWait(ctx, by);
  if (wait > 0) return notSavedView(rateLimitedText(wait), [], values);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const result = await scope.saveEdit(draft, { by });
  if (result.status === 'changed-since') return notSavedView(CHANGED_SINCE(result.claim, result.changes), [], values);
  ctx.log.info({ claimId: result.claim.id, guildId, userId: by }, 'claim edited');
  return editedView(result.claim, changedFields(draft.claim, result.claim), null, keptSources);
}

/** Notes being saved in this process, by pending edit: a repeated submit meanwhile is told so, not "still waiting". */
const savingNotes = new Set<string>();

/** The reply to a kept edit that cannot take a note (any more). */
function notWaiting(held: Exclude<HeldEdit, { status: 'waiting' }>): ReplyPayload {
  if (held.status === 'saved') return message(ALREADY_SAVED(held.claim, held.savedAt));
  if (held.status === 'changed-since') return message(CHANGED_SINCE(held.claim, held.changes, 'submitted'));
  return message(PENDING_GONE);
}

/**
 * Applies a kept material edit with its public note: only for the moderator who made it, in the same server,
 * within 15 minutes, only if nobody changed the claim in between, and once — a repeated submit (however fast) is
 * told it was saved. A refused note keeps the edit waiting.
 */
async function saveCorrection(interaction: ModalSubmitInteraction, ctx: BotContext, guildId: string, pendingId: string): Promise<ReplyPayload> {
  const by = interaction.user.id;
  const scope = ctx.kb.scope(guildId);
  const held = await scope.heldEdit(pendingId, { by });
  if (held.status !== 'waiting') return notWaiting(held);
  const note = checkCorrectionNote(submittedNote(interaction));
  if (!note.ok) return message(`**Not saved** — ${note.problems.join('; ')}. ${NOTE_RULE} Press the button again to retry.`);
  if (savingNotes.has(pendingId)) return message(NOTE_IN_FLIGHT);
  const wait = writeWait(ctx, by);
  if (wait > 0) return message(`${rateLimitedText(wait)} Your edit is still waiting for its note: press the button again.`);

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  savingNotes.add(pendingId);
  try {
    const result = await scope.saveHeldEdit(pendingId, { by, note: note.note });
    if (result.status !== 'saved') {
      return result.status === 'already-saved'
        ? message(ALREADY_SAVED(result.claim, result.savedAt))
        : notWaiting(result.status === 'changed-since' ? result : { status: 'gone' });
    }
    ctx.log.info({ claimId: result.claim.id, guildId, userId: by, changed: held.draft.material }, 'claim corrected');
    return editedView(result.claim, changedFields(held.draft.claim, result.claim), result.published);
  } finally {
    savingNotes.delete(pendingId);
  }
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
    } else if (control.action === 'add' || control.action === 'edit') {
      const values = submittedValues(interaction);
      try {
        reply = await saveForm(interaction, ctx, guildId, control, values);
      } catch (error) {
        // Nothing typed is lost: a refused write echoes the form too.
        reply =
          error instanceof CannotWriteError
            ? notSavedView(cannotWriteText(error.reason), [], values)
            : knownErrorReply(error, (issues) => notSavedView('the claim breaks a rule:', issues, values));
      }
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
      const held = await ctx.kb.scope(guildId).heldEdit(control.value, { by: interaction.user.id });
      if (held.status === 'waiting') await interaction.showModal(correctionNoteModal(control.value));
      else await sendReply(interaction, notWaiting(held));
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
    // A write: acknowledged first, as it may wait for another program's lock.
    await interaction.deferUpdate();
    let notice: string;
    try {
      const { question, count } = await scope.dismiss(chosen.data);
      notice = dismissedNotice(question, count);
    } catch (error) {
      if (!(error instanceof CannotWriteError)) throw error;
      notice = `**Not dismissed** — ${cannotWriteText(error.reason)}`;
    }
    await updateReply(interaction, await unansweredReply(scope, notice));
  },
  async refuse(interaction, ctx) {
    const guildId = await moderatorGuild(interaction, ctx);
    if (guildId) await sendReply(interaction, message(STALE_CONTROL));
  },
};
