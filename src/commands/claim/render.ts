// What /claim shows: the server's claims page by page, a claim's history, the unanswered questions, and the
// replies to moderator actions. Plain ReplyPayloads built from data; no Discord calls, no database.
import { ButtonStyle, ComponentType, escapeMarkdown, type APIEmbed } from 'discord.js';
import { CORRECTION_NOTE_MAX, daysSinceReview, type MaterialField } from '../../knowledge/corrections.js';
import type { Claim } from '../../knowledge/schema.js';
import type { AuditEntry } from '../../knowledge/store/claimStore.js';
import type { PeriodStats } from '../../knowledge/store/questionLog.js';
import type { UnansweredGroup } from '../../knowledge/store/questionLog.js';
import { claimEmbed, COLORS, correctionLine, reviewedDate, type PublicCorrection } from '../render/claimEmbed.js';
import { CONTENT_MAX, EMBED_LIMITS, fitEmbed, quotedQuestion, truncate } from '../render/limits.js';
import type { ReplyPayload } from '../types.js';
import { dismissSelectId, listPageId, noteId } from './customIds.js';
import { MODAL_FIELDS, type ModalValues } from './modalInput.js';

export const LIST_PAGE_SIZE = 10;
export const UNANSWERED_LIMIT = 10;
const HISTORY_TEXT_MAX = 3800;

export const NOT_MODERATOR =
  'Only this server’s moderators can manage claims (Manage Messages, Manage Server or Administrator, or a configured moderator role). Nothing was changed.';

/** An untrusted id (an option or a custom_id) shown inline: short, and unable to break out of its code span. */
export function shownId(id: string): string {
  return `\`${truncate(id.replace(/`/g, ''), 64)}\``;
}

export const notFoundText = (id: string) => `There is no claim ${shownId(id)} in this server. Nothing was changed.`;
export const readOnlyText = (id: string) =>
  `${shownId(id)} is part of the curated base, which is read-only from Discord. Nothing was changed — add a server claim with \`/claim add\` instead.`;
export const rateLimitedText = (seconds: number) =>
  `You are changing claims quickly — try again in ${seconds} second${seconds === 1 ? '' : 's'}. Nothing was changed.`;

export function message(content: string): ReplyPayload {
  return { content: truncate(content, CONTENT_MAX), ephemeral: true };
}

/** How an audit actor reads: a mention for a Discord user (never pinged), `curated` for the shipped base. */
export function actorLabel(actor: string): string {
  return /^\d{5,25}$/.test(actor) ? `<@${actor}>` : actor;
}

const unixSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const timestamp = (iso: string, style: 'f' | 'R' = 'f') => `<t:${unixSeconds(iso)}:${style}>`;
const badge = (claim: Pick<Claim, 'confidence'>) => (claim.confidence === 'confirmed' ? '✅' : '⚠️');

// ----- replies to actions ------------------------------------------------------------------------------------

export function addedView(claim: Claim): ReplyPayload {
  return {
    content: `Added claim ${shownId(claim.id)}. It is answerable now by \`/factcheck\` in this server only.`,
    embeds: [claimEmbed(claim)],
    ephemeral: true,
  };
}

