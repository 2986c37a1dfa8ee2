// /claim: moderators curate this server's own claims: add and edit (through a form), retire (with a public note),
// review (mark as re-checked), show, list, stale (due for review), history, the questions /factcheck could not
// answer, and stats on questions and answer feedback. Curated claims are read-only here, and a server only ever
// sees and changes its own claims. Every action checks the moderator when it runs.
import { CHOICE_NAME_MAX, truncate } from '../shared/limits.js';
import { dispatch } from '../shared/options.js';
import { defineCommand } from '../shared/types.js';
import { COMMAND, knownErrorReply, moderatorScope, plainValidationReply } from './access.js';
import { claimComponents } from './components.js';
import { claimDefinition } from './definition.js';
import { subcommands, type ClaimInput } from './subcommands.js';
import { message, NOT_MODERATOR } from './views/messages.js';

/** Subcommands whose id option names a claim this server owns (the others: any claim visible here). */
const OWN_ID = new Set<string>(['edit', 'retire', 'review'] satisfies Array<ClaimInput['subcommand']>);

export default defineCommand({
  definition: claimDefinition,
  async run(ctx, { caller, input, defer }) {
    const moderated = moderatorScope(caller, ctx, COMMAND);
    if (!moderated) return message(NOT_MODERATOR);
    try {
      return await dispatch(subcommands(ctx, caller, moderated.guildId, defer), input);
    } catch (error) {
      return knownErrorReply(error, plainValidationReply);
    }
  },
  async autocomplete(ctx, { caller, subcommand, typed }) {
    // Non-moderators get no choices: a server's retired claims are not theirs to browse.
    if (!caller.moderator) return [];
    try {
      const own = OWN_ID.has(subcommand ?? '');
      const claims = await ctx.kb.scope(caller.guildId).autocomplete(typed, { own, withRetired: !own });
      return claims.map((c) => ({ name: truncate(c.status === 'retired' ? `[retired] ${c.statement}` : c.statement, CHOICE_NAME_MAX), value: c.id }));
    } catch (error) {
      ctx.log.error({ err: error }, 'claim autocomplete failed; answering with no choices');
      return [];
    }
  },
  components: [claimComponents],
});
