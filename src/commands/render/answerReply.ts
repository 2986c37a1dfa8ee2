// The reply to a question, in its three outcomes: a confident answer, "closest claims" suggestions, or an honest
// "no vetted claim". Shared by /factcheck, its buttons, and the offline console.
import { ButtonStyle, ComponentType, type APIEmbed } from 'discord.js';
import type { ScoredClaim } from '../../knowledge/matcher/claimIndex.js';
import type { MatchResult } from '../../knowledge/matcher/decide.js';
import type { Claim } from '../../knowledge/schema.js';
import { showClaimId } from '../customIds.js';
import type { ReplyPayload } from '../types.js';
import { claimEmbed, COLORS } from './claimEmbed.js';
import { truncate } from './limits.js';

export const NO_MATCH_TEXT =
  'There is no vetted claim for this question, so I will not guess. It has been passed to this server’s moderators.';
export const SUGGESTIONS_TEXT = 'No vetted answer to that exact question — closest claims:';

/** Echoes the question back, short and inert (mentions are never parsed, but keep it readable). */
function quoted(question: string): string {
  return truncate(question.replace(/\s+/g, ' ').trim(), 200);
}

export function answerReply(claim: Claim, ephemeral: boolean): ReplyPayload {
  return { embeds: [claimEmbed(claim)], ephemeral };
}

export function suggestionsReply(question: string, suggestions: ScoredClaim[], ephemeral: boolean): ReplyPayload {
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
          custom_id: showClaimId(s.claim.id),
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

/** The reply for a matcher result. */
export function replyForResult(question: string, result: MatchResult, ephemeral: boolean): ReplyPayload {
  if (result.match) return answerReply(result.match.claim, ephemeral);
  if (result.suggestions.length) return suggestionsReply(question, result.suggestions, ephemeral);
  return noMatchReply(question, ephemeral);
}
