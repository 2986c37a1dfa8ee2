// The reply to a question, in its three outcomes: a confident answer, "closest claims" suggestions, or an honest
// "no vetted claim". Shared by /factcheck, its buttons, and the offline console.
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed } from 'discord.js';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import type { ScoredClaim } from '../../knowledge/matcher/claimIndex.js';
import type { Claim } from '../../knowledge/schema.js';
import { feedbackId, pickSuggestionId } from '../customIds.js';
import type { ReplyPayload } from '../types.js';
import { claimEmbed, COLORS, type PublicCorrection } from './claimEmbed.js';
import { quotedQuestion, truncate } from './limits.js';

export const NO_MATCH_TEXT =
  'There is no vetted claim for this question, so I will not guess. It has been passed to this server’s moderators.';
export const SUGGESTIONS_TEXT = 'No vetted answer to that exact question — closest claims:';

const quoted = (question: string) => quotedQuestion(question, 200);

export const FEEDBACK_LABELS = { helpful: 'Helpful', wrong: 'Not what I asked' } as const;

/**
 * The claim's newest public correction, if it is an edit's: that is what an answer shows as "Updated {date}: {note}".
 * (A retirement's note is a correction too, but a retired claim is not answered.)
 */
export function publicCorrection(kb: Pick<KnowledgeBase, 'latestCorrection'>, claimId: string): PublicCorrection | undefined {
  const latest = kb.latestCorrection(claimId);
  return latest?.action === 'edit' ? { at: latest.at, note: latest.note } : undefined;
}

/** "Helpful" and "Not what I asked" under an answer; `askedId` is the questions-log id of the question answered. */
export function feedbackRow(askedId: number): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: feedbackId('helpful', askedId), label: FEEDBACK_LABELS.helpful },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: feedbackId('wrong', askedId), label: FEEDBACK_LABELS.wrong },
    ],
  };
}

export interface AnswerExtras {
  /** The claim's public correction, shown on the answer. */
  correction?: PublicCorrection | undefined;
  /** The questions-log id of the question this answers; the answer then carries the feedback buttons. */
  askedId?: number | undefined;
}

export function answerReply(claim: Claim, ephemeral: boolean, extras: AnswerExtras = {}): ReplyPayload {
  return {
    embeds: [claimEmbed(claim, extras.correction)],
    ...(extras.askedId !== undefined ? { components: [feedbackRow(extras.askedId)] } : {}),
    ephemeral,
  };
}

/** Up to 3 closest claims, each a button that shows it; `askedId` is the question's questions-log id. */
export function suggestionsReply(question: string, suggestions: ScoredClaim[], ephemeral: boolean, askedId: number): ReplyPayload {
  const embed: APIEmbed = {
    title: SUGGESTIONS_TEXT,
    description: suggestions.map((s, i) => `**${i + 1}.** ${truncate(s.claim.statement, 300)}`).join('\n'),
    color: COLORS.neutral,
    footer: { text: `You asked: ${quoted(question)}` },
  };
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: suggestions.map((s, i) => ({
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          custom_id: pickSuggestionId(askedId, i + 1),
          label: truncate(`${i + 1}. ${s.claim.statement}`, 80),
        })),
      },
    ],
    ephemeral,
  };
}

export function noMatchReply(question: string, ephemeral: boolean): ReplyPayload {
  return {
    embeds: [{ title: 'No vetted claim', description: NO_MATCH_TEXT, color: COLORS.none, footer: { text: `You asked: ${quoted(question)}` } }],
    ephemeral,
  };
}

