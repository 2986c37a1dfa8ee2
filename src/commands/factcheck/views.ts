// The reply to a question, in its three outcomes: a confident answer, "closest claims" suggestions, or an honest
// "no vetted claim"; the feedback buttons and their replies; autocomplete choices. What Discord, the offline console
// and `npm run ask` show (the text faces print it with the same renderer).
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { Answer, Claim, Correction, Language, ScoredClaim } from '../../knowledge/index.js';
import { claimEmbed, COLORS } from '../shared/claimEmbed.js';
import { en, t } from '../shared/i18n.js';
import { CHOICE_NAME_MAX, quotedQuestion, truncate } from '../shared/limits.js';
import type { Choice, ReplyPayload } from '../shared/types.js';
import { feedbackIds, pickedValue, suggestionIds } from './customIds.js';
import { notifyRow } from './noticeViews.js';

// The English texts, as tests and tools compare them; replies take each in the member's language (t).
export const NO_MATCH_TEXT = en('factcheck.noMatch');
export const PASSED_ON_TEXT = en('factcheck.passedOn');
export const SUGGESTIONS_TEXT = en('factcheck.suggestions');
export const COOLDOWN_TEXT = (seconds: number) => t('factcheck.cooldown', { count: seconds });
export const UNAVAILABLE = en('factcheck.unavailable');

export const FEEDBACK_LABELS = { helpful: en('factcheck.helpful'), wrong: en('factcheck.wrong') } as const;
export const FEEDBACK_THANKS = en('factcheck.thanks');
export const FEEDBACK_WRONG_THANKS = en('factcheck.wrongThanks');
export const FEEDBACK_ALREADY = en('factcheck.already');
export const FEEDBACK_UNAVAILABLE = en('factcheck.feedbackUnavailable');

const quoted = (question: string) => quotedQuestion(question, 200);

/** "Helpful" and "Not what I asked" under an answer; `askedId` is the question-log id of the question answered. */
export function feedbackRow(askedId: number): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: feedbackIds.make('helpful', askedId), label: t('factcheck.helpful') },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: feedbackIds.make('wrong', askedId), label: t('factcheck.wrong') },
    ],
  };
}

export interface AnswerExtras {
  /** The claim's public correction, shown on the answer. */
  correction?: Correction | null | undefined;
  /** The question-log id of the question this answers; the answer then carries the feedback buttons. */
  askedId?: number | null | undefined;
  /** The language of the question: the claim is shown in it when it has that translation. */
  language?: Language | undefined;
}

export function answerReply(claim: Claim, ephemeral: boolean, extras: AnswerExtras = {}): ReplyPayload {
  return {
    embeds: [claimEmbed(claim, extras.correction, extras.language)],
    ...(extras.askedId != null ? { components: [feedbackRow(extras.askedId)] } : {}),
    ephemeral,
  };
}

/**
 * Up to 3 closest claims; when the question was logged (`askedId`), each is a button that shows it. Without one
 * (a tool asked, nothing logged) there is nothing to press, and the claims are listed only.
 */
export function suggestionsReply(question: string, suggestions: ScoredClaim[], ephemeral: boolean, askedId: number | null): ReplyPayload {
  const embed: APIEmbed = {
    title: t('factcheck.suggestions'),
    description: suggestions.map((s, i) => `**${i + 1}.** ${truncate(s.claim.statement, 300)}`).join('\n'),
    color: COLORS.neutral,
    footer: { text: t('factcheck.youAsked', { question: quoted(question) }) },
  };
  if (askedId === null) return { embeds: [embed], ephemeral };
  return {
    embeds: [embed],
    components: [
      {
        type: ComponentType.ActionRow,
        components: suggestions.map((s, i) => ({
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          custom_id: suggestionIds.make('pick', { askedId, position: i + 1 }),
          label: truncate(`${i + 1}. ${s.claim.statement}`, 80),
        })),
      },
    ],
    ephemeral,
  };
}

/** No vetted claim; a logged question is in the moderators' queue now, and the reply says so. */
export function noMatchReply(question: string, ephemeral: boolean, passedOn = true): ReplyPayload {
  return {
    embeds: [
      {
        title: t('factcheck.noMatchTitle'),
        description: passedOn ? `${t('factcheck.noMatch')} ${t('factcheck.passedOn')}` : t('factcheck.noMatch'),
        color: COLORS.none,
        footer: { text: t('factcheck.youAsked', { question: quoted(question) }) },
      },
    ],
    ephemeral,
  };
}

/**
 * The reply to a question, whatever its outcome. In a server that installed the bot (`guildId`), a logged question
 * without an answer is in its moderators' queue, and the member may ask to be told when there is one; elsewhere
 * (a DM, a server that did not install the bot) nobody moderates, and the reply says neither.
 */
export function answerView(answer: Answer, ephemeral: boolean, guildId: string | null = null): ReplyPayload {
  if (answer.claim)
    return answerReply(answer.claim, ephemeral, { correction: answer.correction, askedId: answer.askedId, language: answer.language });
  const moderated = guildId !== null && answer.askedId !== null;
  const reply = answer.suggestions.length
    ? suggestionsReply(answer.question, answer.suggestions, ephemeral, answer.askedId)
    : noMatchReply(answer.question, ephemeral, moderated);
  return moderated ? { ...reply, components: [...(reply.components ?? []), notifyRow(answer.askedId!)] } : reply;
}

/** Autocomplete choices: up to 25 claims, names at most 100 characters, values that encode the claim id. */
export function factcheckChoices(claims: Claim[]): Choice[] {
  return claims.slice(0, 25).map((claim) => ({ name: truncate(claim.statement, CHOICE_NAME_MAX), value: pickedValue(claim.id) }));
}
