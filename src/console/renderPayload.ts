// Prints a reply payload as plain text: what a Discord user would see, for the offline console.
import type { APIEmbed } from 'discord.js';
import type { ReplyPayload } from '../commands/shared/types.js';

/** Discord markdown a terminal cannot show: bold markers and masked links become plain text. */
function plain(text: string): string {
  return text.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\[([^\]]+)\]\((https?:[^)]+)\)/g, '$1 <$2>');
}

function embedText(embed: APIEmbed): string {
  const lines: string[] = [];
  if (embed.title) lines.push(plain(embed.title), '─'.repeat(Math.min(60, embed.title.length)));
  if (embed.description) lines.push(plain(embed.description));
  for (const field of embed.fields ?? []) lines.push('', `${plain(field.name)}:`, plain(field.value));
  if (embed.footer?.text) lines.push('', plain(embed.footer.text));
  return lines.join('\n');
}

export function renderPayload(payload: ReplyPayload): string {
  const parts: string[] = [];
  if (payload.content) parts.push(plain(payload.content));
  for (const embed of payload.embeds ?? []) parts.push(embedText(embed));
  for (const row of payload.components ?? []) {
    const labels = row.components.map((c) => ('label' in c && c.label ? `[${c.label}]` : '')).filter(Boolean);
    if (labels.length) parts.push(labels.join('\n'));
  }
  return parts.join('\n\n');
}
