// A claim as Discord shows it: the statement, the answer, a confidence badge, a fact-checker's verdict, sources,
// review date and id.
import { escapeMarkdown } from '@discordjs/formatters';
import type { APIEmbed } from 'discord.js';
import type { Claim, Correction, Language, Source, Verdict } from '../../knowledge/index.js';
import { t } from './i18n.js';
import { fitEmbed } from './limits.js';

export const COLORS = { confirmed: 0x2e9d5b, alleged: 0xe8a317, neutral: 0x5865f2, none: 0x99aab5 } as const;

/** The confidence badge, in the reply's language, with an emoji and bold for Discord (the wording of confidenceLabel). */
export function confidenceBadge(claim: Pick<Claim, 'confidence' | 'claimant' | 'verdict'>): string {
  if (claim.confidence === 'confirmed') return t('answer.confirmedBadge');
  const claimant = claim.claimant ?? t('answer.unnamedSource');
  return t(claim.verdict ? 'answer.allegedRatedBadge' : 'answer.allegedBadge', { claimant });
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
  const by = verdict.ratedBy ? t('answer.ratedBy', { by: escapeMarkdown(verdict.ratedBy) }) : '';
  const on = verdict.ratedOn ? `, ${verdict.ratedOn.slice(0, 10)}` : '';
  const parts = [`${t('answer.rated', { label: escapeMarkdown(verdict.label) })}${by}${on}`];
  if (verdict.ratingValue !== undefined) {
    const { ratingValue: value, bestRating: best, worstRating: worst } = verdict;
    const scale =
      best !== undefined && worst !== undefined
        ? t('answer.scale', { worst: shown(worst), best: shown(best) })
        : best !== undefined
          ? t('answer.scaleOf', { best: shown(best) })
          : '';
    parts.push(`${t('answer.score', { value: shown(value) })}${scale}`);
  }
  if (verdict.url) parts.push(`[${t('answer.theFactCheck')}](${verdict.url})`);
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
  return t('answer.updated', { date: correction.at.slice(0, 10), note: correction.note });
}

/**
 * The claim's text in `language`: its own when it is written in it, its translation when it has one, else the text
 * it is written in, `untranslated`.
 */
export function claimTextIn(
  claim: Claim,
  language: Language,
): { statement: string; answer: string; claimant?: string | undefined; untranslated: boolean } {
  const translation = claim.language === language ? undefined : claim.translations[language];
  if (translation)
    return { statement: translation.statement, answer: translation.answer, claimant: translation.claimant ?? claim.claimant, untranslated: false };
  return { statement: claim.statement, answer: claim.answer, claimant: claim.claimant, untranslated: claim.language !== language };
}

/**
 * The claim as an embed, its text in the question's `language` when it has that translation (else as written, with
 * a line saying so in the reply's language); a public correction, when there is one, is shown first, right under
 * the answer. Field names, the badge and the footer are in the reply's language.
 */
export function claimEmbed(claim: Claim, correction?: Correction | null, language: Language = claim.language): APIEmbed {
  const text = claimTextIn(claim, language);
  const note = text.untranslated ? `*${t('answer.untranslated', { language: t(`language.${language}`) })}*\n\n` : '';
  return fitEmbed({
    title: text.statement,
    description: `${note}${text.answer}`,
    color: COLORS[claim.confidence],
    fields: [
      ...(correction ? [{ name: t('answer.correction'), value: correctionLine(correction) }] : []),
      { name: t('answer.confidence'), value: confidenceBadge({ ...claim, claimant: text.claimant }) },
      ...(claim.verdict ? [{ name: t('answer.verdict'), value: verdictLine(claim.verdict) }] : []),
      { name: t(claim.sources.length === 1 ? 'answer.source' : 'answer.sources'), value: claim.sources.map(sourceLine).join('\n') },
      { name: t('answer.lastReviewed'), value: reviewedDate(claim), inline: true },
    ],
    footer: { text: t(claim.guildId ? 'answer.footerServer' : 'answer.footerCurated', { id: claim.id }) },
  });
}
