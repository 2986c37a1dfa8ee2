// Reading a scope's claims: one claim with its public correction, the claims answered here, the scope's own (all,
// or those due for review), and a claim's history. A server sees the curated base and its own claims, never another's.
import { isStale, shownCorrection } from '../corrections.js';
import { ClaimNotFoundError } from '../errors.js';
import type { AuditEntry, Claim, Correction } from '../schema.js';
import type { Stores } from './stores.js';

/** A claim as a moderator sees it: with the public correction its answers show. */
export interface ClaimView {
  claim: Claim;
  correction: Correction | null;
}

/** A claim visible here (the curated base's, or this scope's own), active or retired. */
export function claim(stores: Stores, guildId: string | null, id: string): ClaimView | undefined {
  const found = stores.claims.get(id, guildId);
  return found && { claim: found, correction: shownCorrection(stores.claims.latestCorrection(found.id)) };
}

/** The active claims answered here: the curated base and this scope's own. */
export function visible(stores: Stores, guildId: string | null): Claim[] {
  return stores.claims.visible(guildId);
}

/** How many claims are answered here (the curated base's and this scope's own), and who curates this scope's. */
export interface ClaimsSummary {
  total: number;
  curated: number;
  /** Who added this server's active claims (at most 10). */
  curators: string[];
}

export function summary(stores: Stores, guildId: string | null): ClaimsSummary {
  const { total, curated } = stores.claims.countVisible(guildId);
  return { total, curated, curators: guildId ? stores.claims.curators(guildId, 10) : [] };
}

/** This scope's own claims (for `null`, the curated base), in the order they were added; active unless `includeRetired`. */
export function list(stores: Stores, guildId: string | null, includeRetired = false): Claim[] {
  return stores.claims.list(guildId, includeRetired);
}

/**
 * This scope's own active claims not reviewed for `intervalDays`, oldest review first, and how many curated claims
 * are due too (only the bot's maintainers can review those).
 */
export function stale(stores: Stores, guildId: string | null, intervalDays: number, now = new Date()): { claims: Claim[]; curatedDue: number } {
  const due = (scope: string | null) =>
    stores.claims
      .list(scope)
      .filter((c) => isStale(c, intervalDays, now))
      .sort((a, b) => a.reviewedAt.localeCompare(b.reviewedAt));
  const claims = due(guildId);
  return { claims, curatedDue: guildId === null ? claims.length : due(null).length };
}

/** Who changed a claim visible here, when, and how, oldest first. */
export function history(stores: Stores, guildId: string | null, id: string): AuditEntry[] {
  if (!stores.claims.get(id, guildId)) throw new ClaimNotFoundError(id);
  return stores.claims.history(id);
}
