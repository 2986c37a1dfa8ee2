// /factcheck: answers a question from the claim base (a picked autocomplete value answers with exactly that claim),
// and autocompletes over the claims visible here.
import type { AutocompleteRequest, BotContext, Choice, CommandRequest, ReplyPayload } from '../shared/types.js';
import { parsePicked } from './customIds.js';
import type { factcheckDefinition } from './definition.js';
import { noticeReply } from './noticeViews.js';
import { answerView, COOLDOWN_TEXT, factcheckChoices } from './views.js';

/** The answer; notices that could not be sent to the member earlier follow it, privately. */
export async function runFactcheck(ctx: BotContext, { caller, input }: CommandRequest<typeof factcheckDefinition>): Promise<ReplyPayload> {
  const wait = await ctx.cooldowns.take('factcheck', caller.userId);
  if (wait > 0) return { content: COOLDOWN_TEXT(wait), ephemeral: true };
  const scope = ctx.kb.scope(caller.guildId);
  const answer = await scope.answer(input.question, { pickedClaimId: parsePicked(input.question) });
  const held = await scope.takeHeld(caller.userId);
  const reply = answerView(answer, input.private ?? false, caller.guildId);
  return held.length ? { ...reply, followUps: held.map((notice) => noticeReply(notice, false)) } : reply;
}

export async function autocompleteFactcheck(ctx: BotContext, { caller, typed }: AutocompleteRequest): Promise<Choice[]> {
  try {
    return factcheckChoices(await ctx.kb.scope(caller.guildId).autocomplete(typed));
  } catch (error) {
    ctx.log.error({ err: error }, 'autocomplete failed; answering with no choices');
    return [];
  }
}
