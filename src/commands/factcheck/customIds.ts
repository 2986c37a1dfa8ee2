// The custom_ids /factcheck's answers carry, and the value its autocomplete sends back for a picked claim. Each
// comes back untrusted: the question or claim it names is looked up in the clicking server only.
import { z } from 'zod';
import { ClaimId, type Vote } from '../../knowledge/index.js';
import { customIds, noArg, wholeNumber } from '../shared/customId.js';

/** A suggestion's position among the closest claims of a logged question: `{askedId}-{position}`, 1-based. */
const suggestionOfQuestion = z.codec(
  z.string().regex(/^\d{1,15}-[1-9]$/),
  z.object({ askedId: z.number().int().nonnegative(), position: z.number().int().min(1).max(9) }),
  {
    decode: (arg) => {
      const [askedId, position] = arg.split('-').map(Number);
      return { askedId: askedId!, position: position! };
    },
    encode: ({ askedId, position }) => `${askedId}-${position}`,
  },
);

/** The buttons under /factcheck's closest claims. */
export const suggestionIds = customIds('fc', {
  /** A suggestion button: the asked question (its id in the question log) and the suggestion's position. */
  pick: suggestionOfQuestion,
  /**
   * "Show this claim", as sent before suggestions named their question. Still answered (messages with it stay in
   * channels), without feedback buttons: it names no question to vote on.
   */
  show: ClaimId,
});

/** "Helpful" and "Not what I asked" under an answer; the argument is the question-log id of the question answered. */
export const feedbackIds = customIds('fb', { helpful: wholeNumber(15), wrong: wholeNumber(15) });

/**
 * "Notify me" under a reply without an answer (the argument: the question-log id of the question), "Stop notifying
 * me" (the subscription's id), and the select of a member's subscriptions to stop one (the chosen value names it).
 */
export const notifyIds = customIds('nt', { me: wholeNumber(15), stop: wholeNumber(12), drop: noArg });

/** The vote each feedback button casts. */
export const VOTE_OF: Record<'helpful' | 'wrong', Vote> = { helpful: 'helpful', wrong: 'not_what_i_asked' };

/** Autocomplete value for a picked claim, so the command can tell a pick from typed text. */
const PICKED_PREFIX = 'claim:';
export const pickedValue = (claimId: string) => `${PICKED_PREFIX}${claimId}`;

/** The claim id inside an autocomplete value, or null when the member typed free text. */
export function parsePicked(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed.startsWith(PICKED_PREFIX)) return null;
  const id = ClaimId.safeParse(trimmed.slice(PICKED_PREFIX.length));
  return id.success ? id.data : null;
}
