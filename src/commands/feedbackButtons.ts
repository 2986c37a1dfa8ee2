// "Helpful" and "Not what I asked" under an answer. Anyone who sees the answer may vote (no moderator rights
// needed), once per answer. The questions-log id in the custom_id is untrusted: it is looked up in the clicking
// server only, so a forged id naming another server's question is refused and records nothing. The vote is the one
// record of it: a "Not what I asked" vote puts the question in the moderators' queue with the claim it got.
import { FEEDBACK_ACTIONS, FEEDBACK_PREFIX, parseFeedbackId } from './customIds.js';
import { sendReply } from './reply.js';
import type { ComponentHandler } from './types.js';

export const FEEDBACK_THANKS = 'Thanks — noted.';
export const FEEDBACK_WRONG_THANKS = `${FEEDBACK_THANKS} Your question goes to the moderators as one without a fitting answer.`;
export const FEEDBACK_ALREADY = 'Your feedback on this answer is already recorded.';
export const FEEDBACK_UNAVAILABLE = 'That answer is not from this server, so there is nothing to give feedback on.';

export default {
  prefix: FEEDBACK_PREFIX,
  async button(interaction, ctx) {
    const guildId = interaction.guildId;
    const parsed = parseFeedbackId(interaction.customId);
    const asked = parsed ? ctx.kb.questions.get(parsed.askedId, guildId) : undefined;
    if (!parsed || !asked || asked.outcome !== 'answered' || !asked.claim_id) {
      ctx.log.info({ guildId, userId: interaction.user.id, customId: interaction.customId }, 'feedback: refused an unknown or foreign answer');
      await sendReply(interaction, { content: FEEDBACK_UNAVAILABLE, ephemeral: true });
      return;
    }
    if (!ctx.kb.questions.vote(asked, interaction.user.id, FEEDBACK_ACTIONS[parsed.action])) {
      await sendReply(interaction, { content: FEEDBACK_ALREADY, ephemeral: true });
      return;
    }
    ctx.log.info({ guildId, askedId: asked.id, claimId: asked.claim_id, vote: parsed.action }, 'feedback recorded');
    await sendReply(interaction, { content: parsed.action === 'wrong' ? FEEDBACK_WRONG_THANKS : FEEDBACK_THANKS, ephemeral: true });
  },
} satisfies ComponentHandler;
