// "Notify me": the button under a reply without an answer, what pressing it says, and the notice a member gets
// when a moderator's claim answers their question.
import { escapeMarkdown } from '@discordjs/formatters';
import { ButtonStyle, ComponentType } from 'discord-api-types/v10';
import type { APIActionRowComponent, APIComponentInMessageActionRow } from 'discord.js';
import { MAX_WAITING, type Notice, type SubscribeResult, type Subscription } from '../../knowledge/index.js';
import { claimEmbed } from '../shared/claimEmbed.js';
import { quotedQuestion, truncate } from '../shared/limits.js';
import type { ReplyPayload } from '../shared/types.js';
import { notifyIds } from './customIds.js';

export const NOTIFY_LABEL = 'Notify me';
export const STOP_LABEL = 'Stop notifying me';
export const NOTIFY_UNAVAILABLE = 'That question is not from this server, or it has been answered or dismissed since.';

const quoted = (question: string) => `“${escapeMarkdown(quotedQuestion(question, 150))}”`;
const row = (...components: APIComponentInMessageActionRow[]): APIActionRowComponent<APIComponentInMessageActionRow> => ({
  type: ComponentType.ActionRow,
  components,
});

/** "Notify me" under a reply without an answer; `askedId` is the question's id in the log. */
export function notifyRow(askedId: number): APIActionRowComponent<APIComponentInMessageActionRow> {
  return row({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: notifyIds.make('me', askedId), label: NOTIFY_LABEL });
}

const stopRow = (subscription: Subscription) =>
  row({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: notifyIds.make('stop', subscription.id), label: STOP_LABEL });

/** What pressing "Notify me" says: waiting now, already waiting, or too many questions waiting (with a way to stop one). */
export function subscribedView(result: SubscribeResult): ReplyPayload {
  switch (result.status) {
    case 'subscribed': {
      const { subscription } = result;
      const where = subscription.messageId ? 'here, in reply to the answer' : 'by direct message';
      return {
        content: `🔔 When a moderator adds an answer to ${quoted(subscription.question)}, I will tell you ${where} — once.`,
        components: [stopRow(subscription)],
        ephemeral: true,
      };
    }
    case 'already':
      return {
        content: `You are already waiting for an answer to ${quoted(result.subscription.question)}.`,
        components: [stopRow(result.subscription)],
        ephemeral: true,
      };
    case 'full':
      return {
        content: `You are waiting for answers to ${MAX_WAITING} questions in this server, the most. Stop waiting on one to wait on this one:`,
        components: [
          row({
            type: ComponentType.StringSelect,
            custom_id: notifyIds.make('drop'),
            placeholder: 'Stop waiting on…',
            min_values: 1,
            max_values: 1,
            options: result.waiting.map((s) => ({ label: truncate(quotedQuestion(s.question, 100), 100), value: String(s.id) })),
          }),
        ],
        ephemeral: true,
      };
    case 'not-found':
      return { content: NOTIFY_UNAVAILABLE, ephemeral: true };
  }
}

export function stoppedView(stopped: boolean): ReplyPayload {
  return {
    content: stopped ? 'Done: you will not be told about that question.' : 'You were not waiting on that question (already told, or stopped).',
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
