// /factcheck question:<text> [private:<bool>] — answers from the claim base, with autocomplete over claims.
import { ApplicationCommandOptionType, ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { MAX_QUESTION_CHARS } from '../knowledge/matcher/normalize.js';
import type { ScoredClaim } from '../knowledge/matcher/claimIndex.js';
import type { Claim } from '../knowledge/schema.js';
import { parsePicked, pickedValue } from './customIds.js';
import { sendReply } from './reply.js';
import { answerReply, noMatchReply, publicCorrection, suggestionsReply } from './render/answerReply.js';
import { CHOICE_NAME_MAX, truncate } from './render/limits.js';
import type { BotContext, Command, ReplyPayload } from './types.js';

const data = {
  name: 'factcheck',
  description: 'Ask about a claim; get its sources and how well established it is.',
  type: ApplicationCommandType.ChatInput,
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'question',
      description: 'Your question, in your own words',
      required: true,
      autocomplete: true,
      max_length: MAX_QUESTION_CHARS,
    },
    { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Only you see the answer (default: everyone in the channel)' },
  ],
} satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * A claim as an answer to the question logged as `askedId`: with its public correction, if any, and the feedback
 * buttons.
 */
export function claimAnswer(ctx: Pick<BotContext, 'kb'>, claim: Claim, ephemeral: boolean, askedId: number): ReplyPayload {
  return answerReply(claim, ephemeral, { correction: publicCorrection(ctx.kb, claim.id), askedId });
}

/**
 * The answer to a question asked in a guild (or the console): a picked autocomplete value answers with exactly
 * that claim; anything else goes through the matcher. Every question is logged once, with its outcome (answered, suggested, unanswered) for /claim stats; a pick is logged as
 * answered, under the statement picked (what the person asked for).
 */
export function factcheckReply(ctx: Pick<BotContext, 'kb'>, guildId: string | null, question: string, ephemeral: boolean): ReplyPayload {
  const { kb } = ctx;
  const pickedId = parsePicked(question.trim());
  if (pickedId) {
    const claim = kb.get(pickedId, guildId);
    if (claim && claim.status === 'active') {
      return claimAnswer(ctx, claim, ephemeral, kb.questions.record(guildId, claim.statement, 'answered', { claimId: claim.id }));
    }
  }
  const result = kb.ask(question, guildId);
  if (result.match) {
    const { claim, score } = result.match;
    return claimAnswer(ctx, claim, ephemeral, kb.questions.record(guildId, question, 'answered', { claimId: claim.id, score }));
  }
  const best = result.suggestions[0];
  const closest = best ? { claimId: best.claim.id, score: best.score } : undefined;
  const suggested = result.suggestions.map((s) => s.claim.id);
  const askedId = kb.questions.record(guildId, question, suggested.length ? 'suggested' : 'unanswered', closest, suggested);
  return suggested.length ? suggestionsReply(question, result.suggestions, ephemeral, askedId) : noMatchReply(question, ephemeral);
}

/** Autocomplete choices: up to 25 claims, names at most 100 characters, values that encode the claim id. */
export function factcheckChoices(ranked: ScoredClaim[]): Array<{ name: string; value: string }> {
  return ranked.slice(0, 25).map(({ claim }) => ({ name: truncate(claim.statement, CHOICE_NAME_MAX), value: pickedValue(claim.id) }));
}

export default {
  data,
  async execute(interaction, ctx) {
    const wait = ctx.cooldowns.take('factcheck', interaction.user.id);
    if (wait > 0) {
      await sendReply(interaction, { content: `You're asking quickly — try again in ${wait} second${wait === 1 ? '' : 's'}.`, ephemeral: true });
      return;
    }
    const question = interaction.options.getString('question', true);
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    await sendReply(interaction, factcheckReply(ctx, interaction.guildId, question, ephemeral));
  },
  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused();
    let choices: Array<{ name: string; value: string }> = [];
    try {
      choices = factcheckChoices(ctx.kb.autocomplete(typed, interaction.guildId));
    } catch (error) {
      ctx.log.error({ err: error }, 'autocomplete failed; answering with no choices');
    }
    await interaction.respond(choices);
  },
} satisfies Command;
