// /claim's form submits (the claim form, the correction-note form, the "Answered by…" form), list page buttons, the
// "Add a correction note" button and the dismiss and "Answered by…" selects. Each checks the moderator again
// (Discord does not gate these), gets its custom_id decoded by the router, and acts only within the scope it came
// from. A saved claim answers the waiting questions it now answers (see answerWaiting).
import { checkClaimInput, checkCorrectionNote, ClaimId, ClaimNotFoundError, type Linked, type Scope, type Verdict } from '../../knowledge/index.js';
import { wholeNumber } from '../shared/customId.js';
import type { BotContext, ComponentHandler, ComponentReply, ComponentRequest, ReplyPayload } from '../shared/types.js';
import { COMPONENT, FORM, knownErrorReply, moderatorScope, plainValidationReply, writeWait } from './access.js';
import { claimIds, type ClaimControl } from './customIds.js';
import { correctionNoteModal, submittedNote, submittedValues } from './modal.js';
import { parseModalInput, type ModalValues } from './modalInput.js';
import { pendingEdits, pendingVerdicts } from './pendingEdits.js';
import { listReply, unansweredReply } from './subcommands.js';
import { notSavedView } from './views/form.js';
import { changedFields } from './views/history.js';
import { message, NOT_MODERATOR, rateLimitedText, STALE_CONTROL } from './views/messages.js';
import { addedView, CHANGED_SINCE, editedView, NOTE_RULE, noteNeededView, PENDING_GONE } from './views/saved.js';
import { dismissedNotice, LINK_FIELD, linkedNotice, linkModal } from './views/unanswered.js';

const dismissedQuestion = wholeNumber(15);

const VERDICT_GONE =
  'the verdict you chose with `/claim add` is no longer waiting for this form (15 minutes passed, or the bot restarted): run `/claim add` with it again.';

/**
 * After a moderator's claim is saved: the waiting questions it answers now leave the queue, and the members waiting
 * on them are told (in the background: the moderator's reply does not wait for Discord).
 */
async function answerWaiting(ctx: BotContext, scope: Scope, claimId: string): Promise<Linked> {
  const linked = await scope.linkAnswered(claimId);
  if (linked.members) ctx.notices.deliverDue(scope.guildId);
  if (linked.questions.length)
    ctx.log.info({ guildId: scope.guildId, claimId, questions: linked.questions.length, members: linked.members }, 'claim answers waiting questions');
  return linked;
}

/**
 * Saves a submitted add/edit form; every refusal that loses typing echoes what was typed. A valid form is
 * acknowledged (deferred) before the write, which may wait for another writer's lock longer than Discord's 3 s.
 * An edit that changes what the bot tells people (statement, answer, confidence, claimant) is a correction: it is
 * kept aside until the moderator adds its public note (see saveCorrection); other edits are saved at once. An add
 * form opened with a verdict (`/claim add verdict:`) saves the claim with it.
 */
async function saveForm(
  request: ComponentRequest<unknown>,
  ctx: BotContext,
  guildId: string | null,
  control: Extract<ClaimControl, { action: 'add' | 'edit' }>,
  values: ModalValues,
  verdict?: Verdict,
): Promise<ReplyPayload> {
  const form = parseModalInput(values);
  const parsed = form.ok && verdict ? checkClaimInput({ ...form.input, verdict }) : form;
  if (!parsed.ok) return notSavedView('please fix:', parsed.problems, values);
  const scope = ctx.kb.scope(guildId);
  const by = request.caller.userId;

  // The form has no questions, keywords or tags: an edit keeps the claim's own.
  const draft = control.action === 'edit' ? await scope.draftEdit(control.value, parsed.input) : undefined;
  if (draft?.material.length) {
    const pendingId = pendingEdits.put({ userId: by, guildId, claimId: draft.claim.id, draft });
    return noteNeededView(draft.claim, draft.material, pendingId);
  }

  const wait = writeWait(ctx, by);
  if (wait > 0) return notSavedView(rateLimitedText(wait), [], values);

  await request.defer();
  if (!draft) {
    const claim = await scope.add(parsed.input, { by });
    ctx.log.info({ claimId: claim.id, guildId, userId: by }, 'claim added');
    return addedView(claim, await answerWaiting(ctx, scope, claim.id));
  }
  const result = await scope.saveEdit(draft, { by });
  if (result.status === 'changed-since') return message(CHANGED_SINCE(result.claim.id));
  ctx.log.info({ claimId: result.claim.id, guildId, userId: by }, 'claim edited');
  return editedView(result.claim, changedFields(draft.claim, result.claim), null, await answerWaiting(ctx, scope, result.claim.id));
}

/**
 * Applies a pending material edit with its public note: only for the moderator who made it, in the same server,
 * within 15 minutes, and only if nobody changed the claim in between. A refused note keeps the edit pending.
 */
