// "Notify me": the button under a reply without an answer, what pressing it says, and the notice a member gets
// when a moderator's claim answers their question.
import { escapeMarkdown } from '@discordjs/formatters';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import { MAX_WAITING, type Notice, type SubscribeResult, type Subscription } from '../../knowledge/index.js';
import { claimEmbed } from '../shared/claimEmbed.js';
import { en, t } from '../shared/i18n.js';
import { quotedQuestion, truncate } from '../shared/limits.js';
import type { ReplyPayload } from '../shared/types.js';
import { notifyIds } from './customIds.js';

// The English texts, as tests compare them; replies take each in the member's language (t).
export const NOTIFY_LABEL = en('notify.label');
export const STOP_LABEL = en('notify.stop');
export const NOTIFY_UNAVAILABLE = en('notify.unavailable');

const quoted = (question: string) => `“${escapeMarkdown(quotedQuestion(question, 150))}”`;
const row = (...components: APIComponentInMessageActionRow[]): APIActionRowComponent<APIComponentInMessageActionRow> => ({
  type: ComponentType.ActionRow,
  components,
});

/** "Notify me" under a reply without an answer; `askedId` is the question's id in the log. */
export function notifyRow(askedId: number): APIActionRowComponent<APIComponentInMessageActionRow> {
  return row({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: notifyIds.make('me', askedId), label: t('notify.label') });
}

const stopRow = (subscription: Subscription) =>
  row({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: notifyIds.make('stop', subscription.id), label: t('notify.stop') });

/** What pressing "Notify me" says: waiting now, already waiting, or too many questions waiting (with a way to stop one). */
export function subscribedView(result: SubscribeResult): ReplyPayload {
  switch (result.status) {
    case 'subscribed': {
      const { subscription } = result;
      const where = t(subscription.messageId ? 'notify.hereInReply' : 'notify.byDm');
      return {
        content: t('notify.subscribed', { question: quoted(subscription.question), where }),
        components: [stopRow(subscription)],
        ephemeral: true,
      };
    }
    case 'already':
      return {
        content: t('notify.already', { question: quoted(result.subscription.question) }),
        components: [stopRow(result.subscription)],
        ephemeral: true,
      };
    case 'full':
      return {
        content: t('notify.full', { max: MAX_WAITING }),
        components: [
          row({
            type: ComponentType.StringSelect,
            custom_id: notifyIds.make('drop'),
            placeholder: t('notify.stopWaitingOn'),
            min_values: 1,
            max_values: 1,
            options: result.waiting.map((s) => ({ label: truncate(quotedQuestion(s.question, 100), 100), value: String(s.id) })),
          }),
        ],
        ephemeral: true,
      };
    case 'not-found':
      return { content: t('notify.unavailable'), ephemeral: true };
  }
}

export function stoppedView(stopped: boolean): ReplyPayload {
  return {
    content: t(stopped ? 'notify.stopped' : 'notify.notWaiting'),
    ephemeral: true,
  };
}

/**
 * The notice: in the channel (a reply to the public answer, mentioning only the member who asked to be told), or
 * privately (a direct message, or shown at their next /factcheck).
 */
export function noticeReply(notice: Notice, inChannel: boolean): ReplyPayload {
  const { subscription, claim, correction } = notice;
  const to = inChannel ? `<@${subscription.userId}>, you` : 'You';
  return {
    content: `🔔 ${to} asked ${quoted(subscription.question)} — a moderator has added an answer:`,
    embeds: [claimEmbed(claim, correction)],
    ephemeral: !inChannel,
  };
}
