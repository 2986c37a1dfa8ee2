// The short private replies of /claim and the pieces every /claim view shares: ids shown inline, who did what,
// Discord timestamps.
import type { Claim } from '../../../knowledge/index.js';
import { CONTENT_MAX, truncate } from '../../shared/limits.js';
import type { ReplyPayload } from '../../shared/types.js';

export const NOT_MODERATOR =
  'Only this server’s moderators can manage claims (Manage Messages, Manage Server or Administrator, or a configured moderator role). Nothing was changed.';
export const STALE_CONTROL = 'That control is out of date or not for this server. Run `/claim` again.';

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
export const timestamp = (iso: string, style: 'f' | 'R' = 'f') => `<t:${unixSeconds(iso)}:${style}>`;
export const badge = (claim: Pick<Claim, 'confidence'>) => (claim.confidence === 'confirmed' ? '✅' : '⚠️');
