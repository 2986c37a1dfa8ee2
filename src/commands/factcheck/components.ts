// The buttons under /factcheck's replies. Everything in a custom_id is untrusted: the question or claim it names
// is looked up in the clicking server only, and a claim is shown only when it is visible and active there.
// - A suggestion button answers its question with that claim (privately, with the feedback buttons).
// - "Helpful" and "Not what I asked" under an answer: anyone who sees the answer may vote (no moderator rights
//   needed), once per answer; a forged id naming another server's question is refused and records nothing.
import type { BotContext, ComponentHandler, ComponentRequest, ReplyPayload } from '../shared/types.js';
import { feedbackIds, suggestionIds, VOTE_OF } from './customIds.js';
import { t } from '../shared/i18n.js';
import { answerReply, answerView } from './views.js';

type SuggestionValue = NonNullable<ReturnType<typeof suggestionIds.parse>>;
type FeedbackValue = NonNullable<ReturnType<typeof feedbackIds.parse>>;

export const suggestionButtons: ComponentHandler<SuggestionValue> = {
  ids: suggestionIds,
  async button(ctx, { caller, control: { action, value } }) {
    const scope = ctx.kb.scope(caller.guildId);
    if (action === 'pick') {
      const answer = await scope.answerSuggestion(value.askedId, value.position);
      return answer ? answerView(answer, true, caller.guildId) : { content: t('factcheck.unavailable'), ephemeral: true };
    }
    // A button from before suggestions named their question: the claim, without feedback buttons.
    const shown = await scope.claim(value);
    const active = shown?.claim.status === 'active' ? shown : undefined;
    return active ? answerReply(active.claim, true, { correction: active.correction }) : { content: t('factcheck.unavailable'), ephemeral: true };
  },
  refuse: () => Promise.resolve({ content: t('factcheck.unavailable'), ephemeral: true }),
};

function unavailable(ctx: BotContext, { caller }: ComponentRequest<unknown>): Promise<ReplyPayload> {
  ctx.log.info({ guildId: caller.guildId, userId: caller.userId }, 'feedback: refused an unknown or foreign answer');
  return Promise.resolve({ content: t('factcheck.feedbackUnavailable'), ephemeral: true });
}

export const feedbackButtons: ComponentHandler<FeedbackValue> = {
  ids: feedbackIds,
  async button(ctx, request) {
    const { caller, control } = request;
    const { guildId, userId } = caller;
    const result = await ctx.kb.scope(guildId).vote(control.value, userId, VOTE_OF[control.action]);
    if (result.status === 'not-found') return unavailable(ctx, request);
    if (result.status === 'already-recorded') return { content: t('factcheck.already'), ephemeral: true };
    ctx.log.info({ guildId, askedId: control.value, claimId: result.claimId, vote: control.action }, 'feedback recorded');
    // Outside a server that installed the bot, nobody moderates: the question goes nowhere but the log.
    const thanks = t(control.action === 'wrong' && guildId !== null ? 'factcheck.wrongThanks' : 'factcheck.thanks');
    return { content: thanks, ephemeral: true };
  },
  refuse: unavailable,
};
