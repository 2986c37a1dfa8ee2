// "Notify me" and "Stop notifying me": a member waits for an answer to a question of theirs that had none, in the
// server it was asked in (the question it names is looked up there only), or stops waiting. Where the answer was
// public, the notice will reply to it in the channel; where it was private, it comes by direct message. Each
// acknowledges first: its write may wait for another process's lock (an import) longer than Discord's 3 seconds.
import { wholeNumber } from '../shared/customId.js';
import type { ComponentHandler } from '../shared/types.js';
import { notifyIds } from './customIds.js';
import { t } from '../shared/i18n.js';
import { stoppedView, subscribedView } from './noticeViews.js';

type NotifyValue = NonNullable<ReturnType<typeof notifyIds.parse>>;
const subscriptionId = wholeNumber(12);

export const notifyButtons: ComponentHandler<NotifyValue> = {
  ids: notifyIds,
  async button(ctx, { caller, control, message, defer }) {
    const scope = ctx.kb.scope(caller.guildId);
    await defer();
    if (control.action === 'me') {
      const where = { channelId: message?.channelId ?? null, messageId: message && !message.ephemeral ? message.id : null };
      const result = await scope.subscribe(control.value, caller.userId, where);
      if (result.status === 'subscribed')
        ctx.log.info({ guildId: caller.guildId, subscriptionId: result.subscription.id }, 'member waits for an answer');
      return subscribedView(result);
    }
    if (control.action === 'stop') return stoppedView(await scope.unsubscribe(control.value, caller.userId));
    return { content: t('notify.unavailable'), ephemeral: true };
  },
  async select(ctx, { caller, control, selected, defer }) {
    const chosen = subscriptionId.safeDecode(selected[0] ?? '');
    if (control.action !== 'drop' || !chosen.success) return { content: t('notify.unavailable'), ephemeral: true };
    await defer();
    return stoppedView(await ctx.kb.scope(caller.guildId).unsubscribe(chosen.data, caller.userId));
  },
  refuse: () => Promise.resolve({ content: t('notify.unavailable'), ephemeral: true }),
};
