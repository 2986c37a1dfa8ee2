// The reply to a claim form that was not saved: every problem, naming its field, and everything typed, echoed back
// so nothing typed is lost.
import type { APIEmbed } from 'discord.js';
import { COLORS } from '../../shared/claimEmbed.js';
import { CONTENT_MAX, EMBED_LIMITS, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';
import { MODAL_FIELDS, type ModalValues } from '../modalInput.js';

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

export function notSavedView(reason: string, problems: string[], values: ModalValues): ReplyPayload {
  const head = `**Not saved** — ${reason}`;
  const tail = 'What you typed is below — copy it, fix it and submit again.';
  const list = truncate(problems.map((p) => `• ${p}`).join('\n'), CONTENT_MAX - head.length - tail.length - 2);
  return { content: [head, ...(list ? [list] : []), tail].join('\n'), embeds: echoEmbeds(values), ephemeral: true };
}