export function editedView(claim: Claim, changed: string[], correction?: PublicCorrection): ReplyPayload {
  const what = changed.length ? `Changed: ${changed.join(', ')}.` : 'Nothing in it changed; it is marked as reviewed now.';
  const retired = claim.status === 'retired' ? ' It stays retired, so it is still not answered.' : '';
  const published = correction ? ` Answers now show “${correctionLine(correction)}”.` : '';
  return {
    content: truncate(`Updated claim ${shownId(claim.id)}. ${what}${retired}${published}`, CONTENT_MAX),
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
export function noteNeededView(claim: Claim, changed: MaterialField[], pendingId: string): ReplyPayload {
  return {
    content:
      `This changes ${fieldList(changed)} of ${shownId(claim.id)} — corrections are public: add a note. ` +
      `Answers will show “Updated {date}: {your note}”. Nothing is saved until you add it (within ${NOTE_NEEDED_TTL_MINUTES} minutes).`,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, custom_id: noteId(pendingId), label: 'Add a correction note' }],
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

export function showView(claim: Claim, correction?: PublicCorrection): ReplyPayload {
  const scope = claim.guildId === null ? 'curated base (read-only here)' : 'this server';
  const status = claim.status === 'active' ? 'active — answered by `/factcheck`' : 'retired — not answered';
  return {
    content:
      `Claim ${shownId(claim.id)} · ${scope} · ${status}\n` +
      `Added by ${actorLabel(claim.createdBy)} ${timestamp(claim.createdAt)} · last changed by ${actorLabel(claim.updatedBy)} ${timestamp(claim.updatedAt)}`,
    embeds: [claimEmbed(claim, correction)],
    ephemeral: true,
  };
}

// ----- invalid modal input -----------------------------------------------------------------------------------

const FIELD_TITLES: Record<(typeof MODAL_FIELDS)[number], string> = {
  statement: 'Statement',
  answer: 'Answer',
  confidence: 'Confidence',
  claimant: 'Claimant',
  sources: 'Sources',
};

/** A code block that the text inside cannot close early, at most `max` characters long. */
export function codeBlock(text: string, max: number): string {
  const inner = truncate(text.replace(/```/g, '`\u200b`\u200b`'), Math.max(1, max - 8));
  return `\`\`\`\n${inner}\n\`\`\``;
}

/** One embed per field the moderator filled in, each a code block; all of it within Discord's 6000 total. */
export function echoEmbeds(values: ModalValues): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  let remaining = EMBED_LIMITS.total;
  for (const field of MODAL_FIELDS) {
    const value = values[field];
    if (value.trim() === '') continue;
    const title = `You typed — ${FIELD_TITLES[field]}`;
    const room = Math.min(EMBED_LIMITS.description, remaining - title.length);
    if (room < 40) break;
    const description = codeBlock(value, room);
    remaining -= title.length + description.length;
    embeds.push({ title, description, color: COLORS.none });
  }
  return embeds;
}

/** The reply to a modal that was not saved: every problem, naming its field, and everything typed, echoed back. */
export function notSavedView(reason: string, problems: string[], values: ModalValues): ReplyPayload {
  const head = `**Not saved** — ${reason}`;
  const tail = 'What you typed is below — copy it, fix it and submit again.';
  const list = truncate(problems.map((p) => `• ${p}`).join('\n'), CONTENT_MAX - head.length - tail.length - 2);
  return { content: [head, ...(list ? [list] : []), tail].join('\n'), embeds: echoEmbeds(values), ephemeral: true };
}

// ----- list --------------------------------------------------------------------------------------------------

export interface ListData {
  /** The server's own active claims, in a stable order. */
  own: Claim[];
  retiredCount: number;
  curatedCount: number;
  /** Ids of the claims past their review interval. */
  staleIds?: ReadonlySet<string>;
}

export const REVIEW_DUE = '⏰ review due';

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
}

/** One page of the server's own claims (the page clamped into range) with Previous/Next buttons. */
export function listView({ own, retiredCount, curatedCount, staleIds = new Set() }: ListData, requestedPage: number): ReplyPayload {
  const pages = pageCount(own.length);
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pages);
  const start = (page - 1) * LIST_PAGE_SIZE;
  const lines = own
    .slice(start, start + LIST_PAGE_SIZE)
    .map((c, i) => `**${start + i + 1}.** ${badge(c)} ${truncate(c.statement, 200)}\n${shownId(c.id)}${staleIds.has(c.id) ? ` · ${REVIEW_DUE}` : ''}`);
  const notes = [
    `${curatedCount} curated claim${curatedCount === 1 ? '' : 's'} from the shared base ${curatedCount === 1 ? 'is' : 'are'} also answered here (read-only from Discord).`,
  ];
  if (retiredCount) notes.push(`${retiredCount} retired claim${retiredCount === 1 ? ' is' : 's are'} not listed; \`/claim show\` and \`/claim history\` still find them.`);
  const embed: APIEmbed = fitEmbed({
    title: `This server’s claims — page ${page} of ${pages}`,
    description: lines.length ? lines.join('\n') : 'This server has no claims of its own yet. Add one with `/claim add`.',
    color: COLORS.neutral,
    fields: [{ name: 'Also answered here', value: notes.join('\n') }],
    footer: {
      text:
        `${own.length} active claim${own.length === 1 ? '' : 's'} of this server` +
        (staleIds.size ? ` · ${staleIds.size} due for review (/claim stale)` : ''),
    },
  });
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: listPageId(page - 1), label: 'Previous', disabled: page <= 1 },
          { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: listPageId(page + 1), label: 'Next', disabled: page >= pages },
        ],
      },
    ],
    ephemeral: true,
  };
}

// ----- history -----------------------------------------------------------------------------------------------

const COMPARED_FIELDS = ['statement', 'answer', 'confidence', 'claimant', 'sources', 'questions', 'keywords', 'tags', 'status'] as const;

/** The fields an audit entry changed, by name (`created` for a new claim). */
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

// ----- unanswered --------------------------------------------------------------------------------------------


