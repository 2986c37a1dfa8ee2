// /claim's subcommands, one handler each, keyed by the names in the definition: the table is checked to cover
// every subcommand, and each handler gets its own options, typed. A handler runs for a moderator of the server
// only (index.ts checks first) and never sees another server's claims.
import { ClaimNotFoundError, confidenceOfVerdict, PENDING_EDITS_PER_SERVER, type Scope, type Verdict } from '../../knowledge/index.js';
import type { InputOf, SubcommandHandlers } from '../shared/options.js';
import type { BotContext, Caller, CommandReply } from '../shared/types.js';
import { plainValidationReply, writeWait } from './access.js';
import type { claimDefinition } from './definition.js';
import { addClaimModal, editClaimModal } from './modal.js';
import { verdictFromOptions } from './verdictOptions.js';
import { historyView } from './views/history.js';
import { LIST_PAGE_SIZE, listView } from './views/list.js';
import { message, rateLimitedText, shownId } from './views/messages.js';
import { CHANGED_SINCE, EDITS_WAITING_FULL, noteNeededView, retiredView, reviewedView } from './views/saved.js';
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
 * `/claim edit id: verdict:…`: the claim with only its verdict changed (and the confidence that verdict gives), or
 * its verdict removed. A verdict is what the bot tells people, so the change is a correction: it waits for its
 * public note (in the database) like a material edit from the form.
 */
async function rateReply(scope: Scope, caller: Caller, id: string, verdict: Verdict | null, defer: () => Promise<void>): Promise<CommandReply> {
  const { claim, version } = await scope.editable(id);
  const confidence = verdict ? confidenceOfVerdict(verdict.label) : claim.confidence;
  if (confidence === 'alleged' && !claim.claimant) {
    return message(
      `A claim rated “${verdict?.label ?? ''}” is alleged, so it names who claims it, and ${shownId(claim.id)} has no claimant: ` +
        `add one with \`/claim edit id:${claim.id}\` (the form) first. Nothing was changed.`,
    );
  }
  const { statement, answer, claimant, sources } = claim;
  const changes = { statement, answer, confidence, ...(claimant ? { claimant } : {}), sources, verdict };
  const draft = await scope.draftEdit(claim.id, changes, version);
  if (draft.kind === 'changed-since') return message(CHANGED_SINCE(draft.claim, draft.changes));
  if (!draft.material.length) return message(`${shownId(claim.id)} has that verdict already. Nothing was changed.`);
  // Keeping the edit is a write: acknowledged first.
  await defer();
  const held = await scope.holdEdit(draft, { by: caller.userId });
  if (held.status === 'full') return message(`**Not saved** — ${EDITS_WAITING_FULL(PENDING_EDITS_PER_SERVER)}`);
  return noteNeededView(draft.claim, draft.material, held.id);
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The handlers, for a moderator of `guildId` (null: the console's curated base). Those that read a page of many
 * claims, or write, acknowledge the command first (`defer`): a write may wait for another program's lock, and must
 * not miss Discord's deadline.
 */
export function subcommands(
  ctx: BotContext,
  caller: Caller,
  guildId: string | null,
  defer: () => Promise<void> = () => Promise.resolve(),
): SubcommandHandlers<ClaimInput, Promise<CommandReply>> {
  const scope = ctx.kb.scope(guildId);
  const intervalDays = ctx.env.REVIEW_INTERVAL_DAYS;
  return {
    async add(options) {
      const chosen = verdictFromOptions(options, today(), false);
      if (!chosen.ok) return plainValidationReply(chosen.problems);
      if (!chosen.verdict) return { modal: addClaimModal() };
      // The form has no room for a verdict (five fields, Discord's limit): it waits in the store for the form's
      // submit, which another worker may get.
      const pendingId = await ctx.kb.shared.holdVerdict({ userId: caller.userId, guildId, verdict: chosen.verdict });
      return { modal: addClaimModal({ pendingId, verdict: chosen.verdict }) };
    },
    async edit({ id, ...options }) {
      const chosen = verdictFromOptions(options, today(), true);
      if (!chosen.ok) return plainValidationReply(chosen.problems);
      if (chosen.verdict !== undefined) return rateReply(scope, caller, id.trim(), chosen.verdict, defer);
      // Only this server's own claims open in the form (curated claims are read-only from Discord).
      return { modal: editClaimModal(await scope.editable(id.trim())) };
    },
    async retire({ id, note }) {
      // A retirement is a correction: its note is checked before the write cooldown is spent.
      const draft = await scope.draftRetire(id.trim(), note);
      if (draft.kind === 'already-retired') return retiredView(draft.claim, true);
      const wait = await writeWait(ctx, caller.userId);
      if (wait > 0) return message(rateLimitedText(wait));
      await defer();
      const retired = await scope.saveRetire(draft, { by: caller.userId });
      ctx.log.info({ claimId: retired.id, guildId, userId: caller.userId }, 'claim retired');
      return retiredView(retired, false);
    },
    async review({ id }) {
      const draft = await scope.draftReview(id.trim());
      const wait = await writeWait(ctx, caller.userId);
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
