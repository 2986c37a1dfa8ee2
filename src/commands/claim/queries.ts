// The reads behind /claim's views, shared by the command and its buttons/selects: always scoped to one server.
import { isStale } from '../../knowledge/corrections.js';
import type { KnowledgeBase } from '../../knowledge/knowledgeBase.js';
import { CHOICE_NAME_MAX, truncate } from '../render/limits.js';
import type { ReplyPayload } from '../types.js';
import { dismissedNotice, listView, staleView, statsView, UNANSWERED_LIMIT, unansweredView } from './render.js';

export const STATS_PERIODS = [7, 30] as const;

/** One page of the server's own active claims; those past `intervalDays` since their review are marked. */
export function listReply(kb: KnowledgeBase, guildId: string, page: number, intervalDays: number, now = new Date()): ReplyPayload {
  const all = kb.claims.list(guildId, true);
  const own = all.filter((c) => c.status === 'active');
  const staleIds = new Set(own.filter((c) => isStale(c, intervalDays, now)).map((c) => c.id));
  return listView({ own, retiredCount: all.length - own.length, curatedCount: kb.claims.list(null).length, staleIds }, page);
}

/** The server's own claims due for review, oldest first, and how many curated claims are due (maintainers' job). */
export function staleReply(kb: KnowledgeBase, guildId: string, intervalDays: number, now = new Date()): ReplyPayload {
  return staleView(kb.stale(guildId, intervalDays, now), kb.stale(null, intervalDays, now).length, intervalDays, now);
}

/** Questions and feedback over the last 7 and 30 days, with the statements of the claims named. */
export function statsReply(kb: KnowledgeBase, guildId: string, now = new Date()): ReplyPayload {
  const periods = STATS_PERIODS.map((days) => kb.questions.stats(guildId, days, now));
  const statements = new Map<string, string>();
  for (const { claimId } of periods.flatMap((p) => p.topNotWhatIAsked)) {
    const claim = kb.get(claimId, guildId);
    if (claim) statements.set(claimId, claim.statement);
  }
  return statsView(periods, statements);
}

export function unansweredReply(kb: KnowledgeBase, guildId: string, notice?: string): ReplyPayload {
  return unansweredView(kb.listUnanswered(guildId, UNANSWERED_LIMIT), notice);
}

/** Dismisses an open unanswered question of this server (any other id changes nothing) and shows the list again. */
export function dismissAndList(kb: KnowledgeBase, guildId: string, id: number): ReplyPayload {
  const question = kb.listUnanswered(guildId, 100).find((g) => g.id === id)?.question;
  const count = kb.dismissUnanswered(guildId, id);
  return unansweredReply(kb, guildId, dismissedNotice(question, count));
}

export type IdScope = 'own' | 'visible';

/**
 * Autocomplete choices for a claim id: claims of this server (`own`, for edit/retire), or every claim visible
 * here (`visible`: the curated base too, plus this server's retired claims, for show/history). Up to 25.
 */
export function idChoices(kb: KnowledgeBase, guildId: string, typed: string, scope: IdScope): Array<{ name: string; value: string }> {
  const ranked = kb.autocomplete(typed, guildId, scope === 'own' ? 500 : 25).map((s) => s.claim);
  const claims = scope === 'own' ? ranked.filter((c) => c.guildId === guildId) : ranked;
  const needle = typed.trim().toLowerCase();
  const retired =
    scope === 'visible' && needle
      ? kb.claims
          .list(guildId, true)
          .filter((c) => c.status === 'retired' && (c.id.includes(needle) || c.statement.toLowerCase().includes(needle)))
      : [];
  return [
    ...claims.map((c) => ({ name: truncate(c.statement, CHOICE_NAME_MAX), value: c.id })),
    ...retired.map((c) => ({ name: truncate(`[retired] ${c.statement}`, CHOICE_NAME_MAX), value: c.id })),
  ].slice(0, 25);
}
