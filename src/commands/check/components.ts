// "Post publicly" under a private fact-check: the member chooses to share it. The private reply says it was posted,
// and the same check (as the question log has it, in this server only) goes to the channel for everyone.
import type { ComponentHandler } from '../shared/types.js';
import { checkIds, type CheckControl } from './customIds.js';
import { t } from '../shared/i18n.js';
import { checkView } from './views.js';

export const checkButtons: ComponentHandler<CheckControl> = {
  ids: checkIds,
  async button(ctx, { caller, control }) {
    const check = await ctx.kb.scope(caller.guildId).recall(control.value.askedId);
    if (!check) return { content: t('check.gone'), ephemeral: true };
    ctx.log.info({ guildId: caller.guildId, askedId: control.value.askedId }, 'fact-check posted publicly');
    return { update: { content: t('check.posted'), followUps: [checkView(check, control.value.where, caller.guildId, false)] } };
  },
  refuse: () => Promise.resolve({ content: t('check.gone'), ephemeral: true }),
};