/** The server's open unanswered questions, most asked first, with a select to dismiss one. */
export function unansweredView(groups: UnansweredGroup[], notice?: string): ReplyPayload {
  const lines = groups.map((g, i) => {
    const closest = g.bestClaimId ? ` · closest claim ${shownId(g.bestClaimId)}` : '';
    return `**${i + 1}.** “${escapeMarkdown(quotedQuestion(g.question, 200))}” — asked ${g.count} time${g.count === 1 ? '' : 's'}, last ${timestamp(g.lastAskedAt, 'R')}${closest}`;
  });
  const embed = fitEmbed({
    title: 'Unanswered questions — most asked first',
    description: lines.length
      ? lines.join('\n')
      : 'No open unanswered questions in this server. Questions `/factcheck` has no vetted claim for show up here.',
    color: COLORS.neutral,
    ...(lines.length ? { footer: { text: 'Add a claim with /claim add, or dismiss a question below.' } } : {}),
  });
  return {
    ...(notice !== undefined ? { content: truncate(notice, CONTENT_MAX) } : {}),
    embeds: [embed],
    components: groups.length
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              {
                type: ComponentType.StringSelect,
                custom_id: dismissSelectId(),
                placeholder: 'Dismiss a question…',
                min_values: 1,
                max_values: 1,
                options: groups.map((g, i) => ({
                  label: truncate(`${i + 1}. ${quotedQuestion(g.question, 100)}`, 100),
                  value: String(g.id),
                  description: `asked ${g.count} time${g.count === 1 ? '' : 's'}`,
                })),
              },
            ],
          },
        ]
      : [],
    ephemeral: true,
  };
}

export function dismissedNotice(question: string | undefined, count: number): string {
  if (count === 0) return 'That question is not open in this server (already dismissed?). Nothing was changed.';
  const what = question ? `“${escapeMarkdown(quotedQuestion(question, 200))}”` : 'the question';
  return `Dismissed ${what} (${count} time${count === 1 ? '' : 's'} asked).`;
}

// ----- review due --------------------------------------------------------------------------------------------

export const STALE_LIMIT = 20;

/** The server's own claims past the review interval, oldest review first, with the days since each review. */
export function staleView(stale: Claim[], curatedStale: number, intervalDays: number, now: Date): ReplyPayload {
  const lines = stale.slice(0, STALE_LIMIT).map((c, i) => {
    const days = daysSinceReview(c, now);
    return `**${i + 1}.** ⏰ ${days} day${days === 1 ? '' : 's'} since review (${reviewedDate(c)}) · ${truncate(c.statement, 150)}\n${shownId(c.id)}`;
  });
  if (stale.length > STALE_LIMIT) lines.push(`… and ${stale.length - STALE_LIMIT} more`);
  const curated =
    curatedStale === 0
      ? 'No curated claim is due for review.'
      : `${curatedStale} curated claim${curatedStale === 1 ? ' is' : 's are'} due for review too; only the bot’s maintainers can review ${curatedStale === 1 ? 'it' : 'them'} (read-only here).`;
  return {
    embeds: [
      fitEmbed({
        title: `Due for review — not re-checked in ${intervalDays} day${intervalDays === 1 ? '' : 's'} or more`,
        description: lines.length
          ? lines.join('\n')
          : `Every claim of this server was reviewed in the last ${intervalDays} day${intervalDays === 1 ? '' : 's'}.`,
        color: COLORS.neutral,
        fields: [{ name: 'Curated base', value: curated }],
        ...(stale.length ? { footer: { text: 'Re-check a claim, then mark it with /claim review id:<claim>.' } } : {}),
      }),
    ],
    ephemeral: true,
  };
}

// ----- stats -------------------------------------------------------------------------------------------------

const STATS_QUESTION_MAX = 100;
const times = (n: number) => `${n}×`;

/** The figures of one period, and its top lists; `statements` gives each claim id's statement, when visible here. */
function periodFields(stats: PeriodStats, statements: ReadonlyMap<string, string>): APIEmbed['fields'] {
  const span = `${stats.days} days`;
  const unanswered = stats.topUnanswered.map(
    (q, i) => `${i + 1}. “${escapeMarkdown(quotedQuestion(q.question, STATS_QUESTION_MAX))}” — ${times(q.count)}`,
  );
  const wrong = stats.topNotWhatIAsked.map((c, i) => {
    const statement = statements.get(c.claimId);
    return `${i + 1}. ${shownId(c.claimId)} ${statement ? truncate(statement, 120) : '(no longer visible here)'} — ${times(c.count)}`;
  });
  return [
    {
      name: `Last ${span}`,
      value:
        `Questions answered **${stats.answered}** · suggested **${stats.suggested}** · unanswered **${stats.unanswered}**\n` +
        `Feedback: helpful **${stats.helpful}** · not what I asked **${stats.notWhatIAsked}**`,
    },
    { name: `Most-asked unanswered — ${span}`, value: unanswered.length ? unanswered.join('\n') : 'None.' },
    { name: `Most often “Not what I asked” — ${span}`, value: wrong.length ? wrong.join('\n') : 'None.' },
  ];
}

/** /claim stats: the server's questions and answer feedback over the last 7 and 30 days. */
export function statsView(periods: PeriodStats[], statements: ReadonlyMap<string, string>): ReplyPayload {
  return {
    embeds: [
      fitEmbed({
        title: 'Questions and feedback in this server',
        color: COLORS.neutral,
        fields: periods.flatMap((p) => periodFields(p, statements) ?? []),
        footer: { text: 'Suggested: only closest claims were offered. Unanswered questions are in /claim unanswered.' },
      }),
    ],
    ephemeral: true,
  };
}
