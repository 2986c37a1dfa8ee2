// Discord's message limits, and truncation that keeps a reply inside them instead of getting a 400.
import type { APIEmbed } from 'discord.js';
import { printable } from '../../knowledge/index.js';

export const EMBED_LIMITS = { title: 256, description: 4096, fieldName: 256, fieldValue: 1024, fields: 25, footer: 2048, total: 6000 } as const;
export const CHOICE_NAME_MAX = 100;
export const CONTENT_MAX = 2000;

/** Cuts text to `max` characters, ending with "…" when anything was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never cut between the two halves of a surrogate pair (an emoji): a lone half is invalid Unicode.
  return `${text
    .slice(0, Math.max(0, max - 1))
    .replace(/[\uD800-\uDBFF]$/, '')
    .trimEnd()}…`;
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Applies every per-field limit, then shortens the description until the whole embed fits in 6000. */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = {
    ...embed,
    ...(embed.title !== undefined ? { title: truncate(embed.title, EMBED_LIMITS.title) } : {}),
    ...(embed.description !== undefined ? { description: truncate(embed.description, EMBED_LIMITS.description) } : {}),
    ...(embed.footer ? { footer: { ...embed.footer, text: truncate(embed.footer.text, EMBED_LIMITS.footer) } } : {}),
    fields: (embed.fields ?? []).slice(0, EMBED_LIMITS.fields).map((f) => ({
      ...f,
      name: truncate(f.name, EMBED_LIMITS.fieldName),
      value: truncate(f.value, EMBED_LIMITS.fieldValue),
    })),
  };
  const excess = embedLength(fitted) - EMBED_LIMITS.total;
  if (excess > 0 && fitted.description) {
    fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - excess));
  }
  return fitted;
}

/**
 * Several embeds in one message: Discord's 6000 characters count for all of them together. The later embeds give
 * way first: their descriptions, then their longest fields, are shortened until the whole message fits.
 */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const fitted = embeds.map(fitEmbed);
  let excess = fitted.reduce((n, e) => n + embedLength(e), 0) - EMBED_LIMITS.total;
  for (let i = fitted.length - 1; i >= 0 && excess > 0; i--) {
    const embed = fitted[i]!;
    if (embed.description && embed.description.length > 1) {
      const keep = Math.max(1, embed.description.length - excess);
      excess -= embed.description.length - keep;
      embed.description = truncate(embed.description, keep);
    }
    for (const field of [...(embed.fields ?? [])].sort((a, b) => b.value.length - a.value.length)) {
      if (excess <= 0) break;
      const keep = Math.max(1, field.value.length - excess);
      excess -= field.value.length - keep;
      field.value = truncate(field.value, keep);
    }
  }
  return fitted;
}

/**
 * A member's text (a question) echoed back as plain text (a footer, a select option): one line, at most `max`
 * characters, with invisible characters (right-to-left overrides, zero-width and control characters) shown as
 * `\u{202e}` instead of reordering or hiding what is around them.
 */
export function quotedQuestion(question: string, max: number): string {
  return printable(question.replace(/\s+/g, ' ').trim(), max);
}

/**
 * A member's text shown to moderators where Discord renders markdown (an embed, a message): as inline code, so
 * that nothing in it is a link (masked or bare), a mention, a timestamp, an emoji or formatting; a backtick in it
 * cannot close the code early. One line, at most `max` characters, invisible characters shown (see quotedQuestion).
 */
export function memberText(text: string, max: number): string {
  const shown = quotedQuestion(text, max).replace(/`/g, 'ˋ');
  return `\`${shown || ' '}\``;
}
