// custom_id values of buttons, selects and modals. They come back from Discord as untrusted text (a client can
// forge them), so each is parsed with zod and the claim it names is looked up in the clicking server's scope.
import { z } from 'zod';
import { ClaimId } from '../knowledge/schema.js';

/** "Show this claim" button in the suggestions of /factcheck. */
export const showClaimId = (claimId: string) => `fc:show:${claimId}`;

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
