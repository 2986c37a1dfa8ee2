// A claim as Discord shows it: the statement, the answer, a confidence badge, a fact-checker's verdict, sources,
// review date and id.
import { escapeMarkdown } from '@discordjs/formatters';
import type { APIEmbed } from 'discord.js';
import { confidenceLabel, type Claim, type Correction, type Source, type Verdict } from '../../knowledge/index.js';
import { fitEmbed } from './limits.js';

export const COLORS = { confirmed: 0x2e9d5b, alleged: 0xe8a317, neutral: 0x5865f2, none: 0x99aab5 } as const;

/** The confidence badge: the shared wording (confidenceLabel), with an emoji and bold for Discord. */
export function confidenceBadge(claim: Pick<Claim, 'confidence' | 'claimant' | 'verdict'>): string {
  const { level, detail } = confidenceLabel(claim);
  return claim.confidence === 'confirmed' ? `✅ **${level}** — ${detail}` : `⚠️ **${level}; ${detail}**`;
}

/** One source as a line: name, link when there is a URL, date, quote. Never a link the source did not give. */
export function sourceLine(source: Source): string {
  const name = source.url ? `[${escapeLinkText(source.name)}](${source.url})` : source.name;
  const date = source.date ? ` (${source.date})` : '';
  const quote = source.quote ? `\n> “${source.quote}”` : '';
  return `• ${name}${date}${quote}`;
}

/** A number as people write it: `1`, `2.5`. */
const shown = (n: number) => String(Math.round(n * 100) / 100);

/**
 * A verdict as an answer shows it: "Rated **False** by Example Checkers, 2026-03-02", then the numeric rating on
 * its scale and a link to the review when there are any. The rating and the rater are the file's text: escaped.
 */
export function verdictLine(verdict: Verdict): string {
  const by = verdict.ratedBy ? ` by ${escapeMarkdown(verdict.ratedBy)}` : '';
  const on = verdict.ratedOn ? `, ${verdict.ratedOn.slice(0, 10)}` : '';
  const parts = [`Rated **${escapeMarkdown(verdict.label)}**${by}${on}`];
  if (verdict.ratingValue !== undefined) {
    const { ratingValue: value, bestRating: best, worstRating: worst } = verdict;
    const scale =
      best !== undefined && worst !== undefined ? ` (worst ${shown(worst)}, best ${shown(best)})` : best !== undefined ? ` of ${shown(best)}` : '';
    parts.push(`score ${shown(value)}${scale}`);
  }
  if (verdict.url) parts.push(`[the fact check](${verdict.url})`);
  return parts.join(' · ');
}

function escapeLinkText(text: string): string {
  return text.replace(/[[\]]/g, '');
}

export function reviewedDate(claim: Pick<Claim, 'reviewedAt'>): string {
  return claim.reviewedAt.slice(0, 10);
}

/** How a correction reads on an answer: "Updated 2026-05-02: {note}". */
export function correctionLine(correction: Correction): string {
  return `Updated ${correction.at.slice(0, 10)}: ${correction.note}`;
}

/** The claim as an embed; a public correction, when there is one, is shown first, right under the answer. */
export function claimEmbed(claim: Claim, correction?: Correction | null): APIEmbed {
  return fitEmbed({
    title: claim.statement,
    description: claim.answer,
    color: COLORS[claim.confidence],
    fields: [
      ...(correction ? [{ name: 'Correction', value: correctionLine(correction) }] : []),
      { name: 'Confidence', value: confidenceBadge(claim) },
      ...(claim.verdict ? [{ name: 'Verdict', value: verdictLine(claim.verdict) }] : []),
      { name: claim.sources.length === 1 ? 'Source' : 'Sources', value: claim.sources.map(sourceLine).join('\n') },
      { name: 'Last reviewed', value: reviewedDate(claim), inline: true },
    ],
    footer: { text: `Claim ${claim.id}${claim.guildId ? ' · added by this server' : ' · curated base'}` },
  });
}
