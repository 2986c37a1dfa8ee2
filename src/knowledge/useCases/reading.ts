// Reading a scope's claims: one claim with its public correction, the claims answered here, the scope's own (all,
// or those due for review), and a claim's history. A server sees the curated base and its own claims, never another's.
import { shownCorrection } from '../corrections.js';
import { ClaimNotFoundError } from '../errors.js';
import type { AuditEntry, Claim, Correction } from '../schema.js';
import type { Stores } from './stores.js';

/** A claim as a moderator sees it: with the public correction its answers show. */
export interface ClaimView {
  claim: Claim;
  correction: Correction | null;
}

/** A claim visible here (the curated base's, or this scope's own), active or retired. */
export async function claim(stores: Stores, guildId: string | null, id: string): Promise<ClaimView | undefined> {
  const found = await stores.claims.get(id, guildId);
  return found && { claim: found, correction: shownCorrection(await stores.claims.latestCorrection(found)) };
}

/** The active claims answered here: the curated base and this scope's own. */
export function visible(stores: Stores, guildId: string | null): Promise<Claim[]> {
  return stores.claims.visible(guildId);
}

/** How many claims are answered here (the curated base's and this scope's own), and who curates this scope's. */
export interface ClaimsSummary {
  total: number;
  curated: number;
  /** Who added this server's active claims (at most 10). */
  curators: string[];
}

export async function summary(stores: Stores, guildId: string | null): Promise<ClaimsSummary> {
  const { total, curated } = await stores.claims.countVisible(guildId);
  return { total, curated, curators: guildId ? await stores.claims.curators(guildId, 10) : [] };
}

/** This scope's own claims (for `null`, the curated base), in the order they were added; active unless `includeRetired`. */
export function list(stores: Stores, guildId: string | null, includeRetired = false): Promise<Claim[]> {
  return stores.claims.list(guildId, includeRetired);
}

/** The last review date a claim may have and be due for review after `intervalDays` (isStale's cut-off). */
function dueBefore(intervalDays: number, now: Date): Date {
  return new Date(now.getTime() - intervalDays * 86_400_000);
}

/** A page of this scope's own active claims, and the counts a moderator's list shows; only the page is read. */
export interface ClaimListPage {
  claims: Claim[];
  /** 1-based; a page past the end is the last page. */
  page: number;
  pages: number;
  active: number;
  retired: number;
  /** Active claims due for review. */
  due: number;
  /** Curated claims also answered here. */
  curated: number;
}

export async function listPage(
  stores: Stores,
  guildId: string | null,
  page: number,
  pageSize: number,
  intervalDays: number,
  now = new Date(),
): Promise<ClaimListPage> {
  const cutoff = dueBefore(intervalDays, now);
  const { active } = await stores.claims.page(guildId, 0, 0, cutoff);
  const pages = Math.max(1, Math.ceil(active / pageSize));
  const shown = Math.min(Math.max(1, page), pages);
  const found = await stores.claims.page(guildId, (shown - 1) * pageSize, pageSize, cutoff);
  return { ...found, page: shown, pages, curated: (await stores.claims.countVisible(guildId)).curated };
}

/**
 * This scope's own active claims not reviewed for `intervalDays`, oldest review first (at most `limit`), how many
 * there are, and how many curated claims are due too (only the bot's maintainers can review those).
 */
export async function stale(
  stores: Stores,
  guildId: string | null,
  intervalDays: number,
  now = new Date(),
  limit = 20,
): Promise<{ claims: Claim[]; total: number; curatedDue: number }> {
  const cutoff = dueBefore(intervalDays, now);
  const due = async (scope: string | null) => (await stores.claims.page(scope, 0, 0, cutoff)).due;
  const total = await due(guildId);
  return { claims: await stores.claims.due(guildId, cutoff, limit), total, curatedDue: guildId === null ? total : await due(null) };
}

/** Who changed a claim visible here, when, and how, oldest first (with `afterVersion`, only what came after it). */
export async function history(stores: Stores, guildId: string | null, id: string, afterVersion?: number): Promise<AuditEntry[]> {
  const found = await stores.claims.get(id, guildId);
  if (!found) throw new ClaimNotFoundError(id);
  return stores.claims.history(found, afterVersion);
}
