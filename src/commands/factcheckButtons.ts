// Buttons under /factcheck suggestions: "show this claim". Everything in the custom_id is untrusted: the question it
// names is looked up in the clicking server only, and the claim is shown only when it is visible and active there.
// The answer shown carries the feedback buttons, logged as answering the question with the claim picked.
import { parseCustomId, parsePickSuggestion } from './customIds.js';
import { claimAnswer } from './factcheck.js';
import { sendReply } from './reply.js';
import { answerReply, publicCorrection } from './render/answerReply.js';
import type { BotContext, ComponentHandler, ReplyPayload } from './types.js';

const UNAVAILABLE = 'That claim is not available in this server any more.';

function pickedSuggestion(ctx: BotContext, guildId: string | null, arg: string): ReplyPayload | null {
  const pick = parsePickSuggestion(arg);
  const asked = pick ? ctx.kb.questions.get(pick.askedId, guildId) : undefined;
  const claimId = pick && asked?.outcome === 'suggested' ? asked.suggested[pick.position - 1] : undefined;
  const claim = claimId ? ctx.kb.get(claimId, guildId) : undefined;
  if (!asked || !claim || claim.status !== 'active') return null;
  const askedId = ctx.kb.questions.record(guildId, asked.question, 'answered', { claimId: claim.id }, [], asked.id);
  return claimAnswer(ctx, claim, true, askedId);
}

/** A button from before suggestions named their question: the claim, without feedback buttons. */
function shownClaim(ctx: BotContext, guildId: string | null, claimId: string): ReplyPayload | null {
  const claim = ctx.kb.get(claimId, guildId);
  if (!claim || claim.status !== 'active') return null;
  return answerReply(claim, true, { correction: publicCorrection(ctx.kb, claim.id) });
}

export default {
  prefix: 'fc',
  async button(interaction, ctx) {
    const parsed = parseCustomId(interaction.customId);
    const reply =
      parsed?.action === 'pick'
        ? pickedSuggestion(ctx, interaction.guildId, parsed.arg)
        : parsed?.action === 'show'
          ? shownClaim(ctx, interaction.guildId, parsed.arg)
          : null;
    await sendReply(interaction, reply ?? { content: UNAVAILABLE, ephemeral: true });
  },
} satisfies ComponentHandler;
