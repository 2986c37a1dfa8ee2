// The buttons under /factcheck's replies. Everything in a custom_id is untrusted: the question or claim it names
// is looked up in the clicking server only, and a claim is shown only when it is visible and active there.
// - A suggestion button answers its question with that claim (privately, with the feedback buttons).
// - "Helpful" and "Not what I asked" under an answer: anyone who sees the answer may vote (no moderator rights
//   needed), once per answer; a forged id naming another server's question is refused and records nothing.
import { sendReply } from '../shared/reply.js';
import type { BotContext, ComponentHandler, ComponentInteraction } from '../shared/types.js';
import { feedbackIds, suggestionIds, VOTE_OF } from './customIds.js';
import { answerReply, answerView, FEEDBACK_ALREADY, FEEDBACK_THANKS, FEEDBACK_UNAVAILABLE, FEEDBACK_WRONG_THANKS, UNAVAILABLE } from './views.js';

type SuggestionValue = NonNullable<ReturnType<typeof suggestionIds.parse>>;
type FeedbackValue = NonNullable<ReturnType<typeof feedbackIds.parse>>;

export const suggestionButtons: ComponentHandler<SuggestionValue> = {
  ids: suggestionIds,
  async button(interaction, ctx, { action, value }) {
    const scope = ctx.kb.scope(interaction.guildId);
    if (action === 'pick') {
      const answer = await scope.answerSuggestion(value.askedId, value.position);
      await sendReply(interaction, answer ? answerView(answer, true) : { content: UNAVAILABLE, ephemeral: true });
      return;
    }
    // A button from before suggestions named their question: the claim, without feedback buttons.
    const shown = await scope.claim(value);
    const active = shown?.claim.status === 'active' ? shown : undefined;
    await sendReply(
      interaction,
      active ? answerReply(active.claim, true, { correction: active.correction }) : { content: UNAVAILABLE, ephemeral: true },
    );
  },
  async refuse(interaction) {
    await sendReply(interaction, { content: UNAVAILABLE, ephemeral: true });
  },
};

async function unavailable(interaction: ComponentInteraction, ctx: BotContext): Promise<void> {
  ctx.log.info(
    { guildId: interaction.guildId, userId: interaction.user.id, customId: interaction.customId },
    'feedback: refused an unknown or foreign answer',
  );
  await sendReply(interaction, { content: FEEDBACK_UNAVAILABLE, ephemeral: true });
}

export const feedbackButtons: ComponentHandler<FeedbackValue> = {
  ids: feedbackIds,
  async button(interaction, ctx, { action, value: askedId }) {
    const guildId = interaction.guildId;
    const result = await ctx.kb.scope(guildId).vote(askedId, interaction.user.id, VOTE_OF[action]);
    if (result.status === 'not-found') return unavailable(interaction, ctx);
    if (result.status === 'already-recorded') return sendReply(interaction, { content: FEEDBACK_ALREADY, ephemeral: true });
    ctx.log.info({ guildId, askedId, claimId: result.claimId, vote: action }, 'feedback recorded');
    await sendReply(interaction, { content: action === 'wrong' ? FEEDBACK_WRONG_THANKS : FEEDBACK_THANKS, ephemeral: true });
  },
  refuse: unavailable,
};
