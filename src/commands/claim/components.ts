// /claim's form submits (the claim form, the correction-note form, the "Answered by…" form), list page buttons, the
// "Add a correction note" button and the dismiss and "Answered by…" selects. Each checks the moderator again
// (Discord does not gate these), gets its custom_id decoded by the router, and acts only within the scope it came
// from. A saved claim answers the waiting questions it now answers (see answerWaiting).
import {
  CannotWriteError,
  checkClaimInput,
  checkCorrectionNote,
  ClaimId,
  ClaimNotFoundError,
  PENDING_EDITS_PER_SERVER,
  type HeldEdit,
  type Linked,
  type Scope,
  type Verdict,
} from '../../knowledge/index.js';
import { wholeNumber } from '../shared/customId.js';
import type { BotContext, ComponentHandler, ComponentReply, ComponentRequest, ReplyPayload } from '../shared/types.js';
import { cannotWriteText, COMPONENT, FORM, knownErrorReply, moderatorScope, plainValidationReply, writeWait } from './access.js';
import { claimIds, type ClaimControl } from './customIds.js';
import { correctionNoteModal, submittedNote, submittedValues } from './modal.js';
import { parseEditInput, parseModalInput, type ModalValues } from './modalInput.js';
import { listReply, unansweredReply } from './subcommands.js';
import { notSavedView } from './views/form.js';
import { changedFields } from './views/history.js';
import { message, NOT_MODERATOR, rateLimitedText, STALE_CONTROL } from './views/messages.js';
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
import { dismissedNotice, LINK_FIELD, linkedNotice, linkModal } from './views/unanswered.js';

const dismissedQuestion = wholeNumber(15);

const VERDICT_GONE =
  'the verdict you chose with `/claim add` is no longer waiting for this form (15 minutes passed): run `/claim add` with it again.';

/** The add form's and the edit form's controls. */
type FormControl = Extract<ClaimControl, { action: 'add' | 'edit' }>;

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
 * An edit form names the version of the claim it was opened on: if the claim changed since, nothing is saved and
 * the moderator is told who changed what (saving would silently undo that change). An edit that changes what the bot
 * tells people (statement, answer, confidence, claimant) is a correction: it is kept (in the database) until the
 * moderator adds its public note (see saveCorrection); other edits are saved at once. An add form opened with a
 * verdict (`/claim add verdict:`) saves the claim with it.
 */
async function saveForm(
  request: ComponentRequest<unknown>,
  ctx: BotContext,
  guildId: string | null,
  control: FormControl,
  values: ModalValues,
  verdict?: Verdict,
): Promise<ReplyPayload> {
  const scope = ctx.kb.scope(guildId);
  const by = request.caller.userId;
  if (control.action === 'add') {
    const form = parseModalInput(values);
    const parsed = form.ok && verdict ? checkClaimInput({ ...form.input, verdict }) : form;
    if (!parsed.ok) return notSavedView('please fix:', parsed.problems, values);
    const wait = await writeWait(ctx, by);
    if (wait > 0) return notSavedView(rateLimitedText(wait), [], values);
    await request.defer();
    const claim = await scope.add(parsed.input, { by });
    ctx.log.info({ claimId: claim.id, guildId, userId: by }, 'claim added');
    return addedView(claim, await answerWaiting(ctx, scope, claim.id));
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
    await request.defer();
    const held = await scope.holdEdit(draft, { by });
    if (held.status === 'full') return notSavedView(EDITS_WAITING_FULL(PENDING_EDITS_PER_SERVER), [], values);
    return noteNeededView(draft.claim, draft.material, held.id);
  }

  const wait = await writeWait(ctx, by);
  if (wait > 0) return notSavedView(rateLimitedText(wait), [], values);
  await request.defer();
  const result = await scope.saveEdit(draft, { by });
  if (result.status === 'changed-since') return notSavedView(CHANGED_SINCE(result.claim, result.changes), [], values);
  ctx.log.info({ claimId: result.claim.id, guildId, userId: by }, 'claim edited');
  return editedView(result.claim, changedFields(draft.claim, result.claim), null, await answerWaiting(ctx, scope, result.claim.id), keptSources);
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
async function saveCorrection(request: ComponentRequest<unknown>, ctx: BotContext, guildId: string | null, pendingId: string): Promise<ReplyPayload> {
  const by = request.caller.userId;
  const scope = ctx.kb.scope(guildId);
  const held = await scope.heldEdit(pendingId, { by });
  if (held.status !== 'waiting') return notWaiting(held);
  const note = checkCorrectionNote(submittedNote(request.fields));
  if (!note.ok) return message(`**Not saved** — ${note.problems.join('; ')}. ${NOTE_RULE} Press the button again to retry.`);
  if (savingNotes.has(pendingId)) return message(NOTE_IN_FLIGHT);
  const wait = await writeWait(ctx, by);
  if (wait > 0) return message(`${rateLimitedText(wait)} Your edit is still waiting for its note: press the button again.`);

  await request.defer();
  savingNotes.add(pendingId);
  try {
    const result = await scope.saveHeldEdit(pendingId, { by, note: note.note });
    if (result.status !== 'saved') {
      return result.status === 'already-saved'
        ? message(ALREADY_SAVED(result.claim, result.savedAt))
        : notWaiting(result.status === 'changed-since' ? result : { status: 'gone' });
    }
    ctx.log.info({ claimId: result.claim.id, guildId, userId: by, changed: held.draft.material }, 'claim corrected');
    const linked = await answerWaiting(ctx, scope, result.claim.id);
    return editedView(result.claim, changedFields(held.draft.claim, result.claim), result.published, linked);
  } finally {
    savingNotes.delete(pendingId);
  }
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
      const rated = ratedId ? await ctx.kb.shared.heldVerdict(ratedId, request.caller.userId, scope.guildId) : undefined;
      const form = control.action === 'edit' ? control : ({ action: 'add', value: undefined } as const);
      try {
        if (ratedId && !rated) return notSavedView(VERDICT_GONE, [], values);
        const reply = await saveForm(request, ctx, scope.guildId, form, values, rated?.verdict);
        // The form is closed now: a second try starts from /claim add again.
        if (ratedId && rated) await ctx.kb.shared.dropVerdict(ratedId);
        return reply;
      } catch (error) {
        // Nothing typed is lost: a refused write echoes the form too.
        return error instanceof CannotWriteError
          ? notSavedView(cannotWriteText(error.reason), [], values)
          : knownErrorReply(error, (issues) => notSavedView('the claim breaks a rule:', issues, values));
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
      const held = await ctx.kb.scope(scope.guildId).heldEdit(control.value, { by: caller.userId });
      return held.status === 'waiting' ? { modal: correctionNoteModal(control.value) } : notWaiting(held);
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
    let notice: string;
    try {
      const { question, count } = await questions.dismiss(chosen.data);
      notice = dismissedNotice(question, count);
    } catch (error) {
      if (!(error instanceof CannotWriteError)) throw error;
      notice = `**Not dismissed** — ${cannotWriteText(error.reason)}`;
    }
    return { update: await unansweredReply(questions, notice) };
  },
  refuse(ctx, request) {
    const scope = moderated(ctx, request, request.message ? COMPONENT : FORM);
    return Promise.resolve(refused(scope) ? scope : message(STALE_CONTROL));
  },
};
