// /claim history: who changed a claim, when, how, and which fields, with reviews and correction notes.
import type { AuditEntry, Claim } from '../../../knowledge/index.js';
import { COLORS, reviewedDate } from '../../shared/claimEmbed.js';
import { fitEmbed, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';
import { actorLabel, timestamp } from './messages.js';

const HISTORY_TEXT_MAX = 3800;
const COMPARED_FIELDS = ['statement', 'answer', 'confidence', 'claimant', 'verdict', 'sources', 'questions', 'keywords', 'tags', 'status'] as const;

/** The fields a change made, by name (`created` for a new claim). */
export function changedFields(before: Claim | null, after: Claim | null): string[] {
  if (!before) return after ? ['created'] : [];
  if (!after) return [];
  return COMPARED_FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}

/**
 * One audit entry: what happened, when, by whom, which fields changed. A review reads as a re-check; the public
 * note of a correction (a material edit or a retirement) is shown as `correction:`, other notes as `note:`.
 */
export function historyLine(entry: AuditEntry): string {
  const changed = changedFields(entry.before, entry.after);
  const parts = [`**${entry.action}** · ${timestamp(entry.at)} · by ${actorLabel(entry.actor)}`];
  if (entry.action === 'review') parts.push('re-checked; content unchanged');
  else parts.push(changed.length ? `changed: ${changed.join(', ')}` : 'no content change');
  if (entry.note) {
    const label = entry.action === 'edit' || entry.action === 'retire' ? 'correction' : 'note';
    parts.push(`${label}: ${truncate(entry.note.replace(/\s+/g, ' '), 200)}`);
  }
  return parts.join('\n  ');
}

/** Who changed the claim, when, how and which fields — newest entries kept when it is too long to show all. */
export function historyView(claim: Claim, entries: AuditEntry[]): ReplyPayload {
  const lines: string[] = [];
  let length = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const line = historyLine(entries[i]!);
    if (length + line.length + 1 > HISTORY_TEXT_MAX) break;
    lines.unshift(line);
    length += line.length + 1;
  }
  const hidden = entries.length - lines.length;
  if (hidden) lines.unshift(`… ${hidden} earlier change${hidden === 1 ? '' : 's'} not shown`);
  return {
    embeds: [
      fitEmbed({
        title: `History of ${claim.id}`,
        description: lines.length ? lines.join('\n') : 'No recorded changes.',
        color: COLORS.neutral,
        footer: { text: `${truncate(claim.statement, 200)} · ${claim.status} · last reviewed ${reviewedDate(claim)}` },
      }),
    ],
    ephemeral: true,
  };
}
