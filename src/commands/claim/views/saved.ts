// The replies to moderator actions: a claim added, edited, waiting for its correction note, reviewed, retired.
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import { CORRECTION_NOTE_MAX, type Claim, type Correction, type Linked, type MaterialField } from '../../../knowledge/index.js';
import { claimEmbed, correctionLine, reviewedDate } from '../../shared/claimEmbed.js';
import { CONTENT_MAX, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';
import { claimIds } from '../customIds.js';
import { message, shownId } from './messages.js';

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

export function editedView(claim: Claim, changed: string[], correction?: Correction | null, linked?: Linked): ReplyPayload {
  const what = changed.length ? `Changed: ${changed.join(', ')}.` : 'Nothing in it changed; it is marked as reviewed now.';
  const retired = claim.status === 'retired' ? ' It stays retired, so it is still not answered.' : '';
  const published = correction ? ` Answers now show “${correctionLine(correction)}”.` : '';
  return {
    content: truncate(`Updated claim ${shownId(claim.id)}. ${what}${retired}${published}${linkedText(linked)}`, CONTENT_MAX),
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
  'That edit is no longer waiting for a note (it was saved, 15 minutes passed, or the bot restarted). Nothing was changed — run `/claim edit` again.';
export const CHANGED_SINCE = (id: string) =>
  `${shownId(id)} was changed by someone else since you submitted your edit. Nothing was saved — run \`/claim edit\` again to start from the current version.`;
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
