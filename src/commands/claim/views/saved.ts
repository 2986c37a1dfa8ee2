// The replies to moderator actions: a claim added, edited, waiting for its correction note, reviewed, retired.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { CORRECTION_NOTE_MAX, type AuditEntry, type Claim, type Correction, type Linked, type MaterialField } from '../../../knowledge/index.js';
import { claimEmbed, correctionLine, reviewedDate } from '../../shared/claimEmbed.js';
import { CONTENT_MAX, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';
import { claimIds } from '../customIds.js';
import { changedFields } from './history.js';
import { actorLabel, message, shownId, timestamp } from './messages.js';

/** The waiting questions a change answers, as the moderator sees it: they left the queue, and who is being told. */
function linkedText(linked: Linked | undefined): string {
  const n = linked?.questions.length ?? 0;
  if (!linked || n === 0) return '';
  const told = linked.members
    ? ` ${linked.members} member${linked.members === 1 ? ' who asked to be told is' : 's who asked to be told are'} being told.`
    : '';
  return ` It answers ${n} question${n === 1 ? '' : 's'} that waited in \`/claim unanswered\`, no longer waiting.${told}`;
}

export function addedView(claim: Claim, linked?: Linked): ReplyPayload {
  return {
    content: truncate(
      `Added claim ${shownId(claim.id)}. It is answerable now by \`/factcheck\` in this server only.${linkedText(linked)}`,
      CONTENT_MAX,
    ),
    embeds: [claimEmbed(claim)],
    ephemeral: true,
  };
}

/** Said when an edit kept sources the form could not show: how to change them. */
export const SOURCES_KEPT =
  ' Its sources were kept as they were (the form cannot show them all): to replace them, type every source in the Sources box.';

export function editedView(claim: Claim, changed: string[], correction?: Correction | null, linked?: Linked, keptSources = false): ReplyPayload {
  const what = changed.length ? `Changed: ${changed.join(', ')}.` : 'Nothing in it changed; it is marked as reviewed now.';
  const retired = claim.status === 'retired' ? ' It stays retired, so it is still not answered.' : '';
  const published = correction ? ` Answers now show “${correctionLine(correction)}”.` : '';
  const sources = keptSources ? SOURCES_KEPT : '';
  return {
    content: truncate(`Updated claim ${shownId(claim.id)}. ${what}${retired}${published}${sources}${linkedText(linked)}`, CONTENT_MAX),
    embeds: [claimEmbed(claim, correction)],
    ephemeral: true,
  };
}

/** "the answer", "the answer and confidence", "the statement, answer and claimant". */
export function fieldList(fields: readonly string[]): string {
  if (fields.length <= 1) return `the ${fields[0] ?? 'claim'}`;
  return `the ${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]}`;
}

export const NOTE_NEEDED_TTL_MINUTES = 15;

/** A material edit waits for its public note: the moderator adds it with the button (a one-field form). */
export function noteNeededView(claim: Claim, changed: readonly MaterialField[], pendingId: string): ReplyPayload {
  return {
    content:
      `This changes ${fieldList(changed)} of ${shownId(claim.id)} — corrections are public: add a note. ` +
      `Answers will show “Updated {date}: {your note}”. Nothing is saved until you add it (within ${NOTE_NEEDED_TTL_MINUTES} minutes).`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: claimIds.make('note', pendingId), label: 'Add a correction note' },
        ],
      },
    ],
    ephemeral: true,
  };
}

export const PENDING_GONE =
  'That edit is no longer waiting for a note (15 minutes passed, or it is not yours). Nothing was changed — run `/claim edit` again.';
export const EDITS_WAITING_FULL = (max: number) =>
  `This server has ${max} edits waiting for their correction notes, as many as it may. Nothing was saved: add the notes of those ` +
  'waiting (or let them expire in 15 minutes), then submit this edit again.';
export const ALREADY_SAVED = (claim: Claim, savedAt: string) =>
  `That edit of ${shownId(claim.id)} was saved with its note ${timestamp(savedAt, 'R')}; it was applied once. Nothing more was changed.`;
export const NOTE_IN_FLIGHT = 'Your note for that edit was sent already and is being saved; its reply says when it is. Nothing more was changed.';

/** Who changed what since an edit started, newest last: `by @mod (answer, sources) <t:…:R>`, at most three. */
function changesSince(changes: readonly AuditEntry[]): string {
  const shown = changes.slice(-3).map((e) => {
    const fields = changedFields(e.before, e.after);
    return `${e.action} by ${actorLabel(e.actor)} (${fields.length ? fields.join(', ') : 'no content change'}) ${timestamp(e.at, 'R')}`;
  });
  const earlier = changes.length - shown.length;
  return `${earlier ? `${earlier} earlier change${earlier === 1 ? '' : 's'}, then ` : ''}${shown.join('; ')}`;
}

/** A save refused because the claim changed after the form was opened (or the edit was made): who changed what. */
export const CHANGED_SINCE = (claim: Claim, changes: readonly AuditEntry[], since: 'opened' | 'submitted' = 'opened') =>
  `${shownId(claim.id)} was changed since you ${since === 'opened' ? 'opened the form' : 'submitted your edit'}: ${changesSince(changes) || 'by someone else'}. ` +
  'Nothing was saved, so that change is not undone — run `/claim edit` again to start from the current version.';
export const NOTE_RULE = `A short public note saying what changed and why (5 to ${CORRECTION_NOTE_MAX} characters).`;

export function reviewedView(claim: Claim, intervalDays: number): ReplyPayload {
  const due = new Date(Date.parse(claim.reviewedAt) + intervalDays * 86_400_000).toISOString().slice(0, 10);
  const retired = claim.status === 'retired' ? ' It stays retired, so it is still not answered.' : '';
  return message(
    `Marked ${shownId(claim.id)} as re-checked: last reviewed ${reviewedDate(claim)}, next review due ${due}. ` +
      `The history records it (\`/claim history\`).${retired}`,
  );
}

export function retiredView(claim: Claim, alreadyRetired: boolean): ReplyPayload {
  return message(
    alreadyRetired
      ? `${shownId(claim.id)} was already retired. Nothing was changed.`
      : `Retired ${shownId(claim.id)}: it is no longer answered. Its history is kept (\`/claim history\`).`,
  );
}
