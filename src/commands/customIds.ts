// custom_id values of buttons, selects and modals. They come back from Discord as untrusted text (a client can
// forge them), so each is parsed with zod and the claim it names is looked up in the clicking server's scope.
import { z } from 'zod';
import { ClaimId } from '../knowledge/schema.js';

/**
 * "Show this claim" button of /factcheck suggestions, as sent before suggestions named their question. Still
 * answered (messages with it stay in channels), without feedback buttons: it names no question to vote on.
 */
export const showClaimId = (claimId: string) => `fc:show:${claimId}`;

/** A suggestion button: the asked question (questions-log id) and the suggestion's position in it, 1-based. */
export const pickSuggestionId = (askedId: number, position: number) => `fc:pick:${askedId}-${position}`;

/** The asked id and position of a suggestion button's argument, or null for anything malformed. */
export function parsePickSuggestion(arg: string): { askedId: number; position: number } | null {
  const match = /^(\d{1,15})-([1-9])$/.exec(arg);
  return match ? { askedId: Number(match[1]), position: Number(match[2]) } : null;
}

/** Feedback on an answer; the argument is the questions-log id of the question it answered. */
export const FEEDBACK_PREFIX = 'fb';
export const FEEDBACK_ACTIONS = { helpful: 'helpful', wrong: 'not_what_i_asked' } as const;
export type FeedbackAction = keyof typeof FEEDBACK_ACTIONS;
export const feedbackId = (action: FeedbackAction, askedId: number) => `${FEEDBACK_PREFIX}:${action}:${askedId}`;

/** The vote and asked id a feedback custom_id names, or null for anything malformed or foreign. */
export function parseFeedbackId(customId: string): { action: FeedbackAction; askedId: number } | null {
  const parsed = parseCustomId(customId);
  if (!parsed || parsed.prefix !== FEEDBACK_PREFIX || !Object.hasOwn(FEEDBACK_ACTIONS, parsed.action)) return null;
  if (!/^\d{1,15}$/.test(parsed.arg)) return null;
  return { action: parsed.action as FeedbackAction, askedId: Number(parsed.arg) };
}

/** Autocomplete value for a picked claim, so execute can tell a pick from typed text. */
export const PICKED_PREFIX = 'claim:';
export const pickedValue = (claimId: string) => `${PICKED_PREFIX}${claimId}`;

/** The claim id inside an autocomplete value, or null when the user typed free text. */
export function parsePicked(value: string): string | null {
  if (!value.startsWith(PICKED_PREFIX)) return null;
  const id = ClaimId.safeParse(value.slice(PICKED_PREFIX.length));
  return id.success ? id.data : null;
}

const CustomId = z.string().max(100).regex(/^[a-z]{1,10}:[a-z-]{1,20}(?::[A-Za-z0-9_-]{0,64})?$/);

/** Splits "prefix:action:arg"; null for anything malformed. */
export function parseCustomId(customId: string): { prefix: string; action: string; arg: string } | null {
  if (!CustomId.safeParse(customId).success) return null;
  const [prefix = '', action = '', arg = ''] = customId.split(':');
  return { prefix, action, arg };
}