async function saveCorrection(request: ComponentRequest<unknown>, ctx: BotContext, guildId: string | null, pendingId: string): Promise<ReplyPayload> {
  const by = request.caller.userId;
  const pending = pendingEdits.get(pendingId, by, guildId);
  if (!pending) return message(PENDING_GONE);
  const note = checkCorrectionNote(submittedNote(request.fields));
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

  await request.defer();
  const result = await scope.saveEdit(pending.draft, { by, note: note.note });
  pendingEdits.delete(pendingId);
  if (result.status === 'changed-since') return message(CHANGED_SINCE(result.claim.id));
  ctx.log.info({ claimId: result.claim.id, guildId, userId: by, changed: pending.draft.material }, 'claim corrected');
  const linked = await answerWaiting(ctx, scope, result.claim.id);
  return editedView(result.claim, changedFields(pending.draft.claim, result.claim), result.published, linked);
}

/** "Answered by…": links a queued question to the claim the moderator named, and tells the members waiting on it. */
async function linkQuestion(ctx: BotContext, request: ComponentRequest<unknown>, guildId: string | null, questionId: number): Promise<ReplyPayload> {
  const typed = (request.fields[LINK_FIELD] ?? '').trim();
  const claimId = ClaimId.safeParse(typed);
  if (!claimId.success) throw new ClaimNotFoundError(typed);
  const scope = ctx.kb.scope(guildId);
  await request.defer();
  const { question, count, members } = await scope.answeredBy(questionId, claimId.data);
  if (members) ctx.notices.deliverDue(guildId);
  ctx.log.info({ guildId, userId: request.caller.userId, questionId, claimId: claimId.data, members }, 'queued question linked to a claim');
  return unansweredReply(scope, linkedNotice(question, count, claimId.data, members));
}

/** The scope of the moderator who pressed or submitted, or the refusal anyone else gets. */
function moderated(ctx: BotContext, request: ComponentRequest<unknown>, kind: typeof COMPONENT | typeof FORM) {
  return moderatorScope(request.caller, ctx, kind) ?? message(NOT_MODERATOR);
}
const refused = (scope: ReturnType<typeof moderated>): scope is ReplyPayload => 'content' in scope;

export const claimComponents: ComponentHandler<ClaimControl> = {
  ids: claimIds,
  async modal(ctx, request) {
    const scope = moderated(ctx, request, FORM);
    if (refused(scope)) return scope;
    const { control } = request;
    if (control.action === 'note') {
      try {
        return await saveCorrection(request, ctx, scope.guildId, control.value);
      } catch (error) {
        return knownErrorReply(error, plainValidationReply);
      }
    }
    if (control.action === 'add' || control.action === 'edit' || control.action === 'add-rated') {
      const values = submittedValues(request.fields);
      const ratedId = control.action === 'add-rated' ? control.value : undefined;
      const rated = ratedId ? pendingVerdicts.get(ratedId, request.caller.userId, scope.guildId) : undefined;
      const form = control.action === 'edit' ? control : ({ action: 'add', value: undefined } as const);
      try {
        if (ratedId && !rated) return notSavedView(VERDICT_GONE, [], values);
        const reply = await saveForm(request, ctx, scope.guildId, form, values, rated?.verdict);
        // The form is closed now: a second try starts from /claim add again.
        if (ratedId && rated) pendingVerdicts.delete(ratedId);
        return reply;
      } catch (error) {
        return knownErrorReply(error, (issues) => notSavedView('the claim breaks a rule:', issues, values));
      }
    }
    if (control.action === 'link') {
      try {
        return await linkQuestion(ctx, request, scope.guildId, control.value);
      } catch (error) {
        return knownErrorReply(error, plainValidationReply);
      }
    }
    return message(STALE_CONTROL);
  },
  async button(ctx, request): Promise<ComponentReply> {
    const scope = moderated(ctx, request, COMPONENT);
    if (refused(scope)) return scope;
    const { control, caller } = request;
    if (control.action === 'list') return { update: await listReply(ctx.kb.scope(scope.guildId), control.value, ctx.env.REVIEW_INTERVAL_DAYS) };
    if (control.action === 'note') {
      // Only the moderator who made the edit, in this server, can open its note form.
      return pendingEdits.get(control.value, caller.userId, scope.guildId) ? { modal: correctionNoteModal(control.value) } : message(PENDING_GONE);
    }
    return message(STALE_CONTROL);
  },
  async select(ctx, request): Promise<ComponentReply> {
    const scope = moderated(ctx, request, COMPONENT);
    if (refused(scope)) return scope;
    const value = request.selected[0] ?? '';
    const chosen = dismissedQuestion.safeDecode(value);
    if (request.control.action === 'answered-by' && chosen.success) {
      const question = (await ctx.kb.scope(scope.guildId).unanswered(100)).find((g) => g.id === chosen.data);
      return question ? { modal: linkModal(question) } : message(linkedNotice(undefined, 0, '', 0));
    }
    if (request.control.action !== 'dismiss' || !chosen.success) return message(STALE_CONTROL);
    ctx.log.info({ guildId: scope.guildId, userId: request.caller.userId, unansweredId: value }, 'unanswered question dismissed');
    const questions = ctx.kb.scope(scope.guildId);
    const { question, count } = await questions.dismiss(chosen.data);
    return { update: await unansweredReply(questions, dismissedNotice(question, count)) };
  },
  refuse(ctx, request) {
    const scope = moderated(ctx, request, request.message ? COMPONENT : FORM);
    return Promise.resolve(refused(scope) ? scope : message(STALE_CONTROL));
  },
};
