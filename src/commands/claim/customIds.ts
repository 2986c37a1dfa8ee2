// custom_ids of /claim's modals, buttons and selects. Everything after the prefix comes back untrusted: the page
// is clamped, the claim id is checked against the schema, and the claim is looked up in the clicking server.
import { ClaimId } from '../../knowledge/schema.js';
import { parseCustomId } from '../customIds.js';

export const CLAIM_PREFIX = 'claim';

export const addModalId = () => `${CLAIM_PREFIX}:add`;
export const editModalId = (claimId: string) => `${CLAIM_PREFIX}:edit:${claimId}`;
export const listPageId = (page: number) => `${CLAIM_PREFIX}:list:${page}`;
export const dismissSelectId = () => `${CLAIM_PREFIX}:dismiss`;
/** The "Add a correction note" button of a pending material edit, and the note form it opens. */
export const noteId = (pendingId: string) => `${CLAIM_PREFIX}:note:${pendingId}`;

export type ClaimAction =
  | { action: 'add' }
  | { action: 'edit'; claimId: string }
  | { action: 'list'; page: number }
  | { action: 'dismiss' }
  | { action: 'note'; pendingId: string };

/** The /claim action a custom_id names, or null for anything malformed or foreign. */
export function parseClaimCustomId(customId: string): ClaimAction | null {
  const parsed = parseCustomId(customId);
  if (!parsed || parsed.prefix !== CLAIM_PREFIX) return null;
  switch (parsed.action) {
    case 'add':
      return parsed.arg === '' ? { action: 'add' } : null;
    case 'edit': {
      const id = ClaimId.safeParse(parsed.arg);
      return id.success ? { action: 'edit', claimId: id.data } : null;
    }
    case 'list': {
      if (!/^\d{1,6}$/.test(parsed.arg)) return null;
      return { action: 'list', page: Number(parsed.arg) };
    }
    case 'dismiss':
      return parsed.arg === '' ? { action: 'dismiss' } : null;
    case 'note':
      return /^[A-Za-z0-9_-]{12}$/.test(parsed.arg) ? { action: 'note', pendingId: parsed.arg } : null;
    default:
      return null;
  }
}
