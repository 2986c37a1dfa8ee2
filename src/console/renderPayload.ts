// Prints a reply payload as plain text: what a Discord user would see, for the offline console and `npm run ask`.
// At the console, each button and select is shown with the key that presses it (see controls.ts).
import type { APIEmbed } from 'discord.js';
import type { ReplyPayload } from '../commands/shared/types.js';
import type { Control } from './controls.js';

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

function controlText(control: Control): string {
  const key = control.key ? `[${control.key}] ` : '';
  if (control.kind === 'button') return `${key}${control.label}${control.disabled ? ' (not available)' : ''}`;
  // An option is chosen by its number; a label that starts with it already ("1. …") is shown as it is.
  const numbered = (label: string, i: number) => (label.startsWith(`${i + 1}. `) ? label : `${i + 1}. ${label}`);
  return [
    `${key}${control.label}`,
    ...control.options.map((o, i) => `    ${numbered(o.label, i)}${o.description ? ` — ${o.description}` : ''}`),
  ].join('\n');
}

/** The payload as text; `controls` (the console's) are shown with their keys, else buttons are listed by label. */
export function renderPayload(payload: ReplyPayload, controls?: readonly Control[]): string {
  const parts: string[] = [];
  if (payload.content) parts.push(plain(payload.content));
  for (const embed of payload.embeds ?? []) parts.push(embedText(embed));
  if (controls) {
    if (controls.length) parts.push(controls.map(controlText).join('\n'));
  } else {
    for (const row of payload.components ?? []) {
      const labels = row.components.map((c) => ('label' in c && c.label ? `[${c.label}]` : '')).filter(Boolean);
      if (labels.length) parts.push(labels.join('\n'));
    }
  }
  return parts.join('\n\n');
}
