// /claim's subcommands, one handler each, keyed by the names in the definition: the table is checked to cover
// every subcommand, and each handler gets its own options, typed. A handler runs for a moderator of the server
// only (index.ts checks first) and never sees another server's claims.
import { ClaimNotFoundError, type Scope } from '../../knowledge/index.js';
import type { InputOf, SubcommandHandlers } from '../shared/options.js';
import type { BotContext, Caller, CommandReply } from '../shared/types.js';
import { writeWait } from './access.js';
import type { claimDefinition } from './definition.js';
import { addClaimModal, editClaimModal } from './modal.js';
import { historyView } from './views/history.js';
import { LIST_PAGE_SIZE, listView } from './views/list.js';
import { message, rateLimitedText } from './views/messages.js';
import { retiredView, reviewedView } from './views/saved.js';
import { showView } from './views/show.js';
import { STALE_LIMIT, staleView } from './views/stale.js';
import { STATS_PERIODS, statsView } from './views/stats.js';
import { UNANSWERED_LIMIT, unansweredView } from './views/unanswered.js';

export type ClaimInput = InputOf<typeof claimDefinition>;

/** One page of the server's own active claims (read a page at a time); those due for review are marked. */
export async function listReply(scope: Scope, page: number, intervalDays: number, now = new Date()) {
  const list = await scope.listPage({ page: Math.trunc(page) || 1, pageSize: LIST_PAGE_SIZE, intervalDays, now });
  return listView(list, intervalDays, now);
}

export async function unansweredReply(scope: Scope, notice?: string) {
  return unansweredView(await scope.unanswered(UNANSWERED_LIMIT), notice);
}

/** The claim an `id` option names, if this server may see it (curated or its own), active or retired. */
async function visibleClaim(scope: Scope, id: string) {
  const view = await scope.claim(id.trim());
  if (!view) throw new ClaimNotFoundError(id.trim());
  return view;
}

/**
 * The handlers, for a moderator of `guildId`. Those that read a page of many claims, or write, acknowledge the
 * command first (`defer`): a write may wait for another program's lock, and must not miss Discord's deadline.
 */
export function subcommands(
  ctx: BotContext,
  caller: Caller,
  guildId: string,
  defer: () => Promise<void> = () => Promise.resolve(),
): SubcommandHandlers<ClaimInput, Promise<CommandReply>> {
  const scope = ctx.kb.scope(guildId);
  const intervalDays = ctx.env.REVIEW_INTERVAL_DAYS;
  return {
    add: () => Promise.resolve({ modal: addClaimModal() }),
    async edit({ id }) {
      // Only this server's own claims open in the form (curated claims are read-only from Discord).
      return { modal: editClaimModal(await scope.editable(id.trim())) };
    },
    async retire({ id, note }) {
      // A retirement is a correction: its note is checked before the write cooldown is spent.
      const draft = await scope.draftRetire(id.trim(), note);
      if (draft.kind === 'already-retired') return retiredView(draft.claim, true);
      const wait = writeWait(ctx, caller.userId);
      if (wait > 0) return message(rateLimitedText(wait));
      await defer();
      const retired = await scope.saveRetire(draft, { by: caller.userId });
      ctx.log.info({ claimId: retired.id, guildId, userId: caller.userId }, 'claim retired');
      return retiredView(retired, false);
    },
    async review({ id }) {
      const draft = await scope.draftReview(id.trim());
      const wait = writeWait(ctx, caller.userId);
      if (wait > 0) return message(rateLimitedText(wait));
      await defer();
      const reviewed = await scope.saveReview(draft, { by: caller.userId });
      ctx.log.info({ claimId: reviewed.id, guildId, userId: caller.userId }, 'claim reviewed');
      return reviewedView(reviewed, intervalDays);
    },
    show: async ({ id }) => showView(await visibleClaim(scope, id)),
    async list({ page }) {
      await defer();
      return listReply(scope, page ?? 1, intervalDays);
    },
    async stale() {
      await defer();
      const now = new Date();
      const { claims, total, curatedDue } = await scope.stale(intervalDays, now, STALE_LIMIT);
      return staleView(claims, total, curatedDue, intervalDays, now);
    },
    async history({ id }) {
      const { claim } = await visibleClaim(scope, id);
      return historyView(claim, await scope.history(claim.id));
    },
    unanswered: () => unansweredReply(scope),
    async stats() {
      const now = new Date();
      return statsView(await Promise.all(STATS_PERIODS.map((days) => scope.stats(days, now))));
    },
  };
}
